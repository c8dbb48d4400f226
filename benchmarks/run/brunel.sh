#!/usr/bin/env bash
# Hybrid run benchmark: hybridLFPy's example_brunel at ORDER = 50 (examples/brunel/brunel.yaml) end to end,
# process start to files closed. Builds Release, then prints wall time, peak RSS and compartment-steps/s.
# Usage: benchmarks/run/brunel.sh [THREADS]   (default: all cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
threads="${1:-$(nproc)}"
hlfp="$(bash scripts/build-hlfp.sh)"   # ReadyToRun; HLFP_R2R=0 for the plain JIT build
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
log="$out/time.txt"
/usr/bin/time -v "$hlfp" run examples/brunel/brunel.yaml --out "$out/signals" --threads "$threads" 2> "$log" || { cat "$log"; exit 1; }
grep '^hlfp run: [0-9]' "$log"
wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
user=$(grep 'User time' "$log" | awk '{print $NF}')
sys=$(grep 'System time' "$log" | awk '{print $NF}')
echo "threads $threads: wall $wall (m:ss), user ${user} s, sys ${sys} s, peak RSS $((rss / 1024)) MiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
