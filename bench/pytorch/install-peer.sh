#!/usr/bin/env bash
# Makes sure the PyTorch peer is present: Debian's python3-torch (PyTorch 1.13, CPU) with
# OpenBLAS behind it. Debian's torch calls BLAS through libblas.so.3, which the alternatives
# system points at the reference BLAS unless libopenblas0-pthread is installed; against the
# reference BLAS the step runs about twice as slow, which would be no fair comparison.
# Installs what is missing when running as root (apt-get install); otherwise names the packages
# and fails. Prints the BLAS that PyTorch reports (BLAS_INFO) and the library it actually loads.
set -euo pipefail

python=/usr/bin/python3   # Debian's interpreter: the python3 on PATH may be another one without torch
packages=(python3-torch libopenblas0-pthread)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "pytorch-peer: error: missing Debian packages: ${missing[*]}; run as root or: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "pytorch-peer: installing ${missing[*]}" >&2
  # A fresh machine may have no package lists yet.
  if ! apt-cache policy "${missing[@]}" | grep -q "Candidate: [0-9]"; then apt-get update -q >/dev/null; fi
  # Another process may hold the dpkg lock for a while (other installs, CI): wait for it.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

blas_library=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)
case "$blas_library" in
  *openblas*) ;;
  *) echo "pytorch-peer: warning: libblas.so.3 resolves to $blas_library, not OpenBLAS: PyTorch runs on the reference BLAS" >&2 ;;
esac
echo "pytorch-peer: $("$python" "$(dirname "$0")/blas.py")"
