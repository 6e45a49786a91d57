/**
 * Several type-7 quantiles of unsorted values without a full sort.
 * Method: Hoare's quickselect (Hoare 1961, "Algorithm 65: Find") with a median-of-three pivot,
 * run for each requested order statistic in ascending order over the part of the array not
 * yet fixed; the next order statistic up is the minimum of the part above. About 10n
 * comparisons for five quantiles, against n·log2(n) for sorting.
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
 * Writes the type-7 quantiles of `values` at the ascending probabilities `probs` into `out`.
 * `values` is reordered (not sorted). NaN in, NaN out.
 * @param values - the values (reordered in place)
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
  let fixed = 0; // values[0 … fixed − 1] already hold their sorted values
  for (let q = 0; q < probs.length; ++q) {
    const h = (n - 1) * probs[q]!;
    const lo = Math.floor(h);
    if (lo >= fixed) {
      select(values, lo, fixed, n - 1);
      fixed = lo + 1;
    }
    const x = values[lo]!;
    let above = x;
    if (h > lo) {
      // The next order statistic is the smallest value above position lo.
      above = Infinity;
      for (let i = lo + 1; i < n; ++i) if (values[i]! < above) above = values[i]!;
    }
    out[q] = x + (h - lo) * (above - x);
  }
}
