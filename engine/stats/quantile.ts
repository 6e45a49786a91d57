/**
 * Sample quantiles.
 * Method: Hyndman & Fan (1996) definition 7 (R's default `quantile(type = 7)`): linear
 * interpolation between order statistics at h = (n − 1)·p.
 */

/** A Float64Array known to be sorted ascending (see `sortValues`). */
export type SortedF64 = Float64Array & { readonly __sorted__: unique symbol };

/** Sorts `values` ascending in place and brands it as sorted. NaN sorts last. */
export function sortValues(values: Float64Array): asserts values is SortedF64 {
  values.sort();
}

/** The p-quantile (0 ≤ p ≤ 1) of sorted values, type 7; NaN for no values or any NaN. */
export function quantileSorted(sorted: SortedF64, p: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(sorted[n - 1]!)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const x = sorted[lo]!;
  return x + (h - lo) * (sorted[hi]! - x);
}
