#!/usr/bin/env bash
# The main job: installs prerequisites, builds hlfp (Release) and runs the self-contained demo on embedded
# defaults (morphologies and spikes made by the project itself). Outputs go to ./demo-output (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="${1:-demo-output}"
dotnet build src/Cli/HybridLfp.Streaming.Cli.csproj -c Release -v quiet -nologo
dotnet src/Cli/bin/Release/net10.0/hlfp.dll demo --out "$out"
echo "demo: outputs in $out/"
