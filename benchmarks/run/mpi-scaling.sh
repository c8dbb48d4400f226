#!/usr/bin/env bash
# MPI scaling: hybridLFPy's example_brunel at ORDER = 200 (examples/brunel/brunel-1000.yaml: 800 EX + 200 IN cells,
# Poisson 20 Hz input) on 1 process vs `mpirun -np 2`, one worker thread per rank so the comparison is ranks alone.
# Prints wall time, user time and peak RSS of each (/usr/bin/time -v; for mpirun the RSS is the largest process),
# checks that both write the same bytes, and the parallel efficiency T1 / (2·T2). Also prints the load average:
# the project machine is shared, so quote it with the figures.
# Usage: benchmarks/run/mpi-scaling.sh [TSTOP_MS]   (default: the recipe's 1000 ms)
set -euo pipefail
cd "$(dirname "$0")/../.."
recipe=examples/brunel/brunel-1000.yaml
tstop=()
[[ $# -ge 1 ]] && tstop=(--tstop "$1")
dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
hlfp="$PWD/src/Cli/bin/Release/net10.0/hlfp"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<< "$1"; }

measure() { # $1 = ranks
  local ranks=$1 log="$out/time-$1.txt" load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  if [[ $ranks -eq 1 ]]; then
    /usr/bin/time -v "$hlfp" run "$recipe" --out "$out/r$ranks" --threads 1 "${tstop[@]}" > /dev/null 2> "$log" || { cat "$log"; exit 1; }
  else
    /usr/bin/time -v mpirun --allow-run-as-root --oversubscribe -np "$ranks" "$hlfp" run "$recipe" --out "$out/r$ranks" --threads 1 "${tstop[@]}" \
      > /dev/null 2> "$log" || { cat "$log"; exit 1; }   # (mpirun writes terminal codes to stdout)
  fi
  grep -E '^hlfp run: [0-9]|MPI ranks|^  rank ' "$log" >&2
  local wall user sys rss
  wall=$(seconds "$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')")
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  echo "$ranks rank(s): wall $wall s, user $user s, sys $sys s, peak RSS $((rss / 1024)) MiB, load average before: $load" >&2
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}

read -r t1 c1 < <(measure 1)
read -r t2 c2 < <(measure 2)
cmp "$out/r1/signals.csv" "$out/r2/signals.csv" && echo "outputs: byte-identical"
awk -v a="$t1" -v b="$t2" 'BEGIN { printf "T1 = %.2f s, T2 = %.2f s, speed-up %.2f, parallel efficiency T1/(2·T2) = %.1f %% (target ≥ 85 %%)\n", a, b, a / b, 100 * a / (2 * b) }'
# On a shared machine the wall figure depends on how much of the 2 cores the others leave us; the CPU time the job
# needs (user + sys over all ranks) does not: CPU1 / CPU2 is the efficiency the cores would give if they were free.
awk -v a="$c1" -v b="$c2" 'BEGIN { printf "CPU time: 1 process %.2f s, 2 ranks %.2f s (all ranks); CPU efficiency CPU1/CPU2 = %.1f %%\n", a, b, 100 * a / b }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
