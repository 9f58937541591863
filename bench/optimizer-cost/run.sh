#!/usr/bin/env bash
# EnhancedSGD's cost (BENCHMARKS.md, "EnhancedSGD's cost"): a SimpleCNN (1x28x28, batch 64) step
# with sgd (0.01, momentum 0.9), adam and EnhancedSGD, interleaved in one process, at 1 and 2
# torch threads; then, at 1 thread, the ablation profiles that say where EnhancedSGD's extra time
# goes. Writes results.json and attribution.json here (with --smoke: a tiny run into
# runs/bench-optimizer-cost-smoke, whose figures mean nothing).
# Usage: bash bench/optimizer-cost/run.sh [--smoke]   (about 4 minutes on 2 idle cores)
# Each measurement holds the machine-wide benchmark lock ($GRN_BENCH_LOCK, default
# /tmp/grn-bench.lock) so that runs on a shared machine do not overlap; an idle machine just takes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/optimizer-cost
extra=()
if [ "${1:-}" = "--smoke" ]; then
  out=runs/bench-optimizer-cost-smoke
  extra=(--smoke)
fi
mkdir -p "$out"
nice -n 19 dotnet build src/GradRetentionNet.Benchmarks -c Release -warnaserror -v q -nologo >/dev/null
bench=(dotnet src/GradRetentionNet.Benchmarks/bin/Release/net10.0/grn-benchmarks.dll optimizer-cost)
lock=(flock "${GRN_BENCH_LOCK:-/tmp/grn-bench.lock}")

"${lock[@]}" "${bench[@]}" --threads 1,2 --rounds 20 \
  --optimizers sgd,adam,enhanced-sgd,enhanced-sgd-legacy --json "$out/results.json" "${extra[@]}"

# Each ablation switches one part off; the last leaves only what every profile does (gradient
# statistics, telemetry, the working copy and the momentum update).
"${lock[@]}" "${bench[@]}" --threads 1 --rounds 20 \
  --optimizers sgd,enhanced-sgd,enhanced-sgd-no-noise,enhanced-sgd-no-clip,enhanced-sgd-no-controller,enhanced-sgd-no-controller:clip=none:noise_eta=0:variance_lr_margin=0 \
  --json "$out/attribution.json" "${extra[@]}"
