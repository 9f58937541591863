#!/usr/bin/env bash
# Memory over 50 jobs in one silo (memory.yaml, one slot): resident memory after each job and its growth
# after the first five. Usage: bash bench/sweep-efficiency/memory.sh [OUT_DIR] [GRN_DLL]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-runs/bench-memory}
dll=${2:-}
if [[ -z $dll ]]; then
  nice -n 19 dotnet build src/GradRetentionNet.Cli -c Release -v q -nologo >/dev/null
  dll=src/GradRetentionNet.Cli/bin/Release/net10.0/grn.dll
fi
rm -rf "$out" && mkdir -p "$out"
bash bench/machine.sh > "$out/machine.json"
flock /tmp/grn-bench.lock python3 bench/sweep-efficiency/memory.py "$dll" "$out" --json "$out/memory.json"
