#!/usr/bin/env bash
# MPI scaling: hybridLFPy's example_brunel at ORDER = 200 (examples/brunel/brunel-1000.yaml: 800 EX + 200 IN cells,
# Poisson 20 Hz input) on 1 process vs `mpirun -np 2`, one worker thread per rank so the comparison is ranks alone.
#  1. start-up: `hlfp version` alone and under mpirun, `hlfp mpi-selftest --tstop 1` (MPI_Init + collectives), and
#     the whole recipe for 1 ms (start-up + building 1000 cells + closing files): the fixed cost of a run;
#  2. the full run on 1 process and on 2 ranks, each under /usr/bin/time -v: wall time, user + sys CPU (all ranks),
#     peak RSS (for mpirun the largest process), the in-process summary and each rank's timings;
#  3. that both runs wrote the same bytes (every output file but run.json, which holds timings): the script fails
#     otherwise;
#  4. parallel efficiency T1 / (2·T2) by wall time and CPU1 / CPU2 by CPU time, and the load average before/after
#     each run (the project machine is shared: quote it with the figures).
# The binary is published ReadyToRun (precompiled; `R2R=0` uses the plain JIT build instead): every rank pays the
# runtime's start-up and JIT, which one process pays once, so precompiled code is what an MPI job should run.
# Usage: benchmarks/run/mpi-scaling.sh [TSTOP_MS]   (default: the recipe's 1000 ms)
set -euo pipefail
cd "$(dirname "$0")/../.."
recipe=examples/brunel/brunel-1000.yaml
tstop=()
[[ $# -ge 1 ]] && tstop=(--tstop "$1")
hlfp="$(HLFP_R2R="${R2R:-1}" bash scripts/build-hlfp.sh)"
echo "binary: $hlfp"
mpirun=(mpirun --allow-run-as-root --oversubscribe)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<< "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Fastest of 3 wall times (s) of a command: start-up figures are small, so take the least disturbed.
fastest() {
  local best=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e' -o "$out/fastest.txt" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    best=$(awk -v a="$best" -v b="$(tail -1 "$out/fastest.txt")" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

echo "start-up (fastest of 3, wall), load average $(load):"
echo "  hlfp version: $(fastest "$hlfp" version) s; under mpirun -np 2: $(fastest "${mpirun[@]}" -np 2 "$hlfp" version) s"
echo "  mpirun -np 2 hlfp mpi-selftest --tstop 1 (MPI_Init, collectives, MPI_Finalize): $(fastest "${mpirun[@]}" -np 2 "$hlfp" mpi-selftest --tstop 1) s"
echo "  whole recipe for 1 ms (start-up, 1000 cells built, files closed): 1 process $(fastest "$hlfp" run "$recipe" --tstop 1 --threads 1 --out "$out/s1") s, \
2 ranks $(fastest "${mpirun[@]}" -np 2 "$hlfp" run "$recipe" --tstop 1 --threads 1 --out "$out/s2") s"

measure() { # $1 = ranks
  local ranks=$1 log="$out/time-$1.txt" before
  before=$(load)
  if [[ $ranks -eq 1 ]]; then
    /usr/bin/time -v "$hlfp" run "$recipe" --out "$out/r$ranks" --format hdf5,csv --threads 1 "${tstop[@]}" > /dev/null 2> "$log" || { cat "$log"; exit 1; }
  else
    /usr/bin/time -v "${mpirun[@]}" -np "$ranks" "$hlfp" run "$recipe" --out "$out/r$ranks" --format hdf5,csv --threads 1 "${tstop[@]}" \
      > /dev/null 2> "$log" || { cat "$log"; exit 1; }   # (mpirun writes terminal codes to stdout)
  fi
  grep -E '^hlfp run: [0-9]|MPI ranks|^  rank ' "$log" >&2
  local wall user sys rss
  wall=$(seconds "$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')")
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  echo "$ranks rank(s): wall $wall s, user $user s, sys $sys s, peak RSS $((rss / 1024)) MiB, load average before: $before, after: $(load)" >&2
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}

read -r t1 c1 < <(measure 1)
read -r t2 c2 < <(measure 2)

# Same files, same bytes (run.json records timings and is left out).
files1=$(cd "$out/r1" && find . -type f ! -name run.json | sort)
files2=$(cd "$out/r2" && find . -type f ! -name run.json | sort)
if [[ "$files1" != "$files2" ]]; then
  echo "outputs: DIFFERENT file sets:" >&2
  diff <(echo "$files1") <(echo "$files2") >&2 || true
  exit 1
fi
for f in $files1; do
  cmp "$out/r1/$f" "$out/r2/$f" || { echo "outputs: $f DIFFERS" >&2; exit 1; }
done
echo "outputs: byte-identical ($(echo "$files1" | wc -l) files: $(echo "$files1" | sed 's|^\./||' | tr '\n' ' '))"

awk -v a="$t1" -v b="$t2" 'BEGIN { printf "T1 = %.2f s, T2 = %.2f s, speed-up %.2f, parallel efficiency T1/(2·T2) = %.1f %% (target ≥ 85 %%)\n", a, b, a / b, 100 * a / (2 * b) }'
# On a shared machine the wall figure depends on how much of the 2 cores the others leave us; the CPU time the job
# needs (user + sys over all ranks) does not: CPU1 / CPU2 is the efficiency the cores would give if they were free.
awk -v a="$c1" -v b="$c2" 'BEGIN { printf "CPU time: 1 process %.2f s, 2 ranks %.2f s (all ranks); CPU efficiency CPU1/CPU2 = %.1f %%\n", a, b, 100 * a / b }'
echo "load average after: $(load)"
