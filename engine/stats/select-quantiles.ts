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

/**
 * Most bins of the bucket pass: enough that the bins holding the wanted ranks are tiny however
 * many values there are.
 */
const MAX_BINS = 512;
/**
 * Values per bin the bucket pass aims at: a call steps through every bin a few times, so fewer
 * values get fewer bins (300 replicates: 75 bins; with the insertion sort below, the bucket pass
 * took about 30 % less of a run of every area than with 512 bins and the typed-array sort).
 */
const VALUES_PER_BIN = 4;
/**
 * Largest wanted bin sorted by insertion in place; a larger one (values bunched in a few bins)
 * goes to the typed-array sort.
 */
const INSERTION_MAX = 48;
/** Most quantiles asked for in one call (two order statistics each). */
const MAX_PROBS = 32;

// Scratch reused by every call on this thread (nothing is allocated per call once grown).
const binCounts = new Int32Array(MAX_BINS + 1);
const binFill = new Int32Array(MAX_BINS);
const wanted = new Uint8Array(MAX_BINS);
const ranks = new Int32Array(2 * MAX_PROBS);
const orderStats = new Float64Array(2 * MAX_PROBS);
let binOfValue = new Uint16Array(0);
let gathered = new Float64Array(0);

/**
 * Sorts `a[from … to − 1]` in place by insertion, in the typed-array sort's order (−0 before
 * +0): for the few values of a bin, with no call and no view to allocate.
 */
function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; ++i) {
    const x = a[i]!;
    let j = i;
    // Shift while the previous value sorts after x: greater, or +0 before a −0.
    for (; j > from; --j) {
      const y = a[j - 1]!;
      if (!(y > x || (y === x && x === 0 && 1 / y > 1 / x))) break;
      a[j] = y;
    }
    a[j] = x;
  }
}

/**
 * The order statistics `ks[0 … nk−1]` (ascending) of `values[offset … offset + n−1]`, whose finite minimum
 * and maximum are `min` < `max`, by one bucket pass: count the values in equal-width bins (about
 * VALUES_PER_BIN a bin, at most MAX_BINS), then sort only the bins that hold a wanted rank.
 * Exact (the same values a full sort gives).
 * @returns false when the range is too wide or too narrow to divide (the caller falls back)
 */
function bucketOrderStatistics(
  values: Float64Array,
  offset: number,
  n: number,
  min: number,
  max: number,
  ks: Int32Array,
  nk: number,
  out: Float64Array,
): boolean {
  const nBins = Math.min(MAX_BINS, Math.ceil(n / VALUES_PER_BIN));
  const range = max - min;
  const scale = nBins / range;
  // A range that overflows, or is too narrow to divide, goes to quickselect.
  if (!Number.isFinite(range) || !Number.isFinite(scale) || scale === 0) return false;
  if (binOfValue.length < n) {
    binOfValue = new Uint16Array(n);
    gathered = new Float64Array(n);
  }
  const bins = binOfValue;
  const counts = binCounts;
  const last = nBins - 1;
  counts.fill(0, 0, nBins + 1);
  // Bin of x: min(nBins − 1, ⌊(x − min)·scale⌋); (x − min)·scale is in [0, nBins], so `| 0`
  // floors, and it does not decrease as x grows (−0 and +0 share a bin).
  for (let i = 0; i < n; ++i) {
    let b = ((values[offset + i]! - min) * scale) | 0;
    if (b > last) b = last;
    bins[i] = b;
    ++counts[b + 1]!;
  }
  for (let b = 0; b < nBins; ++b) counts[b + 1]! += counts[b]!; // starts
  // Which bins hold a wanted rank (ks ascend, so one walk up the starts finds them all), and
  // where each one's values go.
  const fill = binFill;
  wanted.fill(0, 0, nBins);
  for (let q = 0, b = 0; q < nk; ++q) {
    const k = ks[q]!;
    while (counts[b + 1]! <= k) ++b;
    wanted[b] = 1;
    fill[b] = counts[b]!;
  }
  // Gather the wanted bins' values at their bins' positions, sort each, read the ranks.
  for (let i = 0; i < n; ++i) {
    const b = bins[i]!;
    if (wanted[b] === 1) gathered[fill[b]!++] = values[offset + i]!;
  }
  for (let b = 0; b < nBins; ++b) {
    if (wanted[b] !== 1) continue;
    const from = counts[b]!;
    const to = counts[b + 1]!;
    if (to - from <= INSERTION_MAX) insertionSort(gathered, from, to);
    else gathered.subarray(from, to).sort();
  }
  for (let q = 0; q < nk; ++q) out[q] = gathered[ks[q]!]!;
  return true;
}

