/**
 * Summarises one area's replicates as they stream past in replicate order. When the area's
 * values fit the memory budget they are held and summarised in one pass (`summarise`); when they
 * do not, the first pass folds per-cell moments and later passes (the replicates simulated
 * again) find the exact order statistics (`orderStatisticSearch`): the same summary either way,
 * bit for bit. It also counts the replicates at or beyond thresholds asked for once the first
 * pass is done (a plan's P(meet)).
 */
import { createCellMoments, foldCellMoments, type CellMoments } from '../stats/cell-moments.js';
import {
  createFirstPassHistogram,
  foldFirstPass,
  orderStatisticSearch,
  type FirstPassHistogram,
  type OrderStatisticSearch,
  type SearchLimits,
} from '../stats/order-statistic-search.js';
import { summarise, summaryOfMoments, summaryRanks, type CellSummary } from './summary.js';

/** Count the replicates whose cell `cell` is ≥ `threshold` ('higher') or ≤ it ('lower'); NaN never counts. */
export interface ThresholdCount {
  readonly cell: number;
  readonly threshold: number;
  readonly better: 'higher' | 'lower';
}

/** One area's summary in the making. */
export interface AreaSummariser {
  /** Whether the values are held (within the budget) rather than streamed. */
  readonly held: boolean;
  /** Folds the next replicates of the current pass (replicate-major). */
  fold(values: Float64Array, replicates: number): void;
  /** Ends the current pass. */
  endPass(): void;
  /** Whether another pass over the replicates is needed. */
  pending(): boolean;
  /** The summary, once no pass is pending. */
  summary(): CellSummary;
  /** Every replicate's values (held only). */
  values(): Float64Array | undefined;
  /** Asks for threshold counts (after the first pass); they are known once no pass is pending. */
  count(requests: readonly ThresholdCount[]): void;
  /** The counts asked for, in order. */
  counts(): Float64Array;
}

/** Counts `values[r·cells + cell]` meeting each request over `replicates` replicates into `out`. */
function countInto(
  requests: readonly ThresholdCount[],
  values: Float64Array,
  replicates: number,
  cells: number,
  out: Float64Array,
): void {
  requests.forEach((q, i) => {
    let met = 0;
    const t = q.threshold;
    if (q.better === 'higher')
      for (let r = 0; r < replicates; ++r) met += values[r * cells + q.cell]! >= t ? 1 : 0;
    else for (let r = 0; r < replicates; ++r) met += values[r * cells + q.cell]! <= t ? 1 : 0;
    out[i]! += met;
  });
}

/**
 * A summariser of `replicates` replicates of `cells` cells that holds them when they take at
 * most `budget` bytes (or `hold` is true), and streams them in several passes otherwise
 * (`limits`: the search's, for tests).
 */
export function areaSummariser(
  cells: number,
  replicates: number,
  budget: number,
  hold = false,
  limits: SearchLimits = {},
): AreaSummariser {
  const held = hold || replicates * cells * 8 <= budget;
  const all: Float64Array | undefined = held ? new Float64Array(replicates * cells) : undefined;
  let filled = 0;
  const moments: CellMoments | undefined = held ? undefined : createCellMoments(cells);
  let first: FirstPassHistogram | undefined = held
    ? undefined
    : createFirstPassHistogram(cells, limits);
  let search: OrderStatisticSearch | undefined;
  let pass = 1;
  let requests: readonly ThresholdCount[] = [];
  let counts = new Float64Array(0);
  /** Whether the counts are still to be taken in a pass under way or to come. */
  let counting = false;
  let result: CellSummary | undefined;
  return {
    held,
    fold(values, n) {
      if (all) {
        all.set(values.subarray(0, n * cells), filled);
        filled += n * cells;
        return;
      }
      if (pass === 1) {
        foldCellMoments(moments!, values, n);
        foldFirstPass(first!, values, n);
      } else {
        if (search?.pending() === true) search.fold(values, n);
        if (counting) countInto(requests, values, n, cells, counts);
      }
    },
    endPass() {
      if (all) {
        result ??= summarise(all, replicates, cells);
        return;
      }
      if (pass === 1) {
        search = orderStatisticSearch(moments!, () => summaryRanks(replicates), limits, first);
        first = undefined;
      } else {
        if (search!.pending()) search!.endPass();
        counting = false;
      }
      ++pass;
      if (!search!.pending() && !counting)
        result = summaryOfMoments(moments!, (c, k) => search!.value(c, k));
    },
    pending() {
      return !all && (search === undefined || search.pending() || counting);
    },
    summary() {
      if (!result) throw new Error('summary: a pass over the replicates is still pending');
      return result;
    },
    values() {
      return all;
    },
    count(asked) {
      requests = asked;
      counts = new Float64Array(asked.length);
      if (all) countInto(asked, all, replicates, cells, counts);
      else if (asked.length > 0) {
        counting = true;
        result = undefined;
      }
    },
    counts() {
      return counts;
    },
  };
}
