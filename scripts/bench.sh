#!/usr/bin/env bash
# ./klima bench: the whole benchmark in one run (see docs/benchmarks.md).
#   1. builds Release; generates (or reuses) the national data set in a SQLite file
#   2. starts the API pinned to core 0 (taskset) with .NET's defaults (tiered compilation + dynamic PGO, as production
#      runs it), warms it up; load generators run on core 1
#   3. alternates every endpoint with the baseline endpoint (wrk, 32 connections) for N pairs: req/s ratio
#      (median and worst), CPU microseconds per request on the server's core (from /proc/PID/stat), p50/p99; then p99
#      at a fixed rate of half the measured maximum (open loop)
#   4. 32 concurrent writers creating (and so routing) cases; errors and "database is locked" in the server log
#   5. the budget rollup: in-process vs the sqlite3 tool on the same file, with the query plan checked
#   6. cold start to ready (migrations + seed) with hyperfine: the published ReadyToRun build (./klima publish) as
#      production runs it, and the JIT build beside it as the reference; 7. BenchmarkDotNet micro-benchmarks
# Options: --scale S (default 1: national volumes), --pairs N (5), --seconds N per wrk run (5), --rate-seconds N (10),
#          --skip-micro, --skip-coldstart, --skip-writes, --only REGEX (measure only the endpoints whose name matches),
#          --dataset FILE (measure an existing generated file instead of generating), --regenerate,
#          --warmup N (seconds of warm-up load on the baseline, default 15; each endpoint gets a third of it),
#          --tc0 (run the measured servers with DOTNET_TieredCompilation=0, fully optimised JIT from the first call,
#          no PGO: the setting of the runs before issue 19),
#          --skip-rollup, --skip-reports,
#          --report-only (only the status reports over the data set: GET /api/reports/status for every governance model,
#          five years, each timed; with --dataset FILE a generated file is measured without regenerating),
#          --writes-only (only the 32 writers creating routed cases, with synchronous FULL and the write gate: no reads,
#          reports, rollup, cold start, micro-benchmarks or the Normal / no-gate variants; --write-variants adds those two),
#          --write-seconds N (how long the 32 writers are measured, default 30, after 10 s of writers warming the write
#          path: write figures of 10 s runs varied 1.5x run to run),
#          --api-dll FILE (measure another build of the API, e.g. an older commit's, built elsewhere: old and new builds
#          can then be run alternately with the same script and data set),
#          --published-dll FILE (the cold start's published build; by default ./klima publish is run, unless --api-dll is given)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dataset_arg=""; scale=1; pairs=5; seconds=5; rate_seconds=10; micro=true; coldstart=true; writes=true; only=""; regenerate=false
warmup=15; tc0=false; report_only=false; rollup=true; reports=true; writes_only=false; write_variants=true; api_dll_arg=""
published_dll_arg=""; write_seconds=30
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift ;;
    --pairs) pairs="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --rate-seconds) rate_seconds="$2"; shift ;;
    --skip-micro) micro=false ;;
    --skip-coldstart) coldstart=false ;;
    --skip-writes) writes=false ;;
    --only) only="$2"; shift ;;
    --regenerate) regenerate=true ;;
    --warmup) warmup="$2"; shift ;;
    --tc0) tc0=true ;;
    --report-only) report_only=true ;;
    --skip-rollup) rollup=false ;;
    --skip-reports) reports=false ;;
    --dataset) dataset_arg="$2"; shift ;;
    --writes-only) writes_only=true ;;
    --write-seconds) write_seconds="$2"; shift ;;
    --write-variants) write_variants=force ;;
    --api-dll) api_dll_arg="$(realpath "$2")"; shift ;;
    --published-dll) published_dll_arg="$(realpath "$2")"; shift ;;
    *) echo "unknown option $1 (see the header of scripts/bench.sh)"; exit 2 ;;
  esac
  shift
done
if $writes_only; then
  reports=false; rollup=false; coldstart=false; micro=false; only='^$'
  [ "$write_variants" = force ] || write_variants=false
fi
[ "$write_variants" = force ] && write_variants=true
$writes_only || [ "$pairs" -ge 5 ] || echo "note: fewer than 5 pairs per endpoint; the issue asks for at least 5"