/**
 * The type-7 quantiles at `probs` of `values[offset … offset + n−1]`, which hold no NaN and whose minimum
 * and maximum the caller has found (one pass of its own can then serve other statistics too).
 * `values` may be reordered.
 * @param values - the values, none NaN (reordered in place when not all finite)
 * @param offset - index of the first value
 * @param n - how many values, at least one
 * @param min - their minimum
 * @param max - their maximum
 * @param probs - probabilities in [0, 1], ascending, at most 32
 * @param out - the quantiles, written
 */
export function selectQuantilesOfRange(
  values: Float64Array,
  offset: number,
  n: number,
  min: number,
  max: number,
  probs: readonly number[],
  out: Float64Array,
): void {
  const np = probs.length;
  if (np > MAX_PROBS)
    throw new RangeError(`probs: expected at most ${MAX_PROBS} probabilities, found ${np}`);
  // Type 7 needs the order statistics ⌊h⌋ and ⌊h⌋ + 1 at h = (n − 1)·p.
  const ks = ranks;
  for (let q = 0; q < np; ++q) {
    const lo = Math.floor((n - 1) * probs[q]!);
    ks[2 * q] = lo;
    ks[2 * q + 1] = Math.min(lo + 1, n - 1);
  }
  const nk = 2 * np;
  const stats = orderStats;
  const finite = Number.isFinite(min) && Number.isFinite(max);
  // Equal finite values are every order statistic (they still go through the interpolation
  // below, as a sort's would: −0 + 0·0 is +0; equal infinite values give ∞ − ∞, NaN).
  if (finite && min === max) stats.fill(min, 0, nk);
  else if (!(finite && bucketOrderStatistics(values, offset, n, min, max, ks, nk, stats))) {
    // Infinite values or an undividable range: quickselect, each order statistic in turn.
    let fixed = 0;
    for (let i = 0; i < nk; ++i) {
      const k = ks[i]!;
      if (k >= fixed) {
        select(values, offset + k, offset + fixed, offset + n - 1);
        fixed = k + 1;
      }
      stats[i] = values[offset + k]!;
    }
  }
  for (let q = 0; q < np; ++q) {
    const h = (n - 1) * probs[q]!;
    const lo = Math.floor(h);
    const x = stats[2 * q]!;
    out[q] = x + (h - lo) * (stats[2 * q + 1]! - x);
  }
}

/**
 * Writes the type-7 quantiles of `values` at the ascending probabilities `probs` into `out`.
 * `values` may be reordered. NaN in, NaN out.
 * @param values - the values (reordered in place when not all finite)
 * @param probs - probabilities in [0, 1], ascending, at most 32
 * @param out - the quantiles, written
 */
export function selectQuantiles(
  values: Float64Array,
  probs: readonly number[],
  out: Float64Array,
): void {
  const n = values.length;
  // One pass: NaN check, minimum and maximum.
  let min = Infinity;
  let max = -Infinity;
  let hasNaN = n === 0;
  for (let i = 0; i < n; ++i) {
    const x = values[i]!;
    if (x !== x) {
      hasNaN = true;
      break;
    }
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (hasNaN) {
    out.fill(NaN, 0, probs.length);
    return;
  }
  selectQuantilesOfRange(values, 0, n, min, max, probs, out);
}
