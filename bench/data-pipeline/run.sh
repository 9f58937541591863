#!/usr/bin/env bash
# The data pipeline: per dataset family, batches per second the loader delivers alone against training
# steps per second on the same batches, alternated round by round in one process (Program.cs).
# Usage: bash bench/data-pipeline/run.sh [OUT_DIR] [-- ARGS for the console, e.g. --rounds 5 imdb-sentences]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-runs/bench-data-pipeline}; shift || true
[[ ${1:-} == -- ]] && shift
mkdir -p "$out"
nice -n 19 dotnet build bench/data-pipeline -c Release -v q -nologo >/dev/null
bash bench/machine.sh > "$out/machine.json"
flock /tmp/grn-bench.lock dotnet bench/data-pipeline/bin/Release/net10.0/grn-bench-data-pipeline.dll \
  --json "$out/data-pipeline.json" --machine "$out/machine.json" "$@" | tee "$out/data-pipeline.txt"
