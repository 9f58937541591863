#!/usr/bin/env bash
# Builds the images of deploy/docker/ on this machine with buildah and runs a sweep inside them.
#
#   bash deploy/images/check.sh            # as root; measured here: cold 8 min 14 s, warm (bases cached) 2 min 57 s
#
# No image registry is reachable here, so the Dockerfiles' FROM images cannot be pulled. The check
# makes its own bases and hands them to the SAME Dockerfiles through their ARGs (SDK_IMAGE,
# RUNTIME_IMAGE), which is the only difference from a real `docker build`:
#
#   localhost/grn-check/bookworm   Debian 12 minbase (debootstrap from Debian's mirror) with what the
#                                  .NET images add to a distribution: ICU, CA certificates, tzdata
#   localhost/grn-check/sdk        + this machine's .NET SDK (/usr/share/dotnet, copied), and this
#                                  machine's CA bundle and NUGET_CERT_REVOCATION_MODE: the NuGet feed
#                                  is reached through an egress proxy that re-signs TLS, so the
#                                  Dockerfiles' own `dotnet restore` (run inside the build, as
#                                  published) reaches the same feed as `dotnet restore` on the host
#   localhost/grn-check/aspnet     + the .NET and ASP.NET Core runtimes only, and the user app
#                                  (uid/gid 1654), as in Microsoft's aspnet images
#
# Microsoft's images are Ubuntu 24.04; these are Debian 12, so the build stage's publish applies the
# TorchSharp GLIBCXX fix of build/ (on Ubuntu it finds nothing to do). Then, with buildah (vfs storage,
# chroot isolation, in a network namespace of its own so the image's own ports 8080/11111/30000 are
# free), it:
#   1. builds deploy/docker/silo.Dockerfile and cli.Dockerfile, each whole: without --layers, since
#      vfs stores every layer as a full copy of the file system (about 20 GB for the two images'
#      layers against 3 GB for the cache as it is). The layer order that lets a source change reuse
#      the restore layer is checked statically by tests/GradRetentionNet.Images.Tests;
#   2. tries deploy/docker/silo-cuda.Dockerfile unchanged: it must stop at its first FROM, since
#      neither mcr.microsoft.com nor nvidia/cuda nor TorchSharp-cuda-linux is reachable here;
#   3. starts grn-silo in the silo image as its USER, with an API token and a temporary runs folder,
#      waits for the image's own HEALTHCHECK command to pass, asks /health/ready, and runs one sweep
#      (2 jobs on the offline MNIST digits of build/offline-data.sh) through the HTTP API with grn
#      from the CLI image; checks the silo wrote nothing outside /tmp, /runs and /data;
#   4. prints each image's size and the time each step took.
#
# Cache: $GRN_IMAGE_CACHE (default ~/.cache/gradretentionnet/images, about 3 GB) holds the
# debootstrap rootfs tar, buildah's storage (the bases and the last images) and the build logs.
# Delete it for a cold run. A build needs about 5 GB more while it runs, and CPU: each runs under
# `flock /tmp/grn-build.lock nice -n 10`, shared with the project's other builds.
#
# Exits 0 when every check passed; otherwise 1 with a line naming the failed step (its log is kept).
set -euo pipefail
cd "$(dirname "$0")/../.."

cache=${GRN_IMAGE_CACHE:-$HOME/.cache/gradretentionnet/images}
offline=${GRN_OFFLINE_DATA:-$HOME/.cache/gradretentionnet/offline}
lock=/tmp/grn-build.lock
token=image-check-token
started=$(date +%s)

