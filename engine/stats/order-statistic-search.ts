/**
 * Exact order statistics of values that stream past several times (replicates are reproducible,
 * so they can be simulated again) without holding them: a multi-pass histogram selection.
 * Method: each wanted rank starts in the cell's finite range [min, max] (infinities are counted
 * apart, in `cellMoments`); a pass bins the values inside the rank's interval into equal-width
 * bins, counting them and keeping each bin's least and greatest value; the bin holding the rank
 * becomes the next interval, [least, greatest], with the count of values below it. Once an
 * interval holds one distinct value the rank's value is known; once it holds few values they
 * are gathered in the next pass and sorted. Each binned pass leaves at least two bins occupied
 * (an interval's bounds are values in it), so every pass narrows every interval, and the result
 * is the order statistic a full sort gives (up to the sign of a zero, which no type-7 quantile
 * can show). Memory is bounded by `HISTOGRAM_BINS` and `GATHER_VALUES`, whatever the number of
 * values; the number of passes grows with the spread of the values over their range (typically
 * two or three after the moments pass).
 */
import type { CellMoments } from './cell-moments.js';

/**
 * Bins of all the histograms of one pass together (each an Int32 count and two doubles: 80 MB):
 * ~3,000 bins for each of 1,290 cells leave ~1,000 of a million replicates in a central bin.
 */
export const HISTOGRAM_BINS = 4_000_000;
/**
 * Values gathered in one pass, all intervals together (doubles: 192 MB): enough that a million
 * replicates of 1,290 cells are gathered in the pass after the first histograms.
 */
export const GATHER_VALUES = 24_000_000;
/** Bins of one interval's histogram: at most, and at least. */
const MAX_BINS = 4096;
const MIN_BINS = 16;
/** An interval holding at most this many values is gathered rather than binned. */
const GATHER_AT_MOST = 65_536;

/** One wanted order statistic: rank `k` (0-based) of cell `cell`. */
interface Target {
  readonly cell: number;
  readonly k: number;
  /** The interval [lo, hi] that holds the rank; `below` values lie under it, `count` in it. */
  lo: number;
  hi: number;
  below: number;
  count: number;
  done: boolean;
  value: number;
}

/** The intervals of one pass, flattened; cells' intervals are disjoint. */
interface PassPlan {
  /** Cells with an interval, and each one's intervals `cellFirst[j] … cellFirst[j + 1] − 1`. */
  readonly activeCells: Int32Array;
  readonly cellFirst: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Bins (0: gathered), the first bin or gathered slot, and the slots filled. */
  readonly bins: Int32Array;
  readonly start: Int32Array;
  readonly fill: Int32Array;
  /** Scaled bounds: when hi − lo overflows, both are halved before binning. */
  readonly half: Uint8Array;
  readonly counts: Int32Array;
  readonly binMin: Float64Array;
  readonly binMax: Float64Array;
  readonly gathered: Float64Array;
  /** Each target's interval (−1: done). */
  readonly intervalOf: Int32Array;
}

/** Limits of one pass (tests set small ones to force many passes). */
export interface SearchLimits {
  /** Intervals holding at most this many values are gathered (default GATHER_AT_MOST). */
  readonly gatherAtMost?: number;
  /** Bins of one interval's histogram, at most (default 4096, at least 2). */
  readonly maxBins?: number;
}

/**
 * Histograms folded in the first pass itself, alongside the moments, over a range guessed from
 * the first replicates (the values' range is not known before the pass ends): per cell, bins
 * over the finite range of the first chunk, and one bin each for finite values below and above
 * it. The search starts from the bins that hold its ranks, which saves a pass over the values.
 */
export interface FirstPassHistogram {
  readonly cells: number;
  /** Regular bins per cell (the guessed range's), between the two tail bins. */
  readonly bins: number;
  /** The guessed range of each cell (NaN until the first chunk). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Per cell `bins + 2` counts, least and greatest values: tail below, regular, tail above. */
  readonly counts: Int32Array;
  readonly binMin: Float64Array;
  readonly binMax: Float64Array;
}

/** An empty first-pass histogram of `cells` cells, within HISTOGRAM_BINS bins in all. */
export function createFirstPassHistogram(
  cells: number,
  limits: SearchLimits = {},
): FirstPassHistogram {
  const bins = Math.max(
    1,
    Math.min(limits.maxBins ?? MAX_BINS, Math.floor(HISTOGRAM_BINS / Math.max(1, cells)) - 2),
  );
  const total = cells * (bins + 2);
  return {
    cells,
    bins,
    lo: new Float64Array(cells).fill(NaN),
    hi: new Float64Array(cells).fill(NaN),
    counts: new Int32Array(total),
    binMin: new Float64Array(total).fill(Infinity),
    binMax: new Float64Array(total).fill(-Infinity),
  };
}

