/**
 * Dot product of two strided-free runs of doubles, the inner loop of the prevalence and
 * demand models (population by age × a rate by age).
 */

/**
 * Σ_{i<n} x[xOffset + i] · y[yOffset + i], in four running sums so that the additions do not
 * wait on each other (about three times faster than one running sum; the order of the
 * additions is fixed, so results are reproducible).
 */
export function dotProduct(
  x: Float64Array,
  xOffset: number,
  y: Float64Array,
  yOffset: number,
  n: number,
): number {
  // Readable form: for (i = 0; i < n; ++i) s += x[xOffset + i] · y[yOffset + i]; inlined ×4.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[xOffset + i]! * y[yOffset + i]!;
    s1 += x[xOffset + i + 1]! * y[yOffset + i + 1]!;
    s2 += x[xOffset + i + 2]! * y[yOffset + i + 2]!;
    s3 += x[xOffset + i + 3]! * y[yOffset + i + 3]!;
  }
  for (; i < n; ++i) s0 += x[xOffset + i]! * y[yOffset + i]!;
  return s0 + s1 + (s2 + s3);
}
