/**
 * Per-cell summaries of Monte Carlo replicates: mean and the 2.5, 10, 50, 90 and 97.5 %
 * quantiles (type 7). Replicates are read in replicate order, so a summary is the same
 * whichever thread or chunk computed it.
 */
import { selectQuantiles } from '../stats/select-quantiles.js';
import { meanOf } from '../stats/welford.js';

/** Summary statistics in output order, with their column names. */
export const SUMMARY_STATS = ['mean', 'p2_5', 'p10', 'p50', 'p90', 'p97_5'] as const;
export type SummaryStat = (typeof SUMMARY_STATS)[number];
/** Probability of each quantile column. */
const QUANTILES: readonly number[] = [0.025, 0.1, 0.5, 0.9, 0.975];

/** Per-cell statistics: `stats[s][cell]`, s in SUMMARY_STATS order. */
export interface CellSummary {
  readonly cells: number;
  readonly stats: readonly Float64Array[];
}

/**
 * Summarises `values` laid out replicate-major (`values[r·cells + c]`).
 * @param values - replicate values
 * @param replicates - number of replicates
 * @param cells - cells per replicate
 */
export function summarise(values: Float64Array, replicates: number, cells: number): CellSummary {
  const stats = SUMMARY_STATS.map(() => new Float64Array(cells));
  const scratch = new Float64Array(replicates);
  const quantiles = new Float64Array(QUANTILES.length);
  for (let c = 0; c < cells; ++c) {
    stats[0]![c] = meanOf(values, replicates, c, cells);
    for (let r = 0; r < replicates; ++r) scratch[r] = values[r * cells + c]!;
    selectQuantiles(scratch, QUANTILES, quantiles);
    for (let q = 0; q < QUANTILES.length; ++q) stats[q + 1]![c] = quantiles[q]!;
  }
  return { cells, stats };
}
