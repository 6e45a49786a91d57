/**
 * Quantiles (engine/stats/quantile.ts) of 10,000 values, and `summarise` (engine/run/summary.ts)
 * of one area's run: 10,000 replicates × 45 cells, as in the one-area whole-run workload, and
 * 300 replicates × 650 cells, one local authority's full chain in a run of every area.
 */
import type { Bench } from 'tinybench';
import { quantileSorted, sortValues } from '../../engine/stats/quantile.js';
import { summarise } from '../../engine/run/summary.js';
import { check, uniformValues } from '../data.js';

/** Values per quantile call. */
const VALUES = 10_000;
/** Replicates and cells of the summarised area (5 years of the population model). */
const REPLICATES = 10_000;
// 6 years × 5 population stocks + 5 years × 3 flows.
const CELLS = 6 * 5 + 5 * 3;
/** Replicates and cells of one area of the full chain (about 650 cells a local authority). */
const CHAIN_REPLICATES = 300;
const CHAIN_CELLS = 650;
/** The probabilities of the run summary's quantile columns. */
const PROBABILITIES = [0.025, 0.1, 0.5, 0.9, 0.975];

/** Adds the quantile and `summarise` tasks to `bench`. */
export function quantileBenches(bench: Bench): void {
  const values = uniformValues('quantile/values', VALUES, 0, 1);
  const scratch = new Float64Array(VALUES);
  bench.add(`sort + ${PROBABILITIES.length} quantiles of ${VALUES.toLocaleString('en-GB')}`, () => {
    // Sorting is in place, so each call sorts a fresh copy of the unsorted values.
    scratch.set(values);
    sortValues(scratch);
    let previous = -Infinity;
    for (const p of PROBABILITIES) {
      const q = quantileSorted(scratch, p);
      check(q >= previous && q <= 1, `quantile ${p}: ${q}`);
      previous = q;
    }
  });

  const replicates = uniformValues('quantile/replicates', REPLICATES * CELLS, 1000, 2000);
  bench.add(`summarise ${REPLICATES.toLocaleString('en-GB')} replicates × ${CELLS} cells`, () => {
    const summary = summarise(replicates, REPLICATES, CELLS);
    const median = summary.stats[3]![CELLS - 1]!;
    check(median > 1000 && median < 2000, `median ${median}`);
  });

  const chain = uniformValues('quantile/chain', CHAIN_REPLICATES * CHAIN_CELLS, 1000, 2000);
  bench.add(
    `summarise ${CHAIN_REPLICATES} replicates × ${CHAIN_CELLS} cells (one area of the full chain)`,
    () => {
      const summary = summarise(chain, CHAIN_REPLICATES, CHAIN_CELLS);
      const median = summary.stats[3]![CHAIN_CELLS - 1]!;
      check(median > 1000 && median < 2000, `median ${median}`);
    },
  );
}
