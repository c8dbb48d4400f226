#!/usr/bin/env bash
# Installs what HybridLfp.Streaming needs on a fresh Debian 12 machine that has the .NET SDK, idempotently.
# - libhdf5 (the reference HDF5 C library, used through P/Invoke) and hdf5-tools (h5dump, used by tests)
# - Open MPI (libmpi.so.40 and mpirun, used through P/Invoke)
# - Node.js + npm (tests read our Parquet files back with an independent reader from npm)
# Safe to run many times: does nothing when everything is present.
set -euo pipefail

need_apt=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libhdf5_serial.so.103' || need_apt+=(libhdf5-103-1)
command -v h5dump >/dev/null 2>&1 || need_apt+=(hdf5-tools)
have_lib 'libmpi.so.40' || need_apt+=(libopenmpi3)
command -v mpirun >/dev/null 2>&1 || need_apt+=(openmpi-bin)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)

if ((${#need_apt[@]} > 0)); then
  echo "prereqs: installing ${need_apt[*]}" >&2
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "prereqs: need root (or sudo) to apt-get install ${need_apt[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null || { echo "prereqs: apt-get update failed" >&2; exit 1; }
  # A clean-up hook can remove downloaded packages mid-install on these machines: retry once.
  if ! $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}" >/dev/null; then
    echo "prereqs: apt-get install failed once; retrying" >&2
    $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}" >/dev/null \
      || { echo "prereqs: apt-get install ${need_apt[*]} failed" >&2; exit 1; }
  fi
fi

command -v dotnet >/dev/null 2>&1 || { echo "prereqs: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }
major=$(dotnet --version | cut -d. -f1)
if ((major < 10)); then
  echo "prereqs: .NET SDK 10 or newer required, found $(dotnet --version)" >&2
  exit 1
fi

# The independent Parquet reader the tests use (hyparquet + hyparquet-compressors, pinned by package-lock.json).
# Needs the network once; afterwards tests run offline. Skipped when already installed.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$repo_root/tests/parquet-reader/node_modules" ]]; then
  echo "prereqs: installing tests/parquet-reader (npm ci)" >&2
  npm ci --prefix "$repo_root/tests/parquet-reader" --no-audit --no-fund >/dev/null \
    || { echo "prereqs: npm ci --prefix tests/parquet-reader failed" >&2; exit 1; }
fi
