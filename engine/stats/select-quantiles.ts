/**
 * Several type-7 quantiles of unsorted values without a full sort.
 * Method: a bucket (distribution) pass finds the few values near each wanted rank, which are
 * then sorted: the order statistics are exact, in about three linear passes. Hoare's
 * quickselect (Hoare 1961, "Algorithm 65: Find") with a median-of-three pivot serves values
 * that are not all finite.
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Rearranges `a[left … right]` so that a[k] is the value a sort would put there. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    // Median of three as pivot, moved to a[k].
    const mid = (left + right) >>> 1;
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) ++i;
      while (a[j]! > pivot) --j;
      if (i <= j) {
        swap(a, i, j);
        ++i;
        --j;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** Bins of the bucket pass: enough that the bins holding the wanted ranks are tiny. */
const BINS = 512;
const binCounts = new Int32Array(BINS + 1);
const wanted = new Uint8Array(BINS);
let gathered = new Float64Array(0);

/**
 * The order statistics `ks` (ascending) of `values` by one bucket pass: count the values in
 * BINS equal-width bins between the minimum and maximum, then sort only the bins that hold a
 * wanted rank. Exact (the same values a full sort gives) in about three linear passes.
 * @returns false when the values are not all finite (the caller falls back to quickselect)
 */
function bucketOrderStatistics(
  values: Float64Array,
  ks: readonly number[],
  out: Float64Array,
): boolean {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; ++i) {
    const x = values[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (!(Number.isFinite(min) && Number.isFinite(max))) return false;
  if (min === max) {
    out.fill(min, 0, ks.length);
    return true;
  }
  const range = max - min;
  const scale = BINS / range;
  // A range that overflows, or is too narrow to divide, goes to quickselect.
  if (!Number.isFinite(range) || !Number.isFinite(scale) || scale === 0) return false;
  const binOf = (x: number): number => Math.min(BINS - 1, Math.floor((x - min) * scale));
  binCounts.fill(0);
  for (let i = 0; i < n; ++i) {
    const b = binOf(values[i]!) + 1;
    binCounts[b] = binCounts[b]! + 1;
  }
  for (let b = 0; b < BINS; ++b) binCounts[b + 1] = binCounts[b + 1]! + binCounts[b]!; // starts
  // Which bins hold a wanted rank.
  wanted.fill(0);
  for (const k of ks) {
    let lo = 0;
    let hi = BINS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (binCounts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    wanted[lo] = 1;
  }
  // Gather the wanted bins' values at their bins' positions, sort each, read the ranks.
  if (gathered.length < n) gathered = new Float64Array(n);
  const fill = binCounts.slice(0, BINS);
  for (let i = 0; i < n; ++i) {
    const x = values[i]!;
    const b = binOf(x);
    if (wanted[b] === 1) gathered[fill[b]!++] = x;
  }
  for (let b = 0; b < BINS; ++b)
    if (wanted[b] === 1) gathered.subarray(binCounts[b], binCounts[b + 1]).sort();
  ks.forEach((k, q) => (out[q] = gathered[k]!));
  return true;
}

/**
 * Writes the type-7 quantiles of `values` at the ascending probabilities `probs` into `out`.
 * `values` may be reordered. NaN in, NaN out.
 * @param values - the values (reordered in place when not all finite)
 * @param probs - probabilities in [0, 1], ascending
 * @param out - the quantiles, written
 */
export function selectQuantiles(
  values: Float64Array,
  probs: readonly number[],
  out: Float64Array,
): void {
  const n = values.length;
  let hasNaN = n === 0;
  for (let i = 0; i < n && !hasNaN; ++i) hasNaN = Number.isNaN(values[i]!);
  if (hasNaN) {
    out.fill(NaN, 0, probs.length);
    return;
  }
  // Type 7 needs the order statistics ⌊h⌋ and ⌊h⌋ + 1 at h = (n − 1)·p.
  const ks: number[] = [];
  for (const p of probs) {
    const lo = Math.floor((n - 1) * p);
    ks.push(lo, Math.min(lo + 1, n - 1));
  }
  const stats = new Float64Array(ks.length);
  if (!bucketOrderStatistics(values, ks, stats)) {
    // Infinite values: quickselect, each order statistic in turn.
    let fixed = 0;
    ks.forEach((k, i) => {
      if (k >= fixed) {
        select(values, k, fixed, n - 1);
        fixed = k + 1;
      }
      stats[i] = values[k]!;
    });
  }
  probs.forEach((p, q) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const x = stats[2 * q]!;
    out[q] = x + (h - lo) * (stats[2 * q + 1]! - x);
  });
}
