#!/usr/bin/env bash
# TorchSharp against PyTorch: the training step of SimpleCNN (MNIST and CIFAR shapes) and of the
# text classifier, with SGD and Adam, on 1 and 2 threads, batch 64, C# and PyTorch processes
# interleaved (interleave.py). Prints a table and writes JSON with the machine's description.
#
#   bash bench/pytorch/run.sh            # all 12 cases, 5 rounds: bench/pytorch/results.json
#   bash bench/pytorch/run.sh --smoke    # 3 cases, 1 round, well under a minute: runs/bench-pytorch/results-smoke.json
#
# Other options go to interleave.py: --rounds R, --steps N, --warmup W, --cases mnist/sgd/2 ...,
# --device cuda, --lock FILE, --out FILE, --peer-malloc same|glibc-default (same, the default: PyTorch
# gets the glibc mmap/trim thresholds the C# side sets itself; glibc-default: PyTorch as installed).
# Do not wrap this in flock: it takes the machine-wide benchmark lock (/tmp/grn-bench.lock) itself,
# per case, and would wait for itself.
#
# The PyTorch side is Debian's python3-torch run with /usr/bin/python3, on OpenBLAS
# (install-peer.sh installs both as root when missing and says which BLAS PyTorch loads).
# --python PATH uses another interpreter with torch (e.g. a GPU machine's), installing nothing;
# --csharp CMD runs the C# side from elsewhere (e.g. a self-contained publish: "/opt/grn-bench/grn-benchmarks step").
set -euo pipefail
cd "$(dirname "$0")/../.."

python=/usr/bin/python3
csharp=
smoke=0
forwarded=()
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python=$2; shift 2 ;;
    --csharp) csharp=$2; shift 2 ;;
    --smoke) smoke=1; forwarded+=("$1"); shift ;;
    *) forwarded+=("$1"); shift ;;
  esac
done

if [ "$python" = /usr/bin/python3 ]; then
  bash bench/pytorch/install-peer.sh
else
  echo "pytorch-peer: $("$python" bench/pytorch/blas.py)"
fi

if [ -z "$csharp" ]; then
  nice -n 19 dotnet build src/GradRetentionNet.Benchmarks -c Release -warnaserror -v q -nologo >/dev/null
  csharp="dotnet $PWD/src/GradRetentionNet.Benchmarks/bin/Release/net10.0/grn-benchmarks.dll step"
fi

out=()
if [ "$smoke" -eq 1 ]; then out=(--out runs/bench-pytorch/results-smoke.json); fi
# A later --out among the forwarded options wins (argparse keeps the last).
exec "$python" bench/pytorch/interleave.py --csharp "$csharp" "${out[@]}" "${forwarded[@]}"
