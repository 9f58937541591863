#!/usr/bin/env bash
# Prints the machine a benchmark ran on as JSON: CPU model, cores, memory, OS, kernel, .NET SDK,
# TorchSharp version (from Directory.Packages.props) and the load average when it started.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - "$(dotnet --version 2>/dev/null || echo unknown)" <<'PY'
import json, os, platform, re, sys
def first(path, pattern):
    try:
        m = re.search(pattern, open(path).read(), re.M)
        return m.group(1).strip() if m else None
    except OSError:
        return None
torch = first("Directory.Packages.props", r'Include="TorchSharp[^"]*"\s+Version="([^"]+)"')
print(json.dumps({
    "cpu": first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$"),
    "cores": os.cpu_count(),
    "memory_gib": round(int(first("/proc/meminfo", r"^MemTotal:\s*(\d+)")) / 1048576, 1),
    "os": first("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)"?'),
    "kernel": platform.release(),
    "dotnet_sdk": sys.argv[1],
    "torchsharp": torch,
    "load_average_at_start": open("/proc/loadavg").read().split()[:3],
}, indent=2))
PY
