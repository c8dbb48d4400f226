#!/usr/bin/env bash
# Hybrid run benchmark: hybridLFPy's example_brunel at ORDER = 50 (examples/brunel/brunel.yaml) end to end,
# process start to files closed. Builds Release, runs once untimed (it fills the page cache and hlfp's JIT start-up
# profile, as any earlier run would), then RUNS timed runs with /usr/bin/time -v and prints each and the median.
# Usage: benchmarks/run/brunel.sh [THREADS]   (default: all cores)
#   RUNS=N (default 5); HLFP_R2R=composite for the self-contained composite build, HLFP_R2R=0 for the plain JIT build.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads="${1:-$(nproc)}"
runs="${RUNS:-5}"
hlfp="$(bash scripts/build-hlfp.sh)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "binary: $hlfp (HLFP_R2R=${HLFP_R2R:-1}), threads $threads"
"$hlfp" run examples/brunel/brunel.yaml --out "$out/signals" --threads "$threads" 2> "$out/warmup.txt" || { cat "$out/warmup.txt"; exit 1; }
walls=()
for i in $(seq 1 "$runs"); do
  log="$out/time$i.txt"
  /usr/bin/time -v "$hlfp" run examples/brunel/brunel.yaml --out "$out/signals" --threads "$threads" 2> "$log" || { cat "$log"; exit 1; }
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  seconds=$(echo "$wall" | awk -F: '{print $(NF-1) * 60 + $NF}')
  walls+=("$seconds")
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  echo "run $i: wall ${seconds} s, user ${user} s, sys ${sys} s, peak RSS $((rss / 1024)) MiB; $(grep '^hlfp run: [0-9]' "$log" | sed 's/^hlfp run: //')"
done
median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "median wall ${median} s over $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
