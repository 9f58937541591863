"""A description of the machine a benchmark ran on, for its JSON and its table."""

import os
import platform
import re
import subprocess


def _first(path, pattern):
    try:
        with open(path) as f:
            for line in f:
                found = re.match(pattern, line)
                if found:
                    return found.group(1).strip()
    except OSError:
        pass
    return None


def _command(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def _package_version(props, package):
    """A pinned version from Directory.Packages.props (<PackageVersion Include="X" Version="V" />)."""
    try:
        with open(props) as f:
            found = re.search(rf'Include="{re.escape(package)}"\s+Version="([^"]+)"', f.read())
        return found.group(1) if found else None
    except OSError:
        return None


def describe(repository_root):
    """CPU, cores, memory, OS, .NET SDK and the Torch packages the build pins."""
    memory_kib = _first("/proc/meminfo", r"MemTotal:\s+(\d+) kB")
    props = os.path.join(repository_root, "Directory.Packages.props")
    gpus = _command("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
    return {
        "cpu": _first("/proc/cpuinfo", r"model name\s*:\s*(.*)") or platform.processor() or "unknown",
        "logical_cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": round(int(memory_kib) / 1024 / 1024, 1) if memory_kib else None,
        "os": (_first("/etc/os-release", r'PRETTY_NAME="?([^"]*)"?') or platform.system()) + f", kernel {platform.release()}",
        "dotnet_sdk": _command("dotnet", "--version"),
        "torchsharp_package": _package_version(props, "TorchSharp"),
        "libtorch_package": _package_version(props, "libtorch-cpu-linux-x64"),
        "gpus": gpus.splitlines() if gpus else [],
    }


def load_average():
    """The 1-minute load average: on a shared machine, how busy it was around a measurement."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None