stamp=$(date -u +%Y%m%d-%H%M%S)
out="$root/data/bench/results/$stamp"
mkdir -p "$out"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# --- tools -----------------------------------------------------------------------------------------------------
missing=()
for tool in wrk hyperfine sqlite3 jq curl taskset; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt-get"
  apt-get update -qq
  pkgs=(); for t in "${missing[@]}"; do case "$t" in taskset) pkgs+=(util-linux) ;; *) pkgs+=("$t") ;; esac; done
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
command -v node >/dev/null || { echo "node is needed to summarise the results (Node 20 is part of the build machine)"; exit 1; }

# --- the machine (the figures mean little without it) ----------------------------------------------------------
{
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r); .NET SDK $(dotnet --version); sqlite3 tool $(sqlite3 --version | cut -d' ' -f1)"
  dd if=/dev/zero of="$out/fsync.test" bs=4k count=100 oflag=dsync 2>&1 | tail -n 1 | awk '{printf "synchronous 4 KiB writes: %.1f ms each\n", $(NF-3) * 1000 / 100}'
  rm -f "$out/fsync.test"
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  if $tc0; then echo "server JIT: DOTNET_TieredCompilation=0 (--tc0)"; else echo "server JIT: .NET defaults (tiered compilation, dynamic PGO), ${warmup}s warm-up"; fi
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

# --- build -----------------------------------------------------------------------------------------------------
log "building Release with the benchmark-only endpoints (-p:KlimaBench=true: api/Features/Diagnostics)"
projects=(benchmarks/Klima.Generator/Klima.Generator.csproj benchmarks/Klima.Load/Klima.Load.csproj)
[ -n "$api_dll_arg" ] || projects=(api/Klima.Api.csproj "${projects[@]}")  # another build is measured as it is
for project in "${projects[@]}"; do
  dotnet build "$project" -c Release -p:KlimaBench=true --nologo -v q -clp:ErrorsOnly
done
api_dll="${api_dll_arg:-$root/artifacts/bin/Klima.Api/release/Klima.Api.dll}"
[ -f "$api_dll" ] || { echo "no API build at $api_dll"; exit 1; }
log "API: $api_dll"
gen_dll="$root/artifacts/bin/Klima.Generator/release/Klima.Generator.dll"
load_dll="$root/artifacts/bin/Klima.Load/release/Klima.Load.dll"

# --- data ------------------------------------------------------------------------------------------------------
dataset="${dataset_arg:-$root/data/bench/national-scale-$scale.db}"
log "data set $dataset"
if [ -n "$dataset_arg" ]; then
  [ -f "$dataset.manifest.json" ] || { echo "$dataset has no manifest: generate it with benchmarks/Klima.Generator"; exit 1; }
else
  gen_args=(--db "$dataset" --scale "$scale"); $regenerate && gen_args+=(--force)
  taskset -c 0,1 dotnet "$gen_dll" "${gen_args[@]}" 2>&1 | tee "$out/generator.log" >&2
fi
manifest="$dataset.manifest.json"
cp "$manifest" "$out/manifest.json"
sample() { jq -r --arg k "$1" '.samples[$k] // empty' "$manifest"; }
# The measured API writes (cases); it runs on a copy so that the generated file can be reused by the next run.
run_db="$root/data/bench/run.db"
rm -f "$run_db" "$run_db-wal" "$run_db-shm"
cp "$dataset" "$run_db"
# The copy's pages are still dirty in the page cache (GBs after cp): the server's first checkpoint that fsyncs the file would
# write them all out, with the write gate held for its RESTART (issue 19, eighth round). Written out here, before anything
# is measured.
sync "$run_db"

