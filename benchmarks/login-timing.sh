#!/usr/bin/env bash
# On-demand timing of sign-in refusals (not a test: timings on a shared machine are not pass/fail).
# Starts the built API on a fresh SQLite database, then sends N wrong-password logins for a known
# username (admin) and N for an unknown one, alternating, and prints the median and p90 time of each
# and the ratio unknown/known. Before the dummy-hash verification the ratio was about 0.05; it should
# be near 1. The deterministic check of the same property is the test
# LoginTimingTests.Refusing_an_unknown_username_verifies_one_password_against_the_dummy_hash_...
# Usage: dotnet build api/Klima.Api.csproj -c Release && bash benchmarks/login-timing.sh [N=25] [port=5791]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-25}"
PORT="${2:-5791}"
BASE="http://127.0.0.1:$PORT"
DLL="$ROOT/artifacts/bin/Klima.Api/release/Klima.Api.dll"
[[ -f "$DLL" ]] || { echo "build first: dotnet build api/Klima.Api.csproj -c Release"; exit 2; }
TMP="$(mktemp -d)"
PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
( cd "$ROOT" && ConnectionStrings__Klima="Data Source=$TMP/klima.db" ASPNETCORE_ENVIRONMENT=Production \
    Auth__BootstrapAdminPassword="$PASSWORD" Auth__BootstrapPasswordFile="$TMP/initial-admin-password.txt" \
    RateLimiting__LoginAttemptsPerMinute=100000 Auth__LoginThrottle__FreeAttempts=100000 \
    exec dotnet "$DLL" --urls "$BASE" ) >"$TMP/api.log" 2>&1 &
API=$!
trap 'kill $API 2>/dev/null; wait $API 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 240); do curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
login() { # prints status and seconds
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"wrong-password-$2\"}" "$BASE/api/auth/login"
}
login admin warmup >/dev/null; login nobody-at-all warmup >/dev/null
: >"$TMP/known"; : >"$TMP/unknown"
for i in $(seq 1 "$N"); do
  read -r code t < <(login admin "$i"); [[ "$code" == 401 ]] || { echo "admin: $code"; exit 1; }; echo "$t" >>"$TMP/known"
  read -r code t < <(login nobody-at-all "$i"); [[ "$code" == 401 ]] || { echo "unknown: $code"; exit 1; }; echo "$t" >>"$TMP/unknown"
done
stats() { sort -g "$1" | awk '{ v[NR] = $1 * 1000 } END { printf "median %.1f ms  p90 %.1f ms", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }'; }
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $N refusals each"
echo "known username (admin):   $(stats "$TMP/known")"
echo "unknown username:         $(stats "$TMP/unknown")"
awk -v u="$(median "$TMP/unknown")" -v k="$(median "$TMP/known")" 'BEGIN { printf "ratio unknown/known (medians): %.2f\n", u / k }'
