#!/usr/bin/env bash
# The GPU path on a machine with no .NET and no NuGet (the device machine of ../shared/docs/environment.md:
# one NVIDIA GPU, PyTorch with CUDA, nothing fetched). Brings this build there as three archives
# that bench/gpu/pack.sh makes here, points TorchSharp at the libtorch that PyTorch installed
# (LibTorchSharp is the same binary for CPU and CUDA; TorchSharp's CUDA package only adds libtorch's
# CUDA libraries), and records, into OUT:
#
#   probe.txt            GPU, driver, PyTorch and CUDA versions; whether LibTorchSharp loads against this
#                        libtorch and trains a step on the GPU (the exact error when it does not)
#   guard.txt            grn-silo with Silo:Gpus = the GPUs present starts and turns ready; one more is refused
#   sweep.txt, sweep-aggregate.json
#                        `grn run examples/quick.yaml` on the embedded silo, training on the GPU
#   pytorch-step-cuda.json, pytorch-step-cuda.txt
#                        bench/pytorch's interleaved step benchmark, C# against PyTorch on the GPU
#
#   bash bench/gpu/pack.sh                       # here: .gpu/{dotnet,app,data}.tar.xz (about 50 MB)
#   bash bench/gpu/run.sh OUT [--rounds R] [--budget SECONDS]   # there, in the repository's root
#
# --device cpu --torch-lib DIR rehearses the same path on a CPU machine with another libtorch.
# Each part is bounded so that a failing one leaves the others' results; --budget (default 420 s)
# is the time after which the step benchmark is not started.
set -uo pipefail
cd "$(dirname "$0")/../.."

out=${1:?usage: bench/gpu/run.sh OUT [--rounds R] [--budget SECONDS] [--device cuda|cpu] [--torch-lib DIR]}
shift
rounds=3
budget=420
device=cuda
torch_lib=
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --torch-lib) torch_lib=$2; shift 2 ;;
    *) echo "error: unknown option '$1': use --rounds, --budget, --device or --torch-lib" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
started=$SECONDS
python=${PYTHON:-python3}

root=$(mktemp -d /tmp/grn-gpu-XXXXXX)
for archive in dotnet app data; do
  tar -xJf ".gpu/$archive.tar.xz" -C "$root" || { echo "error: .gpu/$archive.tar.xz is missing or broken: run bash bench/gpu/pack.sh first" >&2; exit 2; }
done
[ -n "$torch_lib" ] || torch_lib=$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
export DOTNET_ROOT=$root/dotnet PATH=$root/dotnet:$PATH LD_LIBRARY_PATH=$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 GRN_OFFLINE_DATA=$root
app=$root/app

{
  echo "== machine"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 || echo "nvidia-smi: none"
  "$python" -c 'import torch; print("pytorch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), "cxx11abi", torch.compiled_with_cxx11_abi())'
  echo "libtorch: $torch_lib"
  dotnet --list-runtimes
  echo "== LibTorchSharp against this libtorch: 5 steps of SimpleCNN (mnist shape, SGD) on $device"
  timeout 120 dotnet "$app/grn-benchmarks.dll" step --workload mnist --optimizer sgd --threads 2 --batch 64 --warmup 2 --steps 5 --device "$device" 2>&1 | tail -c 3000
  echo "exit ${PIPESTATUS[0]}"
} >"$out/probe.txt" 2>&1
cat "$out/probe.txt"

# The guard rail: Silo:Gpus equal to the GPUs present starts and turns ready; one more is refused.
gpus=$(nvidia-smi --list-gpus 2>/dev/null | wc -l)
{
  for wanted in "$gpus" $((gpus + 1)); do
    echo "== grn-silo with Silo:Gpus=$wanted ($gpus present)"
    port=18080
    GRN_Silo__Gpus=$wanted GRN_Silo__ApiToken=rehearsal GRN_Silo__OutputRoot=$root/silo-runs \
      ASPNETCORE_URLS=http://127.0.0.1:$port timeout 90 dotnet "$app/grn-silo.dll" >"$root/silo.log" 2>&1 &
    silo=$!
    ready=
    for _ in $(seq 1 60); do
      if ! kill -0 "$silo" 2>/dev/null; then break; fi
      if ready=$("$python" -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/health/ready', timeout=2).read().decode())" 2>/dev/null); then break; fi
      sleep 1
    done
    if kill -0 "$silo" 2>/dev/null; then
      echo "ready: $ready"
      kill -TERM "$silo"; wait "$silo"; echo "stopped: exit $?"
    else
      wait "$silo"; echo "exited: $?"
    fi
    grep -E '^error:|GPU|Gpus|cuda' "$root/silo.log" | tail -n 5
  done
} >"$out/guard.txt" 2>&1
cat "$out/guard.txt"

{
  echo "== grn run examples/quick.yaml on the embedded silo (device auto: the GPUs it counts)"
  timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -v)
  sweep_started=$SECONDS
  "${timer[@]}" timeout 300 dotnet "$app/grn.dll" run examples/quick.yaml --out "$root/runs" 2>&1 | tail -n 80
  echo "wall: $((SECONDS - sweep_started)) s"
  cp "$root/runs/quick-mnist-digits/aggregate.json" "$out/sweep-aggregate.json" 2>/dev/null
  grep -h '"device"\|"Device"' "$root"/runs/quick-mnist-digits/*/result.json 2>/dev/null | sort | uniq -c | head
} >"$out/sweep.txt" 2>&1
tail -n 30 "$out/sweep.txt"

left=$((budget - (SECONDS - started)))
if [ "$left" -lt 60 ]; then
  echo "step benchmark skipped: ${left}s of the ${budget}s budget left" | tee "$out/pytorch-step-cuda.txt"
  exit 0
fi
echo "== step benchmark, C# against PyTorch on $device, $rounds rounds (${left}s left)"
cases=(mnist/sgd/2 mnist/adam/2 cifar/sgd/2 cifar/adam/2 text/sgd/2 text/adam/2)
timeout "$left" bash bench/pytorch/run.sh --python "$python" --csharp "dotnet $app/grn-benchmarks.dll step" \
  --device "$device" --rounds "$rounds" --steps 50 --warmup 10 --lock '' --cases "${cases[@]}" \
  --out "$out/pytorch-step-cuda.json" >"$out/pytorch-step-cuda.txt" 2>&1
echo "exit $?" >>"$out/pytorch-step-cuda.txt"
cat "$out/pytorch-step-cuda.txt"