[ $# -eq 0 ] || { echo "usage: bash deploy/images/check.sh" >&2; exit 2; }

log() { echo "images: $*"; }
fail() { echo "images: error: $*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

[ "$(id -u)" -eq 0 ] || fail "run as root: buildah's vfs storage and chroot isolation need it here"
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is missing: the local SDK base copies this machine's"

# Tools: Debian's buildah and debootstrap.
missing=()
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } ||
    fail "apt-get install ${missing[*]} failed"
fi

mkdir -p "$cache/logs"
# buildah's storage lives in the cache (vfs: no overlay mounts in this sandbox), isolation is chroot.
cat >"$cache/storage.conf" <<EOF
[storage]
driver = "vfs"
graphroot = "$cache/storage"
runroot = "$cache/run"
EOF
export CONTAINERS_STORAGE_CONF=$cache/storage.conf BUILDAH_ISOLATION=chroot
image_exists() { buildah inspect --type image "$1" >/dev/null 2>&1; }
# heavy LOG COMMAND...: runs a CPU- and disk-heavy step under the shared build lock, its output in LOG.
heavy() {
  local name=$1; shift
  flock "$lock" nice -n 10 "$@" >"$cache/logs/$name.log" 2>&1 ||
    { tail -n 30 "$cache/logs/$name.log" >&2; fail "$name failed (log: $cache/logs/$name.log)"; }
}

# --- 1. The Debian 12 minbase root, once --------------------------------------------------------
# The packages the .NET images add to a distribution; the list is part of the cache key.
base_packages=ca-certificates,libicu72,libssl3,tzdata,zlib1g
rootfs_tar=$cache/bookworm-minbase.tar
step=$(date +%s)
if [ "$(cat "$rootfs_tar.packages" 2>/dev/null)" != "$base_packages" ] || [ ! -s "$rootfs_tar" ]; then
  log "debootstrap --variant=minbase bookworm (+ $base_packages) from deb.debian.org"
  work=$(mktemp -d "$cache/.rootfs-XXXXXX")
  heavy debootstrap debootstrap --variant=minbase --include="$base_packages" bookworm "$work/root" http://deb.debian.org/debian
  # What Debian's own container images leave out: package caches and lists.
  rm -rf "$work"/root/var/cache/apt/*.bin "$work"/root/var/cache/apt/archives/*.deb "$work"/root/var/lib/apt/lists/*
  tar -C "$work/root" --numeric-owner -cf "$rootfs_tar.part" .
  rm -rf "$work"
  mv "$rootfs_tar.part" "$rootfs_tar"
  echo "$base_packages" >"$rootfs_tar.packages"
  for old in localhost/grn-check/bookworm:minbase localhost/grn-check/sdk:local localhost/grn-check/aspnet:local; do
    buildah rmi -f "$old" >/dev/null 2>&1 || true
  done
  log "rootfs: $(du -h "$rootfs_tar" | cut -f1) in $(elapsed "$step")"
else
  log "rootfs: cached ($rootfs_tar)"
fi

# --- 2. Local bases, once per SDK ----------------------------------------------------------------
sdk_version=$(dotnet --version)
dotnet_home=$(dirname "$(readlink -f "$(command -v dotnet)")")
step=$(date +%s)
if ! image_exists localhost/grn-check/bookworm:minbase; then
  c=$(buildah from scratch)
  buildah add "$c" "$rootfs_tar" / >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd /bin/bash "$c"
  buildah commit --quiet --rm "$c" localhost/grn-check/bookworm:minbase >/dev/null
fi
# An image's label records the SDK it was made from: a newer SDK on the host makes new bases.
made_from() { buildah inspect --type image --format '{{index .OCIv1.Config.Labels "grn-check.sdk"}}' "$1" 2>/dev/null || true; }
if [ "$(made_from localhost/grn-check/sdk:local)" != "$sdk_version" ]; then
  log "base localhost/grn-check/sdk:local: Debian 12 + .NET SDK $sdk_version from $dotnet_home"
  c=$(buildah from --pull=never localhost/grn-check/bookworm:minbase)
  heavy base-sdk buildah copy "$c" "$dotnet_home" /usr/share/dotnet
  buildah copy "$c" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt >/dev/null
  buildah run "$c" -- ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
  buildah config --label grn-check.sdk="$sdk_version" \
    --env DOTNET_ROOT=/usr/share/dotnet --env DOTNET_RUNNING_IN_CONTAINER=true --env DOTNET_NOLOGO=true \
    --env DOTNET_CLI_TELEMETRY_OPTOUT=1 --env DOTNET_GENERATE_ASPNET_CERTIFICATE=false --env NUGET_XMLDOC_MODE=skip \
    --env NUGET_CERT_REVOCATION_MODE="${NUGET_CERT_REVOCATION_MODE:-online}" "$c"
  heavy commit-sdk buildah commit --rm "$c" localhost/grn-check/sdk:local
fi
if [ "$(made_from localhost/grn-check/aspnet:local)" != "$sdk_version" ]; then
  log "base localhost/grn-check/aspnet:local: Debian 12 + the .NET and ASP.NET Core runtimes, user app (1654)"
  c=$(buildah from --pull=never localhost/grn-check/bookworm:minbase)
  for part in dotnet host shared LICENSE.txt ThirdPartyNotices.txt; do
    buildah copy "$c" "$dotnet_home/$part" "/usr/share/dotnet/$part" >/dev/null
  done
  buildah run "$c" -- sh -ec 'ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
    groupadd --gid 1654 app
    useradd --uid 1654 --gid 1654 --create-home --no-log-init app'
  buildah config --label grn-check.sdk="$sdk_version" --env APP_UID=1654 --env ASPNETCORE_HTTP_PORTS=8080 \
    --env DOTNET_ROOT=/usr/share/dotnet --env DOTNET_RUNNING_IN_CONTAINER=true "$c"
  heavy commit-aspnet buildah commit --rm "$c" localhost/grn-check/aspnet:local
fi
log "bases ready in $(elapsed "$step")"

# --- 3. The images, from the published Dockerfiles -----------------------------------------------
build_image() {
  local name=$1 tag=$2 step
  step=$(date +%s)
  heavy "build-$name" buildah bud --format docker --pull=never \
    --build-arg SDK_IMAGE=localhost/grn-check/sdk:local --build-arg RUNTIME_IMAGE=localhost/grn-check/aspnet:local \
    --ignorefile "deploy/docker/$name.Dockerfile.dockerignore" -f "deploy/docker/$name.Dockerfile" -t "$tag" .
  # buildah marks every step it took from its layer cache.
  log "built $tag from deploy/docker/$name.Dockerfile in $(elapsed "$step")"
}
build_image silo localhost/grn-silo:check
build_image cli localhost/grn:check
# The previous run's images, untagged now: vfs keeps each whole.
buildah rmi --prune >/dev/null 2>&1 || true

# The CUDA image: built unchanged it must fail at its first FROM (nothing it needs is reachable).
step=$(date +%s)
if timeout 300 buildah bud --format docker \
    --ignorefile deploy/docker/silo-cuda.Dockerfile.dockerignore -f deploy/docker/silo-cuda.Dockerfile -t localhost/grn-silo:check-cuda . \
    >"$cache/logs/build-silo-cuda.log" 2>&1; then
  fail "deploy/docker/silo-cuda.Dockerfile built here, which cannot be: its bases and TorchSharp-cuda-linux are not reachable"
fi
log "silo-cuda.Dockerfile: stops at its first FROM as expected here, after $(elapsed "$step"): $(grep -m1 -i -E 'error|fail' "$cache/logs/build-silo-cuda.log" | cut -c1-300)"

for image in localhost/grn-silo:check localhost/grn:check; do
  log "size $image: $(buildah images --format '{{.Size}}' "$image")"
done

# --- 4. A silo and a sweep inside the images ------------------------------------------------------
[ -f "$offline/mnist-digits-10k/SOURCE" ] || heavy offline-data bash build/offline-data.sh
work=$(mktemp -d /tmp/grn-image-check-XXXXXX)
silo=$(buildah from --pull=never localhost/grn-silo:check)
cli=$(buildah from --pull=never localhost/grn:check)
cleanup() {
  buildah rm "$silo" "$cli" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/runs" "$work/spec"
chown 1654:1654 "$work/runs" "$work/spec"
cat >"$work/spec/sweep.yaml" <<'EOF'
name: image-check
datasets: [mnist-digits-10k]
optimizers: [sgd, enhanced-sgd]
seeds: [1]
epochs: 1
limits: { max_train_samples: 512, max_test_samples: 256 }
EOF
silo_mount=$(buildah mount "$silo")
touch "$work/marker"
# The image's HEALTHCHECK (kept by --format docker; OCI images have none), as buildah run arguments.
healthcheck=$(buildah inspect --type image localhost/grn-silo:check | python3 -c '
import json, sys
check = (json.load(sys.stdin).get("Docker", {}).get("config") or {}).get("Healthcheck") or {}
print(json.dumps(check))')
log "HEALTHCHECK of localhost/grn-silo:check: $healthcheck"
mapfile -t probe < <(python3 -c '
import json, sys
test = json.loads(sys.argv[1]).get("Test") or []
if test[:1] == ["CMD"]: print("\n".join(test[1:]))' "$healthcheck")
[ ${#probe[@]} -gt 0 ] || fail "the silo image has no exec-form HEALTHCHECK: $healthcheck"

# in_namespace PROBE...: starts the silo, waits for PROBE (the HEALTHCHECK command) to pass, asks
# /health/ready and runs the sweep. Runs in a network namespace of its own (unshare --net), so the
# silo listens on its image's own ports, free whatever else runs on this machine.
in_namespace() {
  local out healthy="" ready sweep step
  step=$(date +%s)
  ip link set lo up
  buildah run --volume "$work/runs:/runs" --volume "$offline/mnist-digits-10k:/data/offline/mnist-digits-10k:ro" \
    --env GRN_Silo__ApiToken="$token" --env GRN_Silo__Name=image-check "$silo" -- dotnet /app/grn-silo.dll \
    >"$cache/logs/silo.log" 2>&1 &
  runner=$! # global: the EXIT trap reads it after this function returns
  # SIGTERM, as a container engine stops it: the silo shuts down gracefully.
  trap 'kill -TERM $runner 2>/dev/null || true; wait $runner 2>/dev/null || true' EXIT
  for _ in $(seq 90); do
    if out=$(buildah run "$silo" -- "$@" 2>&1); then healthy=$out; break; fi
    kill -0 "$runner" 2>/dev/null || { tail -n 20 "$cache/logs/silo.log" >&2; fail "grn-silo exited in the image"; }
    sleep 1
  done
  [ -n "$healthy" ] || { tail -n 20 "$cache/logs/silo.log" >&2; fail "the HEALTHCHECK command never passed: $out"; }
  log "HEALTHCHECK command passed $(elapsed "$step") after the start: $healthy"
  log "the silo runs as uid $(buildah run "$silo" -- id -u)"
  ready=$(buildah run "$silo" -- dotnet /app/grn-silo.dll health --url http://127.0.0.1:8080/health/ready 2>&1) ||
    fail "/health/ready: $ready"
  log "/health/ready: $ready"
  sweep=$(date +%s)
  grn_in_image submit /work/sweep.yaml --watch >"$cache/logs/sweep.log" 2>&1 ||
    { tail -n 20 "$cache/logs/sweep.log" >&2; fail "grn submit --watch failed in the CLI image"; }
  log "sweep through the API, grn in the CLI image, $(elapsed "$sweep"): $(grep "image-check:" "$cache/logs/sweep.log" | tail -n 1)"
  grn_in_image results image-check --format csv | sed "s/^/images:   /"
}
grn_in_image() { buildah run --volume "$work/spec:/work" "$cli" -- dotnet /app/grn.dll "$@" --server http://127.0.0.1:8080 --token "$token"; }
export -f log fail elapsed in_namespace grn_in_image
export cache offline silo cli work token
unshare --net bash -euo pipefail -c 'in_namespace "$@"' in_namespace "${probe[@]}"

# Files the silo wrote in the image (the container's root, not its volumes): with a read-only root
# filesystem only /tmp, /runs and /data may change. buildah itself writes /etc/hosts, /etc/hostname,
# /etc/resolv.conf and /run for every `buildah run`.
written=$(cd "$silo_mount" && find . \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./tmp -o -path ./runs -o -path ./data -o -path ./run \) -prune \
  -o -newer "$work/marker" ! -path ./etc/hosts ! -path ./etc/hostname ! -path ./etc/resolv.conf ! -path . -print | head -n 20)
[ -z "$written" ] || fail "the silo wrote outside /tmp, /runs and /data: $(echo "$written" | tr '\n' ' ')"
log "written outside /tmp, /runs, /data: nothing"
jobs=$(find "$work/runs" -name 'result.json' | wc -l)
log "job results on the runs volume: $jobs"
[ "$jobs" -ge 2 ] || fail "expected 2 job results under the runs volume, found $jobs"
log "all checks passed in $(elapsed "$started")"
