/**
 * Per-cell summaries of Monte Carlo replicates: mean and the 2.5, 10, 50, 90 and 97.5 %
 * quantiles (type 7). Replicates are read in replicate order, so a summary is the same
 * whichever thread or chunk computed it.
 */
import { momentsMean, type CellMoments } from '../stats/cell-moments.js';
import { selectQuantilesOfRange } from '../stats/select-quantiles.js';

/** Summary statistics in output order, with their column names. */
export const SUMMARY_STATS = ['mean', 'p2_5', 'p10', 'p50', 'p90', 'p97_5'] as const;
export type SummaryStat = (typeof SUMMARY_STATS)[number];
/** Probability of each quantile column. */
const QUANTILES: readonly number[] = [0.025, 0.1, 0.5, 0.9, 0.975];
/**
 * Cells copied out together: each block reads a run of 32 doubles (four 64-byte cache lines) of
 * every replicate's row, so each line of the replicate-major values is read once per block
 * instead of once per cell, and rows far apart (an area of a thousand cells puts each replicate
 * on its own memory page) are visited a quarter as often as with one line (about a fifth faster
 * on 1,500 cells).
 */
const BLOCK = 32;

/** Per-cell statistics: `stats[s][cell]`, s in SUMMARY_STATS order. */
export interface CellSummary {
  readonly cells: number;
  readonly stats: readonly Float64Array[];
}

// Scratch reused by every call on this thread: BLOCK columns of replicates, and the quantiles.
let columns = new Float64Array(0);
const quantiles = new Float64Array(QUANTILES.length);

/** Whether `values[offset … offset + n − 1]` holds a NaN. */
function hasNaN(values: Float64Array, offset: number, n: number): boolean {
  for (let i = offset, end = offset + n; i < end; ++i) if (Number.isNaN(values[i]!)) return true;
  return false;
}

/**
 * Writes the statistics of cell `c` (`stats[s][c]`) from its `n` replicates, in replicate order
 * at `cols[offset …]` (reordered when not all finite).
 */
function summariseCell(
  cols: Float64Array,
  offset: number,
  n: number,
  c: number,
  stats: readonly Float64Array[],
): void {
  // One pass for the minimum, maximum and mean (NaN fails every comparison, so it leaves the
  // extremes alone and makes the sum NaN). The mean is Neumaier's compensated sum exactly as
  // `meanOf` (engine/stats/welford.ts) computes it, inlined for speed:
  //   stats[0][c] = meanOf(cols, n, offset)
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let compensation = 0;
  for (let r = offset, end = offset + n; r < end; ++r) {
    const x = cols[r]!;
    if (x < min) min = x;
    if (x > max) max = x;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  const mean = (sum + compensation) / n;
  stats[0]![c] = n > 0 ? mean : NaN;
  // A NaN mean comes from a NaN value or from infinities of both signs: look which.
  if (n === 0 || (mean !== mean && hasNaN(cols, offset, n))) {
    for (let q = 0; q < QUANTILES.length; ++q) stats[q + 1]![c] = NaN;
    return;
  }
  selectQuantilesOfRange(cols, offset, n, min, max, QUANTILES, quantiles);
  for (let q = 0; q < QUANTILES.length; ++q) stats[q + 1]![c] = quantiles[q]!;
}

/**
 * Summarises `values` laid out replicate-major (`values[r·cells + c]`).
 * @param values - replicate values
 * @param replicates - number of replicates
 * @param cells - cells per replicate
 */
export function summarise(values: Float64Array, replicates: number, cells: number): CellSummary {
  const stats = SUMMARY_STATS.map(() => new Float64Array(cells));
  const n = replicates;
  // At most the values' own size: a block never spans more cells than there are.
  const scratch = Math.min(BLOCK, cells) * n;
  if (columns.length < scratch) columns = new Float64Array(scratch);
  const cols = columns;
  for (let c0 = 0; c0 < cells; c0 += BLOCK) {
    const width = Math.min(BLOCK, cells - c0);
    // Transpose the block: column j of cell c0 + j at cols[j·n …].
    for (let r = 0; r < n; ++r) {
      const from = r * cells + c0;
      for (let j = 0; j < width; ++j) cols[j * n + r] = values[from + j]!;
    }
    for (let j = 0; j < width; ++j) summariseCell(cols, j * n, n, c0 + j, stats);
  }
  return { cells, stats };
}

/**
 * Summarises values laid out cell-major (`columns[c·replicates + r]`): the same statistics as
 * `summarise` of the same values replicate-major, bit for bit, without the transposition.
 * @param columns - replicate values by cell (reordered in place when not all finite)
 * @param replicates - number of replicates
 * @param cells - cells per replicate
 */
export function summariseColumns(
  columns: Float64Array,
  replicates: number,
  cells: number,
): CellSummary {
  const stats = SUMMARY_STATS.map(() => new Float64Array(cells));
  for (let c = 0; c < cells; ++c) summariseCell(columns, c * replicates, replicates, c, stats);
  return { cells, stats };
}

/**
 * The ranks (0-based order statistics) the summary's type-7 quantiles of `n` values need:
 * ⌊h⌋ and min(⌊h⌋ + 1, n − 1) at h = (n − 1)·p, as `selectQuantilesOfRange` reads them.
 */
export function summaryRanks(n: number): number[] {
  return QUANTILES.flatMap((p) => {
    const lo = Math.floor((n - 1) * p);
    return [lo, Math.min(lo + 1, n - 1)];
  });
}

/**
 * The summary of values streamed past rather than held: the mean from the folded moments and the
 * quantiles from the order statistics `search` found, bit for bit what `summarise` gives on the
 * same values in replicate order.
 * @param m - every replicate's moments (a full pass)
 * @param value - the order statistic of rank k of cell c (any rank `summaryRanks(m.n)` names)
 */
export function summaryOfMoments(
  m: CellMoments,
  value: (c: number, k: number) => number,
): CellSummary {
  const cells = m.cells;
  const n = m.n;
  const stats = SUMMARY_STATS.map(() => new Float64Array(cells));
  const ranks = summaryRanks(n);
  for (let c = 0; c < cells; ++c) {
    const mean = momentsMean(m, c);
    stats[0]![c] = mean;
    // As `summarise`: no replicates, or a NaN among them, gives NaN quantiles.
    if (n === 0 || (mean !== mean && m.nan[c] === 1)) {
      for (let q = 0; q < QUANTILES.length; ++q) stats[q + 1]![c] = NaN;
      continue;
    }
    for (let q = 0; q < QUANTILES.length; ++q) {
      const h = (n - 1) * QUANTILES[q]!;
      const lo = Math.floor(h);
      const x = value(c, ranks[2 * q]!);
      stats[q + 1]![c] = x + (h - lo) * (value(c, ranks[2 * q + 1]!) - x);
    }
  }
  return { cells, stats };
}