/** Folds the next replicates of the first pass (replicate-major); the first call sets the ranges. */
export function foldFirstPass(
  h: FirstPassHistogram,
  values: Float64Array,
  replicates: number,
): void {
  const { cells, bins, lo, hi, counts, binMin, binMax } = h;
  if (replicates > 0 && Number.isNaN(lo[0]!))
    for (let c = 0; c < cells; ++c) {
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < replicates; ++r) {
        const x = values[r * cells + c]!;
        if (x - x === 0) {
          if (x < min) min = x;
          if (x > max) max = x;
        }
      }
      lo[c] = min;
      hi[c] = max;
    }
  const stride = bins + 2;
  for (let r = 0, i = 0; r < replicates; ++r)
    for (let c = 0; c < cells; ++c, ++i) {
      const x = values[i]!;
      // Infinities and NaN are the moments' to count.
      if (x - x !== 0) continue;
      const l = lo[c]!;
      const u = hi[c]!;
      let b: number;
      if (x < l) b = 0;
      else if (x > u) b = bins + 1;
      else if (l === u) b = 1;
      else {
        const t =
          u - l === Infinity ? (x * 0.5 - l * 0.5) / (u * 0.5 - l * 0.5) : (x - l) / (u - l);
        b = 1 + Math.min(bins - 1, Math.floor(t * bins));
      }
      const at = c * stride + b;
      ++counts[at]!;
      if (x < binMin[at]!) binMin[at] = x;
      if (x > binMax[at]!) binMax[at] = x;
    }
}

/** The search: fold each pass's values, end the pass, until `pending()` is false. */
export interface OrderStatisticSearch {
  /** Whether another pass over the values is needed. */
  pending(): boolean;
  /** Folds the next `replicates` replicates of the current pass (replicate-major, every cell). */
  fold(values: Float64Array, replicates: number): void;
  /** Ends the current pass: narrows every interval, or reads its rank's value. */
  endPass(): void;
  /** The value of rank `k` of cell `c`, once known (a rank asked for at creation). */
  value(c: number, k: number): number;
}

/**
 * Narrows a target to the bin that holds its rank among the `bins` bins from `start` of a
 * histogram (counts, least and greatest values); a bin of one distinct value gives the value.
 */
function narrowToBin(
  t: Target,
  h: { readonly counts: Int32Array; readonly binMin: Float64Array; readonly binMax: Float64Array },
  start: number,
  bins: number,
): void {
  const rank = t.k - t.below;
  let cumulative = 0;
  let b = start;
  for (const last = start + bins - 1; b < last && cumulative + h.counts[b]! <= rank; ++b)
    cumulative += h.counts[b]!;
  t.below += cumulative;
  t.count = h.counts[b]!;
  t.lo = h.binMin[b]!;
  t.hi = h.binMax[b]!;
  if (t.lo === t.hi) {
    t.value = t.lo;
    t.done = true;
  }
}

/**
 * A search for ranks `ranks(c)` of every cell `c` whose moments (a full first pass) are `m`;
 * cells with a NaN, or no ranks, are skipped. Ranks among the infinities are known at once; the
 * others start from the bins of `first` (folded in the same pass) when given, else from the
 * cell's finite range.
 */
