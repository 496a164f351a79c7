#!/usr/bin/env bash
# Writes the sample status report PDF for the 1st half of 2023 the way a user gets it: starts the API on a fresh
# SQLite database with North Jutland's seed, signs in as the first administrator, and downloads
# GET /api/reports/status/pdf (the API renders the report's HTML and Debian's headless chromium prints it).
#   bash scripts/sample-report.sh [output.pdf]        default: docs/samples/status-report-2023-H1.pdf
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/samples/status-report-2023-H1.pdf}"
port="${KLIMA_SAMPLE_PORT:-5187}"
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium (print-to-PDF)"
  apt-get update -q && apt-get install -y -q chromium
fi
work="$(mktemp -d)"
trap 'kill "$api" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build api/Klima.Api.csproj -c Release --nologo -v q >/dev/null
password="sample-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ConnectionStrings__Klima="Data Source=$work/klima.db" Auth__BootstrapAdminPassword="$password" Web__Root="$work/no-web" \
  dotnet artifacts/bin/Klima.Api/release/Klima.Api.dll --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
curl -fs -c "$work/cookies" -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/auth/login" >/dev/null
mkdir -p "$(dirname "$out")"
curl -fs -b "$work/cookies" -o "$out" \
  "http://127.0.0.1:$port/api/reports/status/pdf?governanceModelId=01000000-0000-0000-0000-000000000001&from=2023-01-01&to=2023-07-01"
head -c 5 "$out" | grep -q '%PDF-' && echo "wrote $out ($(wc -c <"$out") bytes)"
