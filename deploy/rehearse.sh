#!/usr/bin/env bash
# deploy/rehearse.sh N: a dress rehearsal of a cluster on this machine. Starts a private PostgreSQL
# 15, applies the schema (grn-silo migrate), writes certificates (grn-silo certs), starts N grn-silo
# processes on loopback with the Helm chart's settings (postgres clustering, mutual TLS, no
# migration on start, one slot each), submits deploy/rehearsal/sweep.yaml through the HTTP API
# with the grn CLI, waits for it, prints a summary and tears everything down (silos, PostgreSQL,
# temporary folders), also on failure or Ctrl-C. Exit 0: the sweep completed; 1: something failed
# (one line says what); 2: bad arguments.
#
#   --kill-one     SIGKILL one silo (never silo-0, whose API the CLI uses) while it trains a job,
#                  and check the sweep still completes on the others (needs N >= 2)
#   --keep         leave the cluster running when the sweep is done; prints how to stop it
#   --out DIR      keep what happened: status.json (the API's, at the end), results/ (grn results
#                  --format csv), runs/ (the silos' output root), logs/; with --kill-one also
#                  status-at-kill.json and killed.txt (the killed silo's name and address)
#   --silo DLL     the grn-silo.dll to run   (default: src/GradRetentionNet.Silo/bin/Release/net10.0)
#   --cli DLL      the grn.dll to run        (default: src/GradRetentionNet.Cli/bin/Release/net10.0)
#   --build        build both in Release first (done anyway when the default ones are missing)
#   --spec FILE    another sweep spec (default deploy/rehearsal/sweep.yaml)
#   --timeout S    give the sweep S seconds at most (default 600)
#   --stop DIR     tear down a cluster left running by --keep (DIR is printed then)
#
# Needs: bash, the .NET SDK (or runtime with --silo/--cli), PostgreSQL 15's programs (Debian's
# postgresql-15; GRN_POSTGRES_BIN points elsewhere), flock (util-linux), the offline digits
# (bash build/offline-data.sh). As root PostgreSQL runs as the postgres user (initdb refuses root).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage="usage: deploy/rehearse.sh N [--kill-one] [--keep] [--out DIR] [--silo DLL] [--cli DLL] [--build] [--spec FILE] [--timeout S] | --stop DIR"

fail() {
  echo "rehearse: error: $*" >&2
  exit 1
}
bad_arguments() {
  echo "rehearse: error: $* ($usage)" >&2
  exit 2
}
say() { printf '%s\n' "$*"; }
elapsed() { local s=$(($(date +%s) - $1)); if [ $s -ge 60 ]; then printf '%d min %d s' $((s / 60)) $((s % 60)); else printf '%d s' $s; fi; }

