#!/usr/bin/env bash
# Runs the same random search twice on the embedded silo — with ASHA (asha.yaml) and without early
# stopping (no-early-stop.yaml) — then compares the work each did and the best configuration each
# found (compare.py). Usage: bash bench/early-stopping/run.sh [OUT_DIR]  (about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-runs/bench-early-stopping}
mkdir -p "$out"
rm -f "$out/wall.txt"
dotnet build -c Release src/GradRetentionNet.Cli -v q -nologo >/dev/null
for spec in asha no-early-stop; do
  start=$(date +%s%N)
  dotnet src/GradRetentionNet.Cli/bin/Release/net10.0/grn.dll run "bench/early-stopping/$spec.yaml" --out "$out" > "$out/$spec.log" 2>&1 \
    || { tail -20 "$out/$spec.log"; exit 1; }
  echo "$spec $(( ($(date +%s%N) - start) / 1000000 ))e-3" >> "$out/wall.txt"
done
python3 bench/early-stopping/compare.py "$out/bench-asha" "$out/bench-no-early-stop" "$out/wall.txt" --json "$out/comparison.json"