export function orderStatisticSearch(
  m: CellMoments,
  ranks: (c: number) => readonly number[],
  limits: SearchLimits = {},
  first?: FirstPassHistogram,
): OrderStatisticSearch {
  const gatherAtMost = limits.gatherAtMost ?? GATHER_AT_MOST;
  const maxBins = Math.max(2, limits.maxBins ?? MAX_BINS);
  const n = m.n;
  const targets: Target[] = [];
  const byCell = new Map<number, Map<number, Target>>();
  for (let c = 0; c < m.cells; ++c) {
    if (m.nan[c] === 1) continue;
    const own = new Map<number, Target>();
    for (const k of ranks(c)) {
      if (own.has(k)) continue;
      const negInf = m.negInf[c]!;
      const posInf = m.posInf[c]!;
      const lo = m.finiteMin[c]!;
      const hi = m.finiteMax[c]!;
      const known =
        k < negInf ? -Infinity : k >= n - posInf ? Infinity : lo === hi ? lo : undefined;
      own.set(k, {
        cell: c,
        k,
        lo,
        hi,
        below: negInf,
        count: n - negInf - posInf,
        done: known !== undefined,
        value: known ?? NaN,
      });
    }
    for (const t of own.values()) {
      if (first && !t.done) narrowToBin(t, first, c * (first.bins + 2), first.bins + 2);
      targets.push(t);
    }
    byCell.set(c, own);
  }
  let plan: PassPlan | undefined;

  const pending = (): boolean => targets.some((t) => !t.done);

  const planPass = (): PassPlan => {
    // One interval per distinct (cell, lo, hi): ranks in the same interval share it.
    const intervalOf = new Int32Array(targets.length).fill(-1);
    const los: number[] = [];
    const his: number[] = [];
    const countOf: number[] = [];
    const cellsOf: number[] = [];
    let lastCell = -1;
    let cellStartInterval = 0;
    targets.forEach((t, i) => {
      if (t.done) return;
      if (t.cell !== lastCell) {
        lastCell = t.cell;
        cellStartInterval = los.length;
      }
      let j = cellStartInterval;
      while (j < los.length && !(los[j] === t.lo && his[j] === t.hi)) ++j;
      if (j === los.length) {
        los.push(t.lo);
        his.push(t.hi);
        countOf.push(t.count);
        cellsOf.push(t.cell);
      }
      intervalOf[i] = j;
    });
    const nIntervals = los.length;
    // Gather the smallest intervals first while the gathering budget lasts; bin the rest.
    const order = Array.from({ length: nIntervals }, (_, j) => j).sort(
      (a, b) => countOf[a]! - countOf[b]! || a - b,
    );
    const gatherAt = new Uint8Array(nIntervals);
    let gatheredTotal = 0;
    for (const j of order) {
      const count = countOf[j]!;
      if (count > gatherAtMost || gatheredTotal + count > GATHER_VALUES) break;
      gatherAt[j] = 1;
      gatheredTotal += count;
    }
    const binned = nIntervals - gatherAt.reduce((s, g) => s + g, 0);
    const perInterval = Math.min(
      maxBins,
      Math.max(MIN_BINS, Math.floor(HISTOGRAM_BINS / Math.max(1, binned))),
    );
    const bins = new Int32Array(nIntervals);
    const start = new Int32Array(nIntervals);
    const half = new Uint8Array(nIntervals);
    let binTotal = 0;
    let slotTotal = 0;
    for (let j = 0; j < nIntervals; ++j) {
      if (gatherAt[j] === 1) {
        start[j] = slotTotal;
        slotTotal += countOf[j]!;
      } else {
        bins[j] = Math.min(perInterval, Math.max(2, countOf[j]!));
        start[j] = binTotal;
        binTotal += bins[j]!;
        half[j] = Number.isFinite(his[j]! - los[j]!) ? 0 : 1;
      }
    }
    const activeCells: number[] = [];
    const cellFirst: number[] = [];
    cellsOf.forEach((c, j) => {
      if (activeCells.at(-1) !== c) {
        activeCells.push(c);
        cellFirst.push(j);
      }
    });
    cellFirst.push(nIntervals);
    return {
      activeCells: Int32Array.from(activeCells),
      cellFirst: Int32Array.from(cellFirst),
      lo: Float64Array.from(los),
      hi: Float64Array.from(his),
      bins,
      start,
      fill: Int32Array.from(start),
      half,
      counts: new Int32Array(binTotal),
      binMin: new Float64Array(binTotal).fill(Infinity),
      binMax: new Float64Array(binTotal).fill(-Infinity),
      gathered: new Float64Array(slotTotal),
      intervalOf,
    };
  };

  const fold = (values: Float64Array, replicates: number): void => {
    plan ??= planPass();
    const { activeCells, cellFirst, lo, hi, bins, start, fill, half, counts, binMin, binMax } =
      plan;
    const gathered = plan.gathered;
    const cells = m.cells;
    const nActive = activeCells.length;
    for (let r = 0; r < replicates; ++r) {
      const row = r * cells;
      for (let a = 0; a < nActive; ++a) {
        const x = values[row + activeCells[a]!]!;
        for (let j = cellFirst[a]!, end = cellFirst[a + 1]!; j < end; ++j) {
          const l = lo[j]!;
          const h = hi[j]!;
          if (!(x >= l && x <= h)) continue;
          const nb = bins[j]!;
          if (nb === 0) {
            gathered[fill[j]!++] = x;
            break;
          }
          // Bin of x: ⌊(x − lo)/(hi − lo)·bins⌋, at most bins − 1 (halved when hi − lo overflows).
          const u = half[j] === 1 ? (x * 0.5 - l * 0.5) / (h * 0.5 - l * 0.5) : (x - l) / (h - l);
          let b = Math.floor(u * nb);
          if (b >= nb) b = nb - 1;
          const at = start[j]! + b;
          ++counts[at]!;
          if (x < binMin[at]!) binMin[at] = x;
          if (x > binMax[at]!) binMax[at] = x;
          break;
        }
      }
    }
  };

  const endPass = (): void => {
    const p = plan ?? planPass();
    plan = undefined;
    const sorted = new Uint8Array(p.lo.length);
    targets.forEach((t, i) => {
      const j = p.intervalOf[i]!;
      if (j < 0) return;
      const nb = p.bins[j]!;
      const s = p.start[j]!;
      const rank = t.k - t.below;
      if (nb === 0) {
        const segment = p.gathered.subarray(s, s + t.count);
        if (sorted[j] === 0) {
          segment.sort();
          sorted[j] = 1;
        }
        t.value = segment[rank]!;
        t.done = true;
        return;
      }
      narrowToBin(t, p, s, nb);
    });
  };

  const value = (c: number, k: number): number => {
    const t = byCell.get(c)?.get(k);
    if (!t?.done) throw new Error(`order statistic ${k} of cell ${c} is not known yet`);
    return t.value;
  };

  return { pending, fold, endPass, value };
}
