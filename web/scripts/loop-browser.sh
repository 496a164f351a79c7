#!/usr/bin/env bash
# The browser suite N times in a row (issue 20 item 5: "20 runs in a row"), each run on a
# fresh API and a fresh SQLite database, as scripts/test.sh starts them. Build once first
# (npm ci, npm run build, dotnet build api -c Release); this script does not build.
# Usage: bash web/scripts/loop-browser.sh [runs=20] [log=web/test-results/loop.log]
# Each line of the log: run number, time, load average, passed/failed/flaky counts, the failed titles.
# Stops at the first failing run (and keeps that run's results in test-results/loop-run-N/).
set -uo pipefail
WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
RUNS="${1:-20}"
LOG="${2:-$WEB/test-results/loop.log}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
DLL="$ROOT/artifacts/bin/Klima.Api/release/Klima.Api.dll"
mkdir -p "$(dirname "$LOG")" "$WEB/test-results"
[[ -f "$DLL" ]] || { echo "build the API first: $DLL is missing"; exit 2; }
[[ -f "$WEB/dist/index.html" ]] || { echo "build the web app first (npm run build)"; exit 2; }
cd "$WEB"
API_PID=""; TMP_DB=""
stop_api() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then kill "$API_PID"; wait "$API_PID" 2>/dev/null; fi
  API_PID=""
  [[ -n "$TMP_DB" ]] && rm -rf "$TMP_DB"; TMP_DB=""
}
trap stop_api EXIT INT TERM
for run in $(seq 1 "$RUNS"); do
  TMP_DB="$(mktemp -d)"
  PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  BASE="http://127.0.0.1:$PORT"
  PASSWORD="loop-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  ( cd "$ROOT" && ConnectionStrings__Klima="Data Source=$TMP_DB/klima.db" \
      Web__Root="$WEB/dist" ASPNETCORE_ENVIRONMENT=Production Klima__PublicBaseUrl="$BASE" \
      Auth__BootstrapAdminPassword="$PASSWORD" \
      Auth__BootstrapPasswordFile="$TMP_DB/initial-admin-password.txt" \
      RateLimiting__LoginAttemptsPerMinute=1000 \
      exec dotnet "$DLL" --urls "$BASE" ) >"$TMP_DB/api.log" 2>&1 &
  API_PID=$!
  ready=0
  for _ in $(seq 1 240); do
    if curl -fsS "$BASE/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.5
  done
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  start="$(date -u +%H:%M:%S)"
  if [[ "$ready" != 1 ]]; then
    echo "run $run $start load $load_before API did not start" | tee -a "$LOG"
    tail -20 "$TMP_DB/api.log"; stop_api; exit 1
  fi
  KLIMA_BASE_URL="$BASE" KLIMA_ADMIN_PASSWORD="$PASSWORD" CHROMIUM_PATH="$CHROMIUM" \
    npx playwright test >"$WEB/test-results/loop-last.txt" 2>&1
  rc=$?
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  counts="$(node -e '
    const r = require(process.argv[1]);
    const s = r.stats || {};
    const failed = [];
    const walk = (suite, path) => {
      for (const spec of suite.specs || []) for (const t of spec.tests || [])
        if (t.status === "unexpected") failed.push(`${spec.file}: ${spec.title}`);
      for (const child of suite.suites || []) walk(child);
    };
    for (const suite of r.suites || []) walk(suite);
    console.log(`passed ${s.expected ?? "?"} failed ${s.unexpected ?? "?"} flaky ${s.flaky ?? "?"} skipped ${s.skipped ?? "?"}` +
      (failed.length ? ` | ${failed.join(" | ")}` : ""));
  ' "$WEB/test-results/browser.json" 2>/dev/null || echo "no browser.json")"
  echo "run $run start $start end $(date -u +%H:%M:%S) load $load_before -> $load_after rc $rc $counts" | tee -a "$LOG"
  stop_api
  if [[ "$rc" != 0 ]]; then
    rm -rf "$WEB/test-results/loop-run-$run"; mkdir -p "$WEB/test-results/loop-run-$run"
    cp -r "$WEB/test-results/loop-last.txt" "$WEB/test-results/browser.json" "$WEB/test-results/browser-artifacts" \
      "$WEB/test-results/loop-run-$run/" 2>/dev/null
    echo "stopped at the first failing run ($run); its results are in test-results/loop-run-$run"
    exit 1
  fi
done
echo "$RUNS runs in a row passed"
