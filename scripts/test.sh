#!/usr/bin/env bash
# Runs every test of HybridLfp.Streaming: installs prerequisites, restores, builds (Release) and tests.
# Usage: scripts/test.sh [extra `dotnet test` arguments, e.g. --filter FullyQualifiedName~Forward]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore HybridLfp.Streaming.sln
dotnet build HybridLfp.Streaming.sln -c Release --no-restore
dotnet test tests/HybridLfp.Streaming.Tests/HybridLfp.Streaming.Tests.csproj -c Release --no-build \
  --logger "console;verbosity=normal" "$@"