# --- API -------------------------------------------------------------------------------------------------------
port=5099
base="http://127.0.0.1:$port"
server_log="$out/server.log"
admin_password="bench-admin-password-$stamp"
log "starting the API on core 0"
# .NET's defaults, as production runs them: tiered compilation with dynamic PGO, measured after a warm-up long enough
# for the hot methods to reach tier 1. --tc0 keeps the earlier setting (fully optimised JIT from the first call, no PGO).
jit_env=(); $tc0 && jit_env=(DOTNET_TieredCompilation=0)
clk_tck=$(getconf CLK_TCK)
env "${jit_env[@]}" ConnectionStrings__Klima="Data Source=$run_db" RateLimiting__Enabled=false Auth__BootstrapAdminPassword="$admin_password" \
  Auth__BootstrapPasswordFile="$out/initial-admin-password.txt" Logging__LogLevel__Default=Warning Web__Root=/nonexistent \
  ASPNETCORE_ENVIRONMENT=Production \
  taskset -c 0 dotnet "$api_dll" --urls "$base" >"$server_log" 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fs -o /dev/null "$base/health/ready" && break; sleep 0.1; done
curl -fs -o /dev/null "$base/health/ready" || { echo "the API did not become ready; see $server_log"; exit 1; }

# An API key as a system would use it (docs/SECURITY.md): sign in as the first administrator, issue a key.
jar="$out/cookies.txt"
csrf=$(curl -fs -c "$jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$admin_password\"}" "$base/api/auth/login" | jq -r .csrfToken)
key=$(curl -fs -b "$jar" -H 'Content-Type: application/json' -H "X-CSRF-TOKEN: $csrf" \
  -d '{"name":"bench","scopes":["governance:read","cases:read","cases:write","budgets:read"]}' "$base/api/api-keys" | jq -r .key)
[ -n "$key" ] && [ "$key" != null ] || { echo "could not issue an API key"; exit 1; }
auth="Authorization: ApiKey $key"

# --- endpoints -------------------------------------------------------------------------------------------------
# name|path; a path whose sample id is missing, or which does not answer 2xx, is reported as not available
# (its feature is not merged yet) instead of being measured.
org=$(sample organisationId); body=$(sample bodyId);
# The body with the most current memberships (the issue's "body with members"), picked from the data set itself.
body_members=$(sqlite3 "$dataset" "SELECT s.body_id FROM membership m JOIN seat s ON s.id = m.seat_id WHERE m.deleted_at IS NULL GROUP BY s.body_id ORDER BY COUNT(*) DESC, s.body_id LIMIT 1" 2>/dev/null || true) model=$(sample largestModelId); case_id=$(sample caseId)
budget=$(sample budgetId); cases_filter=$(sample casesPageQuery); rollup_path=$(sample rollupPath)
declare -a endpoints=(
  "body by id|${body:+/api/bodies/$body}"
  "body with members|${body_members:+/api/bodies/$body_members}"
  "cases page (50, filtered)|${cases_filter:+/api/cases?$cases_filter}"
  "body graph|${model:+/api/governance-models/$model/graph}"
  "case with route|${case_id:+/api/cases/$case_id}"
  "budget rollup|${rollup_path}"
  "organisation by id (MediatR)|/api/organisations/$org"
  "organisation by id (raw Dapper)|/api/diagnostics/raw/organisations/$org"
  "organisations page (MediatR + validation)|/api/organisations?limit=50"
  "organisations page (raw Dapper)|/api/diagnostics/raw/organisations?limit=50"
)
baseline="/api/diagnostics/baseline"
server_ticks() { awk '{print $14 + $15}' "/proc/$api_pid/stat"; }
wrk_run() { # url seconds [extra header] -> one JSON line, with the server's CPU microseconds per request (cpuUs)
  local before after line extra=()
  [ -n "${3:-}" ] && extra=(-H "$3")
  before=$(server_ticks)
  line=$(taskset -c 1 wrk -t1 -c32 -d"${2}s" --timeout 30s --latency -s "$root/scripts/bench/report.lua" -H "$auth" "${extra[@]}" "$base$1" | tail -n 1)
  after=$(server_ticks)
  echo "$line" | jq -c --argjson t "$((after - before))" --argjson hz "$clk_tck" \
    '. + {cpuUs: (if .requests > 0 then ($t * 1000000 / $hz / .requests) else null end)}'
}
available=()
for entry in "${endpoints[@]}"; do
  name="${entry%%|*}"; path="${entry#*|}"
  if [ -n "$only" ] && ! [[ "$name" =~ $only ]]; then continue; fi
  if [ -z "$path" ]; then log "n/a: $name (no sample in the data set: feature not merged)"; echo "{\"name\":\"$name\",\"status\":\"n/a\"}" >>"$out/reads.jsonl"; continue; fi
  code=$(curl -s -o "$out/sample-$(echo "$name" | tr -c 'a-z0-9' '-').json" -w '%{http_code}' -H "$auth" "$base$path")
  if [ "${code:0:1}" != 2 ]; then log "n/a: $name ($path answered $code)"; echo "{\"name\":\"$name\",\"status\":\"http $code\"}" >>"$out/reads.jsonl"; continue; fi
  available+=("$entry")
