#!/usr/bin/env bash
# The sweep's efficiency: runs a sweep on the embedded silo (default examples/quick.yaml) and accounts
# for its wall time — the jobs' training and test passes against everything else (start-up, data
# loading, setup, checkpoints, result writes, Grad-CAM, gaps between jobs, the report at the end) —
# and its peak resident memory (/usr/bin/time -v). analyse.py prints the table and writes JSON.
#
# Usage: bash bench/sweep-efficiency/run.sh [--runs N] [--spec FILE] [--out DIR] [LABEL=GRN_DLL ...]
#   With several LABEL=DLL builds (e.g. before=/tmp/grn-before/grn.dll after=src/.../grn.dll) the
#   runs interleave them (A B A B ...) and analyse.py reports each one's medians and the ratio of B's
#   wall time to A's, run by run. Without one, it builds and measures this tree's grn.
# Every run holds the machine-wide lock /tmp/grn-bench.lock (other benchmarks take it too).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=3 spec=examples/quick.yaml out=runs/bench-sweep-efficiency
builds=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --spec) spec=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *=*) builds+=("$1"); shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ ${#builds[@]} -eq 0 ]]; then
  nice -n 19 dotnet build src/GradRetentionNet.Cli -c Release -v q -nologo >/dev/null
  builds=("current=src/GradRetentionNet.Cli/bin/Release/net10.0/grn.dll")
fi
rm -rf "$out" && mkdir -p "$out"
bash bench/machine.sh > "$out/machine.json"
for run in $(seq 1 "$runs"); do
  for build in "${builds[@]}"; do
    label=${build%%=*} dll=${build#*=}
    dir="$out/$label/run-$run"
    mkdir -p "$dir"
    # The clock starts and stops inside the lock: waiting for it is not the sweep's time.
    flock /tmp/grn-bench.lock bash -c '
      date +%s.%N > "$1/start"
      /usr/bin/time -v -o "$1/time.txt" dotnet "$2" run "$3" --out "$1/sweep" > "$1/grn.log" 2>&1 || { tail -20 "$1/grn.log"; exit 1; }
      date +%s.%N > "$1/end"
      cat /proc/loadavg > "$1/loadavg"' _ "$dir" "$dll" "$spec"
    echo "$label run $run: $(python3 -c "print(round($(cat "$dir/end") - $(cat "$dir/start"), 1))") s"
  done
done
python3 bench/sweep-efficiency/analyse.py "$out" --json "$out/sweep-efficiency.json"
