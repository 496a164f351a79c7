#!/usr/bin/env bash
# One cold start for hyperfine: a new, empty SQLite file; the API migrates, seeds North Jutland, creates the first
# administrator, and this script returns as soon as /health/ready answers 200. Usage: coldstart.sh DLL PORT DBFILE
set -u
dll="$1"; port="$2"; db="$3"
rm -f "$db" "$db-wal" "$db-shm"
# Another server on the port would answer /health/ready at once and make a start look instant.
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use by another process" >&2; exit 1; fi
ConnectionStrings__Klima="Data Source=$db" RateLimiting__Enabled=false Auth__BootstrapAdminPassword=coldstart-password-0123 \
  Logging__LogLevel__Default=Warning Web__Root=/nonexistent \
  taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "the API exited during start-up" >&2; exit 1; fi
  sleep 0.01
done
kill "$pid"; wait "$pid" 2>/dev/null
exit 0