done

# A read model answered from the cache with If-None-Match: the 304 path (no body, no database read beyond the version).
if [ -n "$body" ] && { [ -z "$only" ] || [[ "body by id, If-None-Match (304)" =~ $only ]]; }; then
  etag=$(curl -s -D - -o /dev/null -H "$auth" "$base/api/bodies/$body" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
  [ -n "$etag" ] && available+=("body by id, If-None-Match (304)|/api/bodies/$body|If-None-Match: $etag")
fi
path_of() { local rest="${1#*|}"; echo "${rest%%|*}"; }
header_of() { local rest="${1#*|}"; [[ "$rest" == *"|"* ]] && echo "${rest#*|}" || true; }

# --- status reports over the whole data set (issue 19: 100,000 cases, target <= 10 s) ----------------------------
# One report per governance model for the five years before the data set's last case (the longest period a report
# allows), timed end to end through the API (curl's total time; the server has just started: the first report includes
# its JIT warm-up), then once more warm. Every case of a model is read by the report (CasesStore.ModelCasesAsync), so
# the reports together cover every case of the data set.
report_to=$(sqlite3 "$run_db" "SELECT substr(MAX(created_at), 1, 4) + 1 FROM case_file" 2>/dev/null || true)
if ! $reports && ! $report_only; then
  log "status reports skipped (--skip-reports)"
elif [ -n "$report_to" ] && [ "$report_to" != 1 ]; then
  log "status reports: every governance model, $((report_to - 5))-01-01 to ${report_to}-01-01"
  sqlite3 -separator ' ' "$run_db" "SELECT m.id, m.code, (SELECT COUNT(*) FROM case_file c WHERE c.governance_model_id = m.id AND c.deleted_at IS NULL)
      FROM governance_model m WHERE m.deleted_at IS NULL ORDER BY m.code" | while read -r model_id model_code model_cases; do
    for round in cold warm; do
      # The server's CPU (user + system, from /proc) around the request: the figure that survives a loaded machine.
      c0=$(awk '{print $14 + $15}' "/proc/$api_pid/stat")
      t=$(curl -s -o "$out/report-$model_code.json" -w '%{http_code} %{time_total}' -H "$auth" \
        "$base/api/reports/status?governanceModelId=$model_id&from=$((report_to - 5))-01-01&to=${report_to}-01-01")
      cpu=$(awk -v a="$c0" -v t="$clk_tck" '{printf "%.2f", ($14 + $15 - a) / t}' "/proc/$api_pid/stat")
      echo "{\"model\":\"$model_code\",\"cases\":$model_cases,\"round\":\"$round\",\"status\":${t%% *},\"seconds\":${t#* },\"cpuSeconds\":$cpu}" >>"$out/reports.jsonl"
      log "  $model_code ($model_cases cases, $round): HTTP ${t%% *} in ${t#* } s, server CPU $cpu s"
    done
  done
else
  log "n/a: status reports (no cases in the data set)"
fi
if $report_only; then
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
  trap - EXIT
  node "$root/scripts/bench/summarise.js" "$out" 0 0 | tee "$out/summary.md"
  log "results in $out"
  exit 0
fi

if $writes_only; then
  log "writes only: the reads are skipped"
  available=()
  log "warm-up: ${warmup}s of writers"
  KLIMA_MODEL="$(sample writeModelId)" KLIMA_INTEREST="$(sample writeInterest)" KLIMA_RUN="$stamp-w0" \
    taskset -c 1 wrk -t1 -c32 -d"${warmup}s" -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" >/dev/null
else
log "warm-up: ${warmup}s on the baseline, $((warmup / 3 > 1 ? warmup / 3 : 1))s on each endpoint"
wrk_run "$baseline" "$warmup" >/dev/null
for entry in "${available[@]}"; do wrk_run "$(path_of "$entry")" "$((warmup / 3 > 1 ? warmup / 3 : 1))" "$(header_of "$entry")" >/dev/null; done
fi

log "alternating pairs: $pairs x ${#available[@]} endpoints x 2 x ${seconds}s"
for p in $(seq 1 "$pairs"); do
  for entry in "${available[@]}"; do
    name="${entry%%|*}"; path=$(path_of "$entry")
    b=$(wrk_run "$baseline" "$seconds"); e=$(wrk_run "$path" "$seconds" "$(header_of "$entry")")
    echo "{\"name\":\"$name\",\"path\":\"$path\",\"pair\":$p,\"baseline\":$b,\"endpoint\":$e}" >>"$out/pairs.jsonl"
    log "  pair $p $name: $(echo "$e" | jq -r .rps) req/s ($(echo "$e" | jq -r '.cpuUs // 0 | floor') µs CPU each) vs baseline $(echo "$b" | jq -r .rps) ($(echo "$b" | jq -r '.cpuUs // 0 | floor') µs)"
  done
done

log "fixed rate: half of each endpoint's median maximum, open loop, ${rate_seconds}s"
[ -s "$out/pairs.jsonl" ] || { log "  no pairs measured (--only matched nothing): skipped"; available=(); }
for entry in "${available[@]}" ${available[@]:+"baseline|$baseline"}; do
  name="${entry%%|*}"; path=$(path_of "$entry")
  [ -n "$(header_of "$entry")" ] && continue
  if [ "$name" = baseline ]; then
    max=$(jq -s '[.[].baseline.rps] | sort | .[length/2|floor]' "$out/pairs.jsonl")
  else
    max=$(jq -s --arg n "$name" '[.[] | select(.name == $n) | .endpoint.rps] | sort | .[length/2|floor]' "$out/pairs.jsonl")
  fi
  rate=$(node -e "console.log(Math.max(1, Math.round($max / 2)))")
  # The server's CPU a request during the run (its 2 s warm-up at the same rate included): an answer that costs far
  # more here than in the closed loop is the server's doing (seventh round: LOH allocation under a backlog), not the client's.
  before=$(server_ticks)
  r=$(taskset -c 1 dotnet "$load_dll" --url "$base$path" --rate "$rate" --seconds "$rate_seconds" --header "$auth")
  after=$(server_ticks)
  cpu=$(echo "$r" | jq --argjson t "$((after - before))" --argjson hz "$clk_tck" --argjson rate "$rate" \
    'if .Count > 0 then ($t * 1000000 / $hz / (.Count + $rate * 2) | floor) else null end')
  echo "{\"name\":\"$name\",\"fixed\":$r,\"serverCpuUs\":$cpu}" >>"$out/fixed.jsonl"
  log "  $name at $rate req/s: p99 $(echo "$r" | jq -r .P99) ms, achieved $(echo "$r" | jq -r .RateAchieved)/s, server CPU $cpu µs a request"
done

# --- writes ----------------------------------------------------------------------------------------------------
write_model=$(sample writeModelId); write_interest=$(sample writeInterest)
if [ -n "$write_model" ] && $writes; then
  log "32 concurrent writers: create (and route) cases for ${write_seconds}s after 10s of warm-up writers"
  KLIMA_MODEL="$write_model" KLIMA_INTEREST="$write_interest" KLIMA_RUN="$stamp-warm" \
    taskset -c 1 wrk -t1 -c32 -d10s -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" >/dev/null
  before=$(server_ticks)
  w=$(KLIMA_MODEL="$write_model" KLIMA_INTEREST="$write_interest" KLIMA_RUN="$stamp" \
    taskset -c 1 wrk -t1 -c32 -d"${write_seconds}s" --timeout 30s --latency -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" | tail -n 1)
  after=$(server_ticks)
  echo "$w" | jq -c --argjson t "$((after - before))" --argjson hz "$clk_tck" \
    '. + {cpuUs: (if .requests > 0 then ($t * 1000000 / $hz / .requests) else null end), cpuShare: ($t / $hz / .seconds)}' >"$out/writes.json"
else
  log "n/a: writes (no cases feature in the data set)"
  echo '{"status":"n/a"}' >"$out/writes.json"
fi
locked=$(grep -ci "database is locked" "$server_log" || true)
errors_logged=$(grep -c "fail:" "$server_log" || true)
kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
trap - EXIT

# The same writers against Database:SqliteSynchronous=Normal (commits no longer wait for the disk; see DatabaseOptions):
# what the fsync per commit costs, measured rather than argued.
if [ -n "$write_model" ] && $writes && $write_variants; then
  log "32 concurrent writers again with Database__SqliteSynchronous=Normal"
  env "${jit_env[@]}" Database__SqliteSynchronous=Normal ConnectionStrings__Klima="Data Source=$run_db" RateLimiting__Enabled=false \
    Logging__LogLevel__Default=Warning Web__Root=/nonexistent ASPNETCORE_ENVIRONMENT=Production \
    taskset -c 0 dotnet "$api_dll" --urls "$base" >"$out/server-normal.log" 2>&1 &
  api_pid=$!
  trap 'kill $api_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do curl -fs -o /dev/null "$base/health/ready" && break; sleep 0.1; done
  KLIMA_MODEL="$write_model" KLIMA_INTEREST="$write_interest" KLIMA_RUN="$stamp-nwarm" \
    taskset -c 1 wrk -t1 -c32 -d10s -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" >/dev/null
  KLIMA_MODEL="$write_model" KLIMA_INTEREST="$write_interest" KLIMA_RUN="$stamp-normal" \
    taskset -c 1 wrk -t1 -c32 -d"${write_seconds}s" --timeout 30s --latency -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" \
    | tail -n 1 >"$out/writes-normal.json"
  locked_normal=$(grep -ci "database is locked" "$out/server-normal.log" || true)
  echo "{\"locked\":$locked_normal}" >"$out/writes-normal-log.json"
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
  trap - EXIT
fi

# The same writers without the in-process write gate (Database__SqliteWriteGate=false, synchronous FULL as in the first run):
# writers then wait on SQLite's busy lock, which Microsoft.Data.Sqlite retries after sleeping 150 ms (SqliteWriteGate.cs).
if [ -n "$write_model" ] && $writes && $write_variants; then
  log "32 concurrent writers again without the write gate (Database__SqliteWriteGate=false)"
  env "${jit_env[@]}" Database__SqliteWriteGate=false ConnectionStrings__Klima="Data Source=$run_db" RateLimiting__Enabled=false \
    Logging__LogLevel__Default=Warning Web__Root=/nonexistent ASPNETCORE_ENVIRONMENT=Production \
    taskset -c 0 dotnet "$api_dll" --urls "$base" >"$out/server-nogate.log" 2>&1 &
  api_pid=$!
  trap 'kill $api_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do curl -fs -o /dev/null "$base/health/ready" && break; sleep 0.1; done
  KLIMA_MODEL="$write_model" KLIMA_INTEREST="$write_interest" KLIMA_RUN="$stamp-gwarm" \
    taskset -c 1 wrk -t1 -c32 -d10s -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" >/dev/null
  before=$(server_ticks)
  w=$(KLIMA_MODEL="$write_model" KLIMA_INTEREST="$write_interest" KLIMA_RUN="$stamp-nogate" \
    taskset -c 1 wrk -t1 -c32 -d"${write_seconds}s" --timeout 30s --latency -s "$root/scripts/bench/write-cases.lua" -H "$auth" "$base" | tail -n 1)
  after=$(server_ticks)
  echo "$w" | jq -c --argjson t "$((after - before))" --argjson hz "$clk_tck" --argjson locked "$(grep -ci "database is locked" "$out/server-nogate.log" || true)" \
    '. + {cpuUs: (if .requests > 0 then ($t * 1000000 / $hz / .requests) else null end), cpuShare: ($t / $hz / .seconds), locked: $locked}' >"$out/writes-nogate.json"
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
  trap - EXIT
fi

# --- the rollup query: in-process vs sqlite3 -------------------------------------------------------------------
if $rollup && [ "$(sqlite3 "$dataset" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'budget_line'")" = 1 ]; then
  log "budget rollup: in-process vs sqlite3 on the same file, same SQL (scripts/bench/rollup.sql)"
  taskset -c 0 dotnet "$gen_dll" time-sql --db "$dataset" --sql-file "$root/scripts/bench/rollup.sql" --runs 10 --handler-runs 3 >"$out/rollup.json"
  jq -r .sqliteCliScript "$out/rollup.json" >"$out/rollup-cli.sql"
  taskset -c 0 sqlite3 "$dataset" <"$out/rollup-cli.sql" >"$out/rollup-cli.out" 2>&1 || true
  jq -r .explainScript "$out/rollup.json" | sqlite3 "$dataset" >"$out/rollup-plan.txt" 2>&1 || true
  jq --arg v "$(sqlite3 --version | cut -d' ' -f1)" '.cliVersion = $v' "$out/rollup.json" >"$out/rollup.tmp" && mv "$out/rollup.tmp" "$out/rollup.json"
  log "budget rollup reference: the same sums straight from every line (scripts/bench/rollup-lines.sql)"
  taskset -c 0 dotnet "$gen_dll" time-sql --db "$dataset" --sql-file "$root/scripts/bench/rollup-lines.sql" --runs 5 >"$out/rollup-lines.json" || true
else
  echo '{"status":"n/a"}' >"$out/rollup.json"
fi

# --- cold start ------------------------------------------------------------------------------------------------
# What is measured: the published build production runs (./klima publish: ReadyToRun, linux-x64), and beside it the JIT
# build measured above as the reference. With --api-dll, that build is the reference and --published-dll names its
# published twin (without one, only the reference is measured).
if $coldstart; then
  published_dll="$published_dll_arg"
  if [ -z "$published_dll" ] && [ -z "$api_dll_arg" ]; then
    log "publishing the API as production runs it (./klima publish: ReadyToRun) for the cold start"
    bash "$root/scripts/publish.sh" --output "$root/artifacts/publish/api" >&2
    published_dll="$root/artifacts/publish/api/Klima.Api.dll"
  fi
  commands=()
  if [ -n "$published_dll" ]; then
    log "cold start to ready (hyperfine): the published ReadyToRun build $published_dll, then the JIT build $api_dll"
    commands+=(--command-name "published build (ReadyToRun)" "bash $root/scripts/bench/coldstart.sh $published_dll 5098 $root/data/bench/coldstart.db")
  else
    log "cold start to ready (hyperfine): the JIT build $api_dll only (no published build given)"
  fi
  commands+=(--command-name "JIT build (reference)" "bash $root/scripts/bench/coldstart.sh $api_dll 5098 $root/data/bench/coldstart.db")
  hyperfine --warmup 1 --runs 10 --export-json "$out/coldstart.json" "${commands[@]}" >&2
fi

# --- micro-benchmarks ------------------------------------------------------------------------------------------
if $micro && [ -f benchmarks/Klima.Benchmarks/Klima.Benchmarks.csproj ]; then
  log "micro-benchmarks (BenchmarkDotNet, short job)"
  dotnet build benchmarks/Klima.Benchmarks/Klima.Benchmarks.csproj -c Release -p:KlimaBench=true --nologo -v q -clp:ErrorsOnly || log "micro-benchmarks do not build"
  (cd "$out" && taskset -c 0 dotnet "$root/artifacts/bin/Klima.Benchmarks/release/Klima.Benchmarks.dll" \
      --filter '*' --artifacts "$out/micro" >"$out/micro.log" 2>&1) || log "micro-benchmarks failed: $out/micro.log"
fi

# --- summary ---------------------------------------------------------------------------------------------------
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
node "$root/scripts/bench/summarise.js" "$out" "$locked" "$errors_logged" | tee "$out/summary.md"
log "results in $out"