# ---- teardown: one path for the EXIT trap and for --stop; everything it needs is in $work/state.
teardown() {
  local work=$1 pid i
  [ -f "$work/state" ] || return 0
  # shellcheck disable=SC1091
  . "$work/state"
  for pid in ${silo_pids:-}; do kill -TERM "$pid" 2>/dev/null || true; done
  # The sweep is over (or abandoned): a few seconds to stop, then SIGKILL.
  for i in $(seq 1 40); do
    local alive=false
    for pid in ${silo_pids:-}; do kill -0 "$pid" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.25
  done
  for pid in ${silo_pids:-}; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ -n "${pg_data:-}" ] && [ -f "$pg_data/postmaster.pid" ]; then
    if [ "${pg_user:-}" != "" ]; then runuser -u "$pg_user" -- "$pg_bin/pg_ctl" stop -D "$pg_data" -m immediate -w >/dev/null 2>&1 || true
    else "$pg_bin/pg_ctl" stop -D "$pg_data" -m immediate -w >/dev/null 2>&1 || true; fi
  fi
  if [ -n "${out:-}" ]; then
    mkdir -p "$out/logs"
    cp "$work"/logs/*.log "$out/logs/" 2>/dev/null || true
    [ -f "${pg_folder:-}/server.log" ] && cp "$pg_folder/server.log" "$out/logs/postgres.log"
    [ -d "$work/runs" ] && rm -rf "$out/runs" && cp -r "$work/runs" "$out/runs"
  fi
  rm -rf "${pg_folder:-/nonexistent}" "$work"
}

if [ "${1:-}" = "--stop" ]; then
  [ -n "${2:-}" ] && [ -f "$2/state" ] || bad_arguments "--stop needs the folder a --keep rehearsal printed"
  teardown "$2"
  say "rehearse: stopped"
  exit 0
fi

# ---- arguments
count="" kill_one=false keep=false out="" silo_dll="" cli_dll="" build=false spec="$repo/deploy/rehearsal/sweep.yaml" timeout_s=600
while [ $# -gt 0 ]; do
  case $1 in
    --kill-one) kill_one=true ;;
    --keep) keep=true ;;
    --build) build=true ;;
    --out | --silo | --cli | --spec | --timeout)
      [ $# -ge 2 ] || bad_arguments "$1 needs a value"
      case $1 in --out) out=$2 ;; --silo) silo_dll=$2 ;; --cli) cli_dll=$2 ;; --spec) spec=$2 ;; --timeout) timeout_s=$2 ;; esac
      shift ;;
    -h | --help) say "$usage"; exit 0 ;;
    -*) bad_arguments "unknown option $1" ;;
    *) [ -z "$count" ] || bad_arguments "one silo count, got $count and $1"; count=$1 ;;
  esac
  shift
done
[[ $count =~ ^[1-9][0-9]?$ ]] || bad_arguments "N is '${count}': give the number of silos, 1 to 99"
[[ $timeout_s =~ ^[1-9][0-9]*$ ]] || bad_arguments "--timeout is '$timeout_s': give whole seconds"
if $kill_one && [ "$count" -lt 2 ]; then bad_arguments "--kill-one needs N >= 2: a sweep cannot go on without a silo"; fi
[ -f "$spec" ] || bad_arguments "--spec $spec does not exist"
spec=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
if [ -n "$out" ]; then mkdir -p "$out" && out=$(cd "$out" && pwd) || fail "cannot make --out $out"; fi
started=$(date +%s)

# ---- what it needs
command -v dotnet >/dev/null || fail "dotnet is not installed: install the .NET 10 SDK"
pg_bin=${GRN_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$pg_bin/initdb" ] || fail "PostgreSQL 15 is not installed: no initdb in $pg_bin (apt-get install postgresql-15, or set GRN_POSTGRES_BIN)"
offline=${GRN_OFFLINE_DATA:-$HOME/.cache/gradretentionnet/offline}
if grep "mnist-digits-10k" "$spec" >/dev/null && [ ! -d "$offline/mnist-digits-10k" ]; then
  fail "the offline digits are missing ($offline/mnist-digits-10k): run bash build/offline-data.sh"
fi
release_silo=$repo/src/GradRetentionNet.Silo/bin/Release/net10.0/grn-silo.dll
release_cli=$repo/src/GradRetentionNet.Cli/bin/Release/net10.0/grn.dll
if $build || { [ -z "$silo_dll" ] && [ ! -f "$release_silo" ]; } || { [ -z "$cli_dll" ] && [ ! -f "$release_cli" ]; }; then
  say "building grn-silo and grn (Release)..."
  for project in GradRetentionNet.Silo GradRetentionNet.Cli; do
    dotnet build "$repo/src/$project/$project.csproj" -c Release -v q -nologo >/dev/null || fail "dotnet build src/$project -c Release failed: run it to see why"
  done
fi
silo_dll=${silo_dll:-$release_silo}
cli_dll=${cli_dll:-$release_cli}
[ -f "$silo_dll" ] || fail "--silo $silo_dll does not exist"
[ -f "$cli_dll" ] || fail "--cli $cli_dll does not exist"
silo_dll=$(cd "$(dirname "$silo_dll")" && pwd)/$(basename "$silo_dll")
cli_dll=$(cd "$(dirname "$cli_dll")" && pwd)/$(basename "$cli_dll")

# ---- the rehearsal's folders; from here on the EXIT trap tears down whatever was started
work=$(mktemp -d "${TMPDIR:-/tmp}/grn-rehearsal.XXXXXX")
mkdir -p "$work/logs" "$work/runs" "$work/data"
echo "out='$out'" >"$work/state"
trap 'status=$?; trap - EXIT; if $keep && [ $status -eq 0 ]; then exit 0; fi; teardown "$work"; exit $status' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Free loopback ports below the ephemeral range, reserved the way the tests' FreePorts reserves
# them (an flock on a file named after the port), so a rehearsal and the tests never collide.
port_locks=${TMPDIR:-/tmp}/grn-ports-$(id -un)
mkdir -p "$port_locks" 2>/dev/null || true
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
# take_port: sets $port to a free one and keeps its lock (an open descriptor) until this script exits.
take_port() {
  local attempt fd
  for attempt in $(seq 1 200); do
    port=$((10000 + (RANDOM * 32768 + RANDOM) % (ephemeral_low - 10000)))
    if command -v flock >/dev/null && [ -w "$port_locks" ]; then
      exec {fd}>"$port_locks/$port"
      flock -n "$fd" || { exec {fd}>&-; continue; }
    fi
    # Something answers there: taken.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    return 0
  done
  fail "no free TCP port between 10000 and $ephemeral_low"
}

# GET http://127.0.0.1:PORT/PATH with the API token: the body on stdout, 0 for a 2xx answer. Plain
# bash (HTTP/1.0, the server closes): polling with a dotnet process a second would slow the training.
http_get() {
  local port=$1 path=$2 fd response
  # (The braces keep the 2>/dev/null to the connect: on a bare exec it would silence this script for good.)
  { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n' "$path" "$token" >&"$fd"
  response=$(timeout 10 cat <&"$fd" | tr -d '\r') || true
  exec {fd}>&-
  [[ ${response%%$'\n'*} =~ ^HTTP/1\.[01]\ 2[0-9][0-9] ]] || return 1
  printf '%s' "${response#*$'\n\n'}"
}

# ---- PostgreSQL: initdb into a temporary folder, durability off, on a free loopback port
pg_folder=$(mktemp -d "${TMPDIR:-/tmp}/grn-rehearsal-pg.XXXXXX")
pg_data=$pg_folder/data
pg_user=""
if [ "$(id -u)" -eq 0 ]; then pg_user=postgres; chown "$pg_user:" "$pg_folder"; fi
pg() { if [ -n "$pg_user" ]; then runuser -u "$pg_user" -- "$pg_bin/$1" "${@:2}"; else "$pg_bin/$1" "${@:2}"; fi; }
{ echo "pg_bin='$pg_bin'"; echo "pg_folder='$pg_folder'"; echo "pg_data='$pg_data'"; echo "pg_user='$pg_user'"; } >>"$work/state"
pg initdb -D "$pg_data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$work/logs/initdb.log" 2>&1 || fail "initdb failed: $(tail -n 3 "$work/logs/initdb.log" | tr '\n' ' ')"
take_port; pg_port=$port
pg pg_ctl start -D "$pg_data" -w -t 60 -l "$pg_folder/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
  || fail "PostgreSQL did not start on 127.0.0.1:$pg_port: $(tail -n 3 "$pg_folder/server.log" | tr '\n' ' ')"
pg createdb -h 127.0.0.1 -p "$pg_port" -U postgres grn || fail "createdb grn failed"
connection="Host=127.0.0.1;Port=$pg_port;Database=grn;Username=postgres"

# ---- the schema and the certificates, with the silo's own verbs
migrate_output=$(GRN_Silo__ConnectionString=$connection dotnet "$silo_dll" migrate 2>&1) || fail "grn-silo migrate: $migrate_output"
dotnet "$silo_dll" certs --out "$work/tls" --days 1 --name localhost >"$work/logs/certs.log" 2>&1 || fail "grn-silo certs: $(cat "$work/logs/certs.log")"
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

# ---- N silos: the chart's environment (helm/gradretentionnet/templates/deployment.yaml) on loopback
cores=$(nproc)
silo_pids="" http_ports=() silo_ports=() gateway_ports=()
for i in $(seq 0 $((count - 1))); do
  take_port; http_ports[i]=$port
  take_port; silo_ports[i]=$port
  take_port; gateway_ports[i]=$port
  (
    export GRN_Silo__Name=silo-$i GRN_Silo__AdvertisedAddress=127.0.0.1
    export GRN_Silo__Clustering=postgres GRN_Silo__ConnectionString=$connection GRN_Silo__MigrateOnStart=false
    export GRN_Silo__ClusterId=grn GRN_Silo__ServiceId=grn
    export GRN_Silo__SiloPort=${silo_ports[i]} GRN_Silo__GatewayPort=${gateway_ports[i]}
    export GRN_Silo__ApiToken=$token GRN_Silo__OutputRoot=$work/runs GRN_Silo__DataRoot=$work/data
    export GRN_Silo__Gpus=0 GRN_Silo__Slots=1 GRN_Silo__LogFormat=json GRN_Serilog__MinimumLevel__Default=Information
    export GRN_Silo__Tls__Enabled=true GRN_Silo__Tls__CertificatePath=$work/tls/tls.crt GRN_Silo__Tls__KeyPath=$work/tls/tls.key GRN_Silo__Tls__CaPath=$work/tls/ca.crt
    export ASPNETCORE_URLS=http://127.0.0.1:${http_ports[i]}
    # Not the chart's: N silos share this machine's cores, where N pods would each have their own.
    export DOTNET_PROCESSOR_COUNT=$(((cores + count - 1) / count))
    if $kill_one; then
      # Not the chart's either: a dead silo declared dead in seconds, not Orleans' half minute.
      export GRN_Orleans__Membership__ProbeTimeout=00:00:01 GRN_Orleans__Membership__NumMissedProbesLimit=2 GRN_Orleans__Membership__NumVotesForDeathDeclaration=1
    fi
    cd "$(dirname "$silo_dll")" # the content root: appsettings.json beside grn-silo.dll
    exec dotnet "$silo_dll" >"$work/logs/silo-$i.log" 2>&1
  ) &
  silo_pids="$silo_pids $!"
  disown "$!" # this script watches and stops them itself: no job notices from bash (e.g. "Killed" after --kill-one)
done
echo "silo_pids='$silo_pids'" >>"$work/state"
read -r -a pids <<<"$silo_pids"

for i in $(seq 0 $((count - 1))); do
  until http_get "${http_ports[i]}" /health/ready >/dev/null; do
    kill -0 "${pids[i]}" 2>/dev/null || fail "silo-$i exited before it was ready: $(tail -n 5 "$work/logs/silo-$i.log" | tr '\n' ' ' | cut -c1-600)"
    [ $(($(date +%s) - started)) -lt 300 ] || fail "silo-$i not ready in 5 minutes (log: $work/logs/silo-$i.log)"
    sleep 0.5
  done
done
ready_after=$(elapsed "$started")

# ---- the sweep, through the API of silo-0 with the CLI
export GRN_SERVER=http://127.0.0.1:${http_ports[0]} GRN_TOKEN=$token
grn() { dotnet "$cli_dll" "$@"; }
sweep=$(sed -n 's/^name:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$spec" | awk 'NR == 1')
[ -n "$sweep" ] || fail "$spec has no top-level name:"
submitted=$(date +%s)
grn submit "$spec" >"$work/logs/submit.log" 2>&1 || fail "grn submit $spec: $(cat "$work/logs/submit.log")"

# The sweep's status from the API, as JSON; compacted (no white space) for the greps below, which
# read one job a line (jobs_of) and the sweep's state (the first "state").
status_raw() { http_get "${http_ports[0]}" "/api/sweeps/$sweep?jobs=true"; }
status_json() { status_raw | tr -d ' \t\r\n'; }
jobs_of() { tr -d ' \t\r\n' | grep -o '{[^{}]*"job_id"[^{}]*}'; }
sweep_state() { grep -o '"state":"[a-z_]*"' | awk -F'"' 'NR == 1 { print $4 }'; }
counts() { status_json | jobs_of | grep -o '"state":"[a-z_]*"' | cut -d'"' -f4 | sort | uniq -c | awk '{printf "%s%s %s", (NR>1?", ":""), $1, $2}'; }
finished() { case $(status_json | sweep_state) in completed | failed | cancelled | stopped) return 0 ;; *) return 1 ;; esac; }

killed=""
if $kill_one; then
  victim=$((count - 1))
  # Wait until the victim trains a job, then take it away without warning.
  on_victim="\"silo\":\"[^\"]*:${silo_ports[victim]}@"
  # (No grep -q in these pipes: with pipefail, a reader that stops early can fail the writer.)
  until status_json | jobs_of | grep '"state":"running"' | grep "$on_victim" >/dev/null; do
    finished && fail "the sweep ended before silo-$victim ran a job: nothing to kill (a longer --spec?)"
    [ $(($(date +%s) - submitted)) -lt "$timeout_s" ] || fail "silo-$victim ran no job within --timeout $timeout_s s"
    sleep 0.5
  done
  status_raw >"$work/status-at-kill.json"
  kill -KILL "${pids[victim]}"
  [ -z "$out" ] || echo "silo-$victim 127.0.0.1:${silo_ports[victim]}" >"$out/killed.txt"
  killed="silo-$victim (SIGKILL) $(elapsed "$submitted") into the sweep, while it trained $(jobs_of <"$work/status-at-kill.json" | grep '"state":"running"' | grep -c "$on_victim") job(s)"
  say "killed $killed"
fi

until finished; do
  [ $(($(date +%s) - submitted)) -lt "$timeout_s" ] || fail "the sweep did not finish within --timeout $timeout_s s: $(counts)"
  for i in $(seq 0 $((count - 1))); do
    if [ "$killed" = "" ] || [ "$i" -ne "$((count - 1))" ]; then
      kill -0 "${pids[i]}" 2>/dev/null || fail "silo-$i died during the sweep: $(tail -n 5 "$work/logs/silo-$i.log" | tr '\n' ' ' | cut -c1-600)"
    fi
  done
  sleep 1
done
sweep_time=$(elapsed "$submitted")
status_raw >"$work/status.json"
if [ -n "$out" ]; then
  cp "$work/status.json" "$out/status.json"
  [ -f "$work/status-at-kill.json" ] && cp "$work/status-at-kill.json" "$out/status-at-kill.json"
  grn results "$sweep" --format csv --out "$out/results" >/dev/null 2>&1 || fail "grn results $sweep --format csv --out $out/results failed"
fi

# ---- the summary
say ""
say "rehearsal of $count silo(s) on loopback: PostgreSQL clustering, mutual TLS, the chart's settings"
say "  binaries   $silo_dll"
say "             $cli_dll"
say "  postgres   127.0.0.1:$pg_port (PostgreSQL $("$pg_bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1), fsync off)"
for i in $(seq 0 $((count - 1))); do
  say "  silo-$i     api http://127.0.0.1:${http_ports[i]}  silo :${silo_ports[i]}  gateway :${gateway_ports[i]} (TLS)"
done
say "  ready      all $count after $ready_after"
$keep || say "  scratch    $work $pg_folder (deleted on exit)"
[ -z "$killed" ] || say "  killed     $killed"
say ""
grn status "$sweep" 2>&1 | tr '\n' ' ' | sed 's/  */ /g'
say ""
grn results "$sweep" 2>&1 || true
say "sweep $sweep ($(basename "$spec")) took $sweep_time; the rehearsal $(elapsed "$started")"
final=$(tr -d ' \t\r\n' <"$work/status.json" | sweep_state)
[ "$final" = completed ] || fail "the sweep ended $final, not completed: $(counts)"
if jobs_of <"$work/status.json" | grep -v '"state":"completed"' >/dev/null; then fail "the sweep completed but not every job did: $(counts)"; fi

if $keep; then
  say ""
  say "left running (--keep): grn --server $GRN_SERVER --token $token status $sweep"
  say "stop it with: bash $repo/deploy/rehearse.sh --stop $work"
fi
