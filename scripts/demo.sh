#!/usr/bin/env bash
# The main job: installs prerequisites, builds hlfp (Release, ReadyToRun: scripts/build-hlfp.sh) and runs the self-contained demo on embedded
# defaults (morphologies and spikes made by the project itself). Outputs go to ./demo-output (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prereqs.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="${1:-demo-output}"
hlfp="$(bash scripts/build-hlfp.sh)"
"$hlfp" demo --out "$out"
echo "demo: outputs in $out/"
