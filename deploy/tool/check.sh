#!/usr/bin/env bash
# Packs src/GradRetentionNet.Cli as the dotnet tool `grn`, installs it into a temporary tool path
# from that package alone, and runs it: `grn --help` and a 1-job `grn run` on the offline MNIST
# digits (build/offline-data.sh). Prints the package's size and what it carries of Torch.
#
#   bash deploy/tool/check.sh             # about 1-2 min; pack runs under the shared build lock
#
# On Debian 12 the run also shows the package carries the GLIBCXX-fixed libLibTorchSharp.so (build/):
# unfixed, TorchSharp would not load there. The package is about 210 MB (nuget.org takes up to 250).
#
# Exits 0 when the installed tool ran the sweep; 1 with a line naming the failed step.
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { echo "tool: $*"; }
fail() { echo "tool: error: $*" >&2; exit 1; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

work=$(mktemp -d /tmp/grn-tool-check-XXXXXX)
trap 'rm -rf "$work"' EXIT
offline=${GRN_OFFLINE_DATA:-$HOME/.cache/gradretentionnet/offline}
[ -f "$offline/mnist-digits-10k/SOURCE" ] || bash build/offline-data.sh >/dev/null

started=$(date +%s)
flock /tmp/grn-build.lock nice -n 10 dotnet pack src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj -c Release -o "$work/feed" >"$work/pack.log" 2>&1 ||
  { tail -n 20 "$work/pack.log" >&2; fail "dotnet pack failed"; }
package=$(ls "$work"/feed/grn.*.nupkg)
log "packed ${package##*/} ($(du -h "$package" | cut -f1)) in $(( $(date +%s) - started )) s"
natives=$(unzip -l "$package" | grep -c 'runtimes/linux-x64/native/lib' || true)
log "Torch natives in the package: $natives files, e.g. $(unzip -l "$package" | grep -o 'tools/[^ ]*libLibTorchSharp.so' | head -n 1)"
[ "$natives" -gt 0 ] || fail "the package carries no linux-x64 natives: grn could not load TorchSharp"

# Only the package's folder as a source: the install proves the package is complete on its own.
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="grn" value="$work/feed" /></packageSources></configuration>
XML
dotnet tool install --tool-path "$work/tools" --configfile "$work/nuget.config" grn >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "dotnet tool install failed"; }
log "$(grep -m1 -i 'installed' "$work/install.log")"

"$work/tools/grn" --help >"$work/help.log" 2>&1 || { cat "$work/help.log" >&2; fail "grn --help failed"; }
log "grn --help: $(grep -A1 '^Description:' "$work/help.log" | tail -n 1 | sed 's/^ *//')"

cat >"$work/sweep.yaml" <<YAML
name: tool-check
datasets: [mnist-digits-10k]
optimizers: [enhanced-sgd]
seeds: [1]
epochs: 1
limits: { max_train_samples: 512, max_test_samples: 256 }
YAML
run=$(date +%s)
(cd "$work" && GRN_OFFLINE_DATA=$offline "$work/tools/grn" run sweep.yaml --out "$work/runs") >"$work/run.log" 2>&1 ||
  { tail -n 20 "$work/run.log" >&2; fail "grn run of a 1-job sweep failed"; }
results=$(find "$work/runs" -name result.json | wc -l)
[ "$results" -eq 1 ] || fail "grn run left $results job results, expected 1"
log "grn run of a 1-job sweep from the installed tool: $(( $(date +%s) - run )) s, $results job result; $(grep -m1 -i 'completed' "$work/run.log" | sed 's/^ *//')"
log "passed in $(( $(date +%s) - started )) s"
