#!/usr/bin/env bash
# Memory proof: the same recipe (benchmarks/run/poisson.yaml: 50 brunel cells, generated Poisson input) for T and
# 10·T; peak RSS of the long run must stay below 1.3 × the short one (nothing grows with simulated duration).
# Usage: benchmarks/run/memory.sh [T_MS]   (default 3000)
set -euo pipefail
cd "$(dirname "$0")/../.."
t="${1:-3000}"
hlfp="$(bash scripts/build-hlfp.sh)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
peak() {
  /usr/bin/time -v "$hlfp" run benchmarks/run/poisson.yaml --out "$out/$1" --tstop "$1" 2> "$out/time-$1.txt" \
    || { cat "$out/time-$1.txt"; exit 1; }
  grep '^hlfp run: [0-9]' "$out/time-$1.txt" >&2
  grep 'Maximum resident set size' "$out/time-$1.txt" | awk '{print $NF}'
}
short=$(peak "$t")
long=$(peak "$((t * 10))")
ratio=$(awk -v a="$long" -v b="$short" 'BEGIN { printf "%.3f", a / b }')
echo "peak RSS: tstop $t ms: $((short / 1024)) MiB; tstop $((t * 10)) ms: $((long / 1024)) MiB; ratio $ratio (must be < 1.3)"
awk -v r="$ratio" 'BEGIN { exit !(r < 1.3) }'
