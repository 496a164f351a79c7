#!/usr/bin/env bash
# ./klima publish: the API as production runs it, framework-dependent and ReadyToRun (precompiled for linux-x64, so
# start-up does not JIT the application's and its packages' code), in artifacts/publish/api (or the folder given).
#   ./klima publish [--output DIR]
# Run it with: dotnet DIR/Klima.Api.dll (the content root is the working directory; see docs/PRODUCTION.md).
# The compiler (Microsoft.NETCore.App.Crossgen2.linux-x64) is restored like any package; the SDK picks its version.
# Release builds generate the minimal-API request delegates at build time (api/Klima.Api.csproj), so they are precompiled too.
set -euo pipefail
cd "$(dirname "$0")/.."
output="artifacts/publish/api"
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
dotnet publish api/Klima.Api.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$output" --nologo -v q -clp:ErrorsOnly
echo "published (ReadyToRun, linux-x64, framework-dependent): $output/Klima.Api.dll"
