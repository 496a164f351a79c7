#!/usr/bin/env bash
# One cold start for hyperfine: a new, empty SQLite file; the API migrates, seeds North Jutland, creates the first
# administrator, and this script returns as soon as /health/ready answers 200. Usage: coldstart.sh DLL PORT DBFILE
#
# The readiness poll starts no process: it speaks HTTP through bash's /dev/tcp and waits on a FIFO that never receives
# data (read -t). A curl and a sleep per 10 ms poll were ~70 processes per start, which hyperfine counts in the start's
# CPU: about 0.75 s of its "system" and 0.35 s of its "user" time were the poll's, not the API's (docs/benchmarks.md).
set -u
dll="$1"; port="$2"; db="$3"
rm -f "$db" "$db-wal" "$db-shm" "$db.poll"

# 0 when /health/ready answers 200; 1 when nothing listens on the port or the answer is another status.
ready() {
  local fd status
  { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&"$fd"
  IFS= read -r -t 5 -u "$fd" status || status=""
  exec {fd}>&-
  [[ "$status" == "HTTP/1.1 200 "* ]]
}

# Another server on the port would answer /health/ready at once and make a start look instant.
if { exec {probe}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  exec {probe}>&-
  echo "port $port is in use by another process" >&2; exit 1
fi
mkfifo "$db.poll"; exec {tick}<>"$db.poll"; rm -f "$db.poll"

ConnectionStrings__Klima="Data Source=$db" RateLimiting__Enabled=false Auth__BootstrapAdminPassword=coldstart-password-0123 \
  Logging__LogLevel__Default=Warning Web__Root=/nonexistent \
  taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
until ready; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "the API exited during start-up" >&2; exit 1; fi
  read -r -t 0.01 -u "$tick" _ || true
done
kill "$pid"; wait "$pid" 2>/dev/null
exit 0
