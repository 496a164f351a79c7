#!/usr/bin/env bash
# Regenerates openapi.yaml from the API (the contract test writes what the API serves) and the web client types.
set -euo pipefail
cd "$(dirname "$0")/.."
KLIMA_UPDATE_OPENAPI=1 dotnet test tests/Klima.Api.Tests/Klima.Api.Tests.csproj --filter "FullyQualifiedName~OpenApiContractTests" --nologo -v q
if [ -f web/package.json ]; then
  (cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run gen:api)
fi
echo "openapi.yaml regenerated; commit it together with web/src/lib/api/schema.d.ts."
