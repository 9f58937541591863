#!/usr/bin/env bash
# Accuracy parity with PyTorch: `grn train` (SimpleCNN, SGD lr 0.01 momentum 0.9, batch 64,
# 1 epoch on the real digits of mnist-digits-10k) and a PyTorch replica of the same job
# (parity.py: same digits, order and initial weights) must give the same test accuracy for every
# seed. Runs both sides per seed, then compares; exits 1 when a seed differs. On 2,000 digits
# (32 steps) they agree; on longer runs the two libtorch builds' last-bit rounding differences
# can grow enough to flip a few test digits (BENCHMARKS.md).
#
#   bash bench/pytorch/parity.sh [--seeds "1 2 3 4 5"] [--max-train-samples 2000] [--threads N] [--out DIR]
#
# --threads N runs both sides on N threads (OMP/MKL/OpenBLAS thread counts; the PyTorch replica
# takes grn's torch thread count from its result.json); without it each library picks its default.
#
# Needs root on a machine without python3-torch (install-peer.sh installs it) and fills the
# offline data home (build/offline-data.sh) when mnist-digits-10k is missing. Each training, on
# either side, holds the machine-wide benchmark lock: it is not timed, but would disturb timings.
set -euo pipefail
cd "$(dirname "$0")/../.."

seeds="1 2 3 4 5"
max_train=2000
threads=
out=runs/bench-pytorch-parity
lock=/tmp/grn-bench.lock
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --max-train-samples) max_train=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "parity.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

bash bench/pytorch/install-peer.sh
bash build/offline-data.sh >/dev/null
nice -n 19 dotnet build src/GradRetentionNet.Cli -c Release -warnaserror -v q -nologo >/dev/null

if [ -n "$threads" ]; then export OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads; fi

# A fresh folder: parity.py expects one job folder per seed.
grn_out=$out/grn-$max_train${threads:+-threads-$threads}
rm -rf "$grn_out"
mkdir -p "$grn_out"
for seed in $seeds; do
  echo "parity: seed $seed: grn train" >&2
  flock "$lock" dotnet src/GradRetentionNet.Cli/bin/Release/net10.0/grn.dll train --dataset mnist-digits-10k --model simple-cnn \
    --optimizer sgd --lr 0.01 --hp momentum=0.9 --batch-size 64 --epochs 1 --max-train-samples "$max_train" --seed "$seed" \
    --gradcam-samples 0 --out "$grn_out" >"$grn_out/seed-$seed.log" 2>&1 || { tail -20 "$grn_out/seed-$seed.log" >&2; exit 1; }
done
echo "parity: PyTorch replicas" >&2
# shellcheck disable=SC2086 # the seeds are a list
/usr/bin/python3 bench/pytorch/parity.py --grn-out "$grn_out" --seeds $seeds --max-train-samples "$max_train" \
  --lock "$lock" --out "$out/parity-$max_train${threads:+-threads-$threads}.json"
