/**
 * One-pass mean and variance.
 * Method: Welford (1962), "Note on a method for calculating corrected sums of squares and
 * products", Technometrics 4(3); numerically stable, as in tinybench's meanAndVariance.
 */

/** Mean and unbiased variance of `values[offset + i·stride]`, i = 0 … n−1; NaN if any is NaN. */
export function meanAndVariance(
  values: Float64Array,
  n: number,
  offset = 0,
  stride = 1,
): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; ++i) {
    const x = values[offset + i * stride]!;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { mean: n > 0 ? mean : NaN, variance: n > 1 ? m2 / (n - 1) : NaN };
}

/**
 * Mean of `values[offset + i·stride]`, i = 0 … n−1, by compensated summation.
 * Method: Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen", ZAMM 54; as accurate as Welford's mean without a division per value. NaN if any is NaN.
 */
export function meanOf(values: Float64Array, n: number, offset = 0, stride = 1): number {
  if (n === 0) return NaN;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; ++i) {
    const x = values[offset + i * stride]!;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return (sum + compensation) / n;
}
