#!/usr/bin/env bash
# Every web test in one command (run from anywhere; the root test command calls
# `bash web/scripts/test.sh`): npm ci, the API-types check, Vitest, the production build,
# then browser tests in Debian's headless chromium against the real API on a fresh SQLite
# database, with screenshots and axe-core scans. Writes test-results/summary.json.
set -uo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
RESULTS="$WEB/test-results"
cd "$WEB"
rm -rf "$RESULTS"
mkdir -p "$RESULTS/screenshots"

failed_steps=()
step() { echo; echo "=== web: $* ==="; }
fail_step() { echo "!!! web: step failed: $1"; failed_steps+=("$1"); }

API_PID=""
PREVIEW_PID=""
TMP_DB=""
cleanup() {
  if [[ -n "$PREVIEW_PID" ]] && kill -0 "$PREVIEW_PID" 2>/dev/null; then
    kill "$PREVIEW_PID" 2>/dev/null
    wait "$PREVIEW_PID" 2>/dev/null
  fi
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null
    wait "$API_PID" 2>/dev/null
  fi
  [[ -n "$TMP_DB" ]] && rm -rf "$TMP_DB"
}
trap cleanup EXIT INT TERM

step "npm ci"
npm ci --no-audit --no-fund || fail_step "npm ci"

step "check:api (generated types match ../openapi.yaml)"
npm run --silent check:api || fail_step "check:api"

step "typecheck"
npm run --silent typecheck || fail_step "typecheck"

step "lint (feature boundaries, query keys from factories)"
npm run --silent lint || fail_step "lint"

step "unit and component tests (Vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json" \
  || fail_step "vitest"

step "chromium"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  echo "installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -q && apt-get install -y -q chromium) >"$RESULTS/apt.log" 2>&1 \
    || { tail -20 "$RESULTS/apt.log"; fail_step "install chromium"; }
fi
"$CHROMIUM" --version 2>/dev/null || true

step "build (web/dist)"
npm run --silent build || fail_step "build"

step "build the API"
API_READY=0
if dotnet build "$ROOT/api/Klima.Api.csproj" -c Release -nologo -v q; then
  DLL="$ROOT/artifacts/bin/Klima.Api/release/Klima.Api.dll"
  if [[ ! -f "$DLL" ]]; then
    DLL="$(find "$ROOT/artifacts" -path '*/bin/*' -name Klima.Api.dll 2>/dev/null | grep -i release | head -1)"
  fi
  if [[ -z "$DLL" || ! -f "$DLL" ]]; then
    DLL="$(find "$ROOT/artifacts" -path '*/bin/*' -name Klima.Api.dll 2>/dev/null | head -1)"
  fi
  if [[ -n "$DLL" && -f "$DLL" ]]; then
    step "start the API on a fresh SQLite database"
    TMP_DB="$(mktemp -d)"
    PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    BASE="http://127.0.0.1:$PORT"
    # A throw-away administrator password for this database only. Each browser test signs
    # in through the form, more often than the production limit of 10 logins a minute.
    ADMIN_PASSWORD="web-test-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    ( cd "$ROOT" && ConnectionStrings__Klima="Data Source=$TMP_DB/klima.db" \
        Web__Root="$WEB/dist" ASPNETCORE_ENVIRONMENT=Production Klima__PublicBaseUrl="$BASE" \
        Auth__BootstrapAdminPassword="$ADMIN_PASSWORD" \
        Auth__BootstrapPasswordFile="$TMP_DB/initial-admin-password.txt" \
        RateLimiting__LoginAttemptsPerMinute=1000 \
        exec dotnet "$DLL" --urls "$BASE" ) >"$RESULTS/api.log" 2>&1 &
    API_PID=$!
    for _ in $(seq 1 120); do
      if curl -fsS "$BASE/health/ready" >/dev/null 2>&1; then API_READY=1; break; fi
      if ! kill -0 "$API_PID" 2>/dev/null; then break; fi
      sleep 0.5
    done
    if [[ "$API_READY" == 1 ]]; then
      echo "API ready at $BASE"
      # Say plainly when the API does not serve the built files (the browser tests would
      # otherwise only time out): a script must come back as JavaScript, not index.html.
      ASSET="$(ls "$WEB/dist/assets/" 2>/dev/null | grep -m1 '\.js$')"
      if [[ -n "$ASSET" ]]; then
        TYPE="$(curl -fsS -o /dev/null -w '%{content_type}' "$BASE/assets/$ASSET" 2>/dev/null)"
        if [[ "$TYPE" != *javascript* ]]; then
          echo "!!! the API answers /assets/$ASSET with '$TYPE', not JavaScript: the SPA cannot load."
          echo "!!! (static files must be served before the SPA fallback endpoint is matched)"
          fail_step "API serves the built app"
          # So that the rest of the suite still says something: serve web/dist with
          # `vite preview`, which proxies /api and /health to the same real API (one
          # origin for the browser). The failure above stays counted.
          PREVIEW_PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
          KLIMA_API="$BASE" node "$WEB/node_modules/vite/bin/vite.js" preview --host 127.0.0.1 --port "$PREVIEW_PORT" --strictPort \
            >"$RESULTS/preview.log" 2>&1 &
          PREVIEW_PID=$!
          for _ in $(seq 1 60); do
            curl -fsS "http://127.0.0.1:$PREVIEW_PORT/health/ready" >/dev/null 2>&1 && break
            sleep 0.5
          done
          echo "browser tests go through vite preview at http://127.0.0.1:$PREVIEW_PORT (proxying to $BASE)"
          BASE="http://127.0.0.1:$PREVIEW_PORT"
        fi
      fi
    else
      tail -40 "$RESULTS/api.log"
      fail_step "start API"
    fi
  else
    fail_step "find Klima.Api.dll"
  fi
else
  fail_step "dotnet build api"
fi

if [[ "$API_READY" == 1 ]]; then
  step "browser tests (headless chromium, real API)"
  KLIMA_BASE_URL="$BASE" KLIMA_ADMIN_PASSWORD="$ADMIN_PASSWORD" CHROMIUM_PATH="$CHROMIUM" \
    npx playwright test || fail_step "browser tests"
fi

step "summary"
SUMMARY="$(node "$WEB/scripts/summary.mjs" "$RESULTS" "${failed_steps[@]}")"
echo "$SUMMARY"
if ((${#failed_steps[@]} > 0)); then
  echo "failed steps: ${failed_steps[*]}"
  exit 1
fi
exit 0
