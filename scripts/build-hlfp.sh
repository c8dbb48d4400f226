#!/usr/bin/env bash
# Builds the `hlfp` command for running jobs and prints the path of the executable on stdout.
# By default it is published ReadyToRun (precompiled; the SDK fetches the Crossgen2 pack from NuGet once): the .NET
# start-up and JIT then cost ≈ 0.5 s less CPU per process, which is half of a short run (and every MPI rank pays it).
# Outputs are the same bits either way. HLFP_R2R=0, or a failed ReadyToRun publish, gives the plain JIT build.
# HLFP_R2R=composite publishes a self-contained composite image instead: the .NET libraries are precompiled together
# with hlfp, so generic code over hlfp's types needs no JIT either (≈ 14 % less wall time on the brunel example), at the
# price of ≈ 105 MB in .build/composite/ and ≈ 2 min per build; for benchmarks and production installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
if [[ "${HLFP_R2R:-1}" == composite && -n "$rid" ]]; then
  # Own artifacts folder: the framework-dependent build's obj/ is left alone.
  if dotnet publish src/Cli/HybridLfp.Streaming.Cli.csproj -c Release -r "$rid" --self-contained true \
      -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true --artifacts-path "$PWD/.build/composite" \
      -o "$PWD/.build/composite/publish" -v quiet -nologo >&2; then
    echo "$PWD/.build/composite/publish/hlfp"
    exit 0
  fi
  echo "build-hlfp: composite publish failed; trying the framework-dependent ReadyToRun build" >&2
  HLFP_R2R=1
fi
if [[ "${HLFP_R2R:-1}" == 1 && -n "$rid" ]]; then
  if dotnet publish src/Cli/HybridLfp.Streaming.Cli.csproj -c Release -r "$rid" --self-contained false \
      -p:PublishReadyToRun=true -v quiet -nologo >&2; then
    echo "$PWD/src/Cli/bin/Release/net10.0/$rid/publish/hlfp"
    exit 0
  fi
  echo "build-hlfp: ReadyToRun publish failed; using the plain Release build (same results, slower start-up)" >&2
fi
dotnet build src/Cli/HybridLfp.Streaming.Cli.csproj -c Release -v quiet -nologo >&2
echo "$PWD/src/Cli/bin/Release/net10.0/hlfp"
