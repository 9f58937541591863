#!/usr/bin/env bash
# Packs what bench/gpu/run.sh needs on a machine without .NET or NuGet into .gpu/ (ignored by git;
# the device tool carries it): the .NET runtimes of this SDK, a framework-dependent publish of grn,
# grn-silo and grn-benchmarks without libtorch's own libraries (the GPU machine's PyTorch brings
# libtorch with CUDA), and the offline digits. About 50 MB, under the 64 MiB the device tool carries.
set -euo pipefail
cd "$(dirname "$0")/../.."

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
data=${GRN_OFFLINE_DATA:-$HOME/.cache/gradretentionnet/offline}
[ -d "$data/mnist-digits-10k" ] || { echo "error: $data/mnist-digits-10k is missing: run bash build/offline-data.sh first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for project in Cli Silo Benchmarks; do
  dotnet publish "src/GradRetentionNet.$project" -c Release -r linux-x64 --self-contained false -o "$work/app" -v q -nologo
done
# libtorch's libraries come from the GPU machine's PyTorch; LibTorchSharp and the plotting natives stay.
find "$work/app" -maxdepth 1 \( -name 'libtorch*.so' -o -name 'libc10*.so' -o -name 'libgomp*' -o -name 'libshm.so' \
  -o -name 'libaoti_custom_ops.so' -o -name 'libbackend_with_compiler.so' -o -name 'libjitbackend_test.so' -o -name 'libnnapi_backend.so' \) -delete

mkdir -p .gpu
tar -C "$dotnet_root/.." -cf - "$(basename "$dotnet_root")/dotnet" "$(basename "$dotnet_root")/host" "$(basename "$dotnet_root")/shared" \
  --transform "s|^$(basename "$dotnet_root")|dotnet|" | xz -T2 -6 >.gpu/dotnet.tar.xz
tar -C "$work" -cf - app | xz -T2 -6 >.gpu/app.tar.xz
tar -C "$data" -cf - mnist-digits-10k | xz -T2 -6 >.gpu/data.tar.xz
du -ch .gpu/*.tar.xz
