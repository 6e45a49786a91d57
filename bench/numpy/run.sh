#!/bin/sh
# Population: wcc against the vectorised numpy implementation (issue 14), in one sitting.
# Exports the inputs and draws (dist/bench/numpy/export-population.js), runs numpy on one core,
# then wcc on one thread (in-process) and on two, every local authority × REPLICATES × 5 years,
# each timed by /usr/bin/time (user + system CPU and wall). numpy's own timer counts its compute
# only (projection, cells, summary; its inputs and draws are prepared by wcc's export), while
# wcc's wall counts everything (start-up, data, preparing the areas, drawing, summarising,
# writing); wcc with one replicate per area measures that fixed part, so its compute is the
# difference. Run from the repository after `npm run build`.
# Usage: sh bench/numpy/run.sh [REPLICATES] [DIR]
set -eu
REPLICATES=${1:-1000}
DIR=${2:-bench/results/numpy}
node dist/bench/numpy/export-population.js "$DIR" "$REPLICATES" 5 1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "numpy (one core; its own timer, compute only):"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/time -f "  numpy process: %U s user, %S s system, %e s wall, %M KB" \
  python3 bench/numpy/population.py "$DIR"
for threads in 0 2; do
  for runs in 1 "$REPLICATES"; do
    echo "wcc run --model population --area all --runs $runs --threads $threads:"
    /usr/bin/time -f "  wcc: %U s user, %S s system, %e s wall, %M KB" \
      node dist/cli/main.js run --model population --area all --runs "$runs" \
      --threads "$threads" -q --format csv > "$DIR/wcc-population.csv"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
