#!/usr/bin/env bash
# Mutation testing of api/Domain (the routing, status, financing and governance rules) with Stryker.NET 5.1.0, a local
# dotnet tool (dotnet-tools.json), against the domain unit tests (tests/Klima.Api.Tests/Domain). On demand only, never
# in CI: it is CPU-heavy (concurrency 1 here, for a shared machine). Reports (html, json) go to artifacts/mutation/.
# Record the score in docs/mutation-testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
# Run from the test project: Stryker refuses test projects in a solution's folder.
cd tests/Klima.Api.Tests
dotnet tool run dotnet-stryker --config-file ../../scripts/stryker-config.json --output ../../artifacts/mutation "$@"
