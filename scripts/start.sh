#!/usr/bin/env bash
# Starts the whole system on the embedded default (SQLite under ./data) with North Jutland's model:
# builds the web app (when npm is available) and serves it from the API on one origin.
#   ./klima start                 http://localhost:5000
#   ./klima start --demo          also load the fictional demo people and memberships
#   ./klima start --urls URL      listen elsewhere
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
  echo "Building the web app..."
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi
dotnet build api/Klima.Api.csproj -c Release --nologo -v q
export ConnectionStrings__Klima="${ConnectionStrings__Klima:-Data Source=$(pwd)/data/klima.db}"
export Database__DemoData="$demo"
export Web__Root="$(pwd)/web/dist"
echo "Klima on $urls (API under /api, Swagger UI under /swagger for administrators, data in ./data)"
exec dotnet artifacts/bin/Klima.Api/release/Klima.Api.dll --urls "$urls"
