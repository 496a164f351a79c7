#!/usr/bin/env bash
# Starts the whole system on the embedded default (SQLite under ./data) with North Jutland's model:
# builds the web app (when npm is available) and serves it from the API on one origin.
#   ./klima start                 http://localhost:5000
#   ./klima start --demo          also load the fictional demo people and memberships
#   ./klima start --urls URL      listen elsewhere
# Prints "ready" once the database is migrated and the server answers.
set -euo pipefail
cd "$(dirname "$0")/.."
urls="http://localhost:5000"
demo=false
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) demo=true ;;
    --urls) urls="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done

if [ -f web/package.json ] && command -v npm >/dev/null; then
  # npm ci only when the lock file changed since the last install (its hash is kept in node_modules).
  stamp=web/node_modules/.klima-package-lock.sha256
  lock_hash=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ -d web/node_modules ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
    echo "Web dependencies are up to date (package-lock.json unchanged): skipping npm ci."
  else
    echo "Installing the web app's dependencies (npm ci)..."
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$stamp"
  fi
  echo "Building the web app..."
  (cd web && npm run build --silent)
fi

# Status reports are printed to PDF by Debian's headless chromium; install it as the test command does.
chromium="${Reports__ChromiumPath:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "Installing Debian chromium (PDF status reports)..."
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/tmp/klima-apt.log 2>&1 \
      || echo "warning: chromium could not be installed (see /tmp/klima-apt.log): PDF reports will answer 503"
  else
    echo "warning: $chromium is missing: PDF status reports need chromium (sudo apt-get install chromium)"
  fi
fi

dotnet build api/Klima.Api.csproj -c Release --nologo -v q
export ConnectionStrings__Klima="${ConnectionStrings__Klima:-Data Source=$(pwd)/data/klima.db}"
export Database__DemoData="$demo"
export Web__Root="$(pwd)/web/dist"

# The content root is api/, so api/appsettings.json (log levels, rate limits, licence) applies; data stays in ./data.
echo "Starting Klima (migrating the database first)..."
dotnet artifacts/bin/Klima.Api/release/Klima.Api.dll --contentRoot "$(pwd)/api" --urls "$urls" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM

# The first address it listens on, as a client reaches it (0.0.0.0, [::], + and * mean this machine).
probe=$(echo "${urls%%;*}" | sed -E 's#://(0\.0\.0\.0|\[::\]|\+|\*)#://localhost#')
until curl -fsS -o /dev/null "$probe/health/ready" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || status=$?
    echo "Klima stopped before it was ready (exit ${status:-0})."
    exit "${status:-1}"
  fi
  sleep 0.5
done
echo "ready: Klima on $urls (API under /api, Swagger UI under /swagger for administrators, data in ./data)"
[ -f data/initial-admin-password.txt ] && echo "First sign-in: user admin, one-time password in data/initial-admin-password.txt"
wait "$pid"
