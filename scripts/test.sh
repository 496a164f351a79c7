#!/usr/bin/env bash
# Runs every test: the .NET suite (unit, HTTP integration on SQLite, and on SQL Server when KLIMA_TEST_SQLSERVER
# is set or, through Testcontainers, a Docker engine is reachable; the T-SQL verification of every SQL text) and the
# web suite (Vitest and browser tests in headless chromium against the real API).
# The last line is the total that CI reads: "tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0

echo "== .NET tests"
if [ -n "${KLIMA_TEST_SQLSERVER:-}" ]; then
  echo "SQL Server lane: running against the server in KLIMA_TEST_SQLSERVER"
else
  echo "SQL Server lane: KLIMA_TEST_SQLSERVER is not set; the tests start SQL Server 2022 with Testcontainers if a Docker engine is reachable, else skip the lane"
fi
# The tests write the SQL Server lane's status and the T-SQL verification's counts (and any refused statement) here.
export KLIMA_TSQL_REPORT="$results/tsql/recorded.txt"
mkdir -p "$results/tsql"
dotnet test Klima.sln -c Release --nologo \
  --logger "trx;LogFileName=dotnet.trx" --logger "console;verbosity=minimal" \
  --results-directory "$results/dotnet" || status=1
tsql_failed=0
# The contract fuzz battery's count (ContractFuzzTests), from the results: how many requests, and that none failed.
fuzz=$(grep -ohE "contract fuzz: [^<&]*" "$results"/dotnet/*.trx 2>/dev/null | head -1)
echo "${fuzz:-contract fuzz: did not run}"
[ -f "$results/tsql/sqlserver-lane.txt" ] && cat "$results/tsql/sqlserver-lane.txt"
if [ -f "$results/tsql/files.txt" ]; then cat "$results/tsql/files.txt"; else echo "T-SQL verification (files): did not run"; fi
if [ -f "$KLIMA_TSQL_REPORT" ]; then
  cat "$KLIMA_TSQL_REPORT"
  # The recorded texts are checked after the last fixture, where a failure is no test result of its own: count it here.
  grep -q '; 0 problems' "$KLIMA_TSQL_REPORT" || { tsql_failed=1; status=1; }
else
  echo "T-SQL verification (recorded): no report was written: counting it as one failure."
  tsql_failed=1; status=1
fi

read -r dn_passed dn_failed dn_skipped < <(node -e '
  const fs = require("fs"), path = require("path");
  const dir = process.argv[1]; let p = 0, f = 0, s = 0;
  const walk = d => fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]) : [];
  for (const file of walk(dir).filter(x => x.endsWith(".trx"))) {
    const trx = fs.readFileSync(file, "utf8");
    const c = trx.match(/<Counters [^>]*>/);
    if (!c) continue;
    const n = k => Number((c[0].match(new RegExp(" " + k + "=\"(\\d+)\"")) || [0, 0])[1]);
    // Skipped tests (the SQL Server lane without a server) are not in the counters: count their results.
    p += n("passed"); f += n("failed") + n("error") + n("timeout") + n("aborted");
    s += (trx.match(/outcome="NotExecuted"/g) || []).length + n("inconclusive");
  }
  console.log(p, f, s);' "$results/dotnet")
dn_failed=$((dn_failed + tsql_failed))
if [ "$dn_passed" = 0 ] && [ "$dn_failed" = 0 ]; then
  echo "No .NET test results were found: counting the run as failed."
  dn_failed=1; status=1
fi

web_passed=0; web_failed=0; web_skipped=0
if [ -f web/scripts/test.sh ]; then
  echo "== web tests"
  rm -f web/test-results/summary.json
  bash web/scripts/test.sh || status=1
  if [ -f web/test-results/summary.json ]; then
    read -r web_passed web_failed web_skipped < <(node -e '
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(s.passed | 0, s.failed | 0, s.skipped | 0);' web/test-results/summary.json)
  else
    echo "The web suite wrote no summary: counting it as one failure."
    web_failed=1; status=1
  fi
fi

passed=$((dn_passed + web_passed)); failed=$((dn_failed + web_failed)); skipped=$((dn_skipped + web_skipped))
echo ".NET: $dn_passed passed, $dn_failed failed, $dn_skipped skipped; web: $web_passed passed, $web_failed failed, $web_skipped skipped"
[ "$failed" -gt 0 ] && status=1
if [ "$skipped" -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
exit $status
