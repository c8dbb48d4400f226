#!/usr/bin/env bash
# Spike I/O benchmark (not a test): generates a 10-million-spike NEST 3 .dat set (4 files, one per "virtual
# process") and a 10-million-spike SONATA file sorted by_id into a temporary folder, then runs `hlfp spikes info`
# on each under /usr/bin/time -v. Targets: <= 2 s wall and <= 200 MB peak RSS each. The generated files (~0.5 GB)
# are deleted at the end. Usage: benchmarks/spikes/run.sh [TMPDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
HLFP="$(bash scripts/build-hlfp.sh)"   # ReadyToRun; HLFP_R2R=0 for the plain JIT build
WORK="$(mktemp -d "${1:-${TMPDIR:-/tmp}}/hlfp-spikes-bench-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/nest"

# NEST-style times (3 decimals). 4 files × 10 000 units × 25 Hz × 10 s = 4 × 2.5 M spikes; gid ranges are disjoint as in NEST.
for vp in 0 1 2 3; do
  "$HLFP" spikes generate poisson --population "vp$vp:$((1 + vp * 10000)):10000:25" --tstop 10000 --seed $((vp + 1)) --decimals 3 \
    -o "$WORK/nest/spike_recorder-1-$vp.dat" >/dev/null
done
# 40 000 units × 25 Hz × 10 s = 10 M spikes, written unit by unit (sorting = by_id).
"$HLFP" spikes generate poisson --population "v1:0:40000:25" --tstop 10000 --seed 5 --order by-id -o "$WORK/by_id.h5" >/dev/null

measure() {
  local label="$1"; shift
  /usr/bin/time -v "$HLFP" spikes info "$@" >"$WORK/out.txt" 2>"$WORK/time.txt"
  local wall rss user sys
  wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
  user=$(grep "User time (seconds)" "$WORK/time.txt" | awk '{print $NF}')
  sys=$(grep "System time (seconds)" "$WORK/time.txt" | awk '{print $NF}')
  echo "$label: wall ${wall} (m:ss), CPU user ${user} s + sys ${sys} s, peak RSS $((rss / 1024)) MB"
  sed -n '2,$p' "$WORK/out.txt" | head -3
}

echo "host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
echo "files: $(du -sh "$WORK/nest" | cut -f1) NEST .dat, $(du -sh "$WORK/by_id.h5" | cut -f1) SONATA"
measure "NEST .dat set (4 files, 10 M spikes, k-way merged)" "$WORK/nest"
measure "SONATA by_id (10 M spikes, merged in time order)" "$WORK/by_id.h5"
