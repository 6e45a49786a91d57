/**
 * Dot product of two strided-free runs of doubles, the inner loop of the prevalence and
 * demand models (population by age × a rate by age). These are the reference: the models'
 * per-replicate products run in WebAssembly (dot-product-wasm.ts), which does the same
 * operations in the same order, bit-identical to these (tested).
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

/**
 * The dot products of one rate by age with the population of each of `years` years:
 * `out[j] = Σ_{a=from…to} pop[j·stride + a] · rate[rateOffset + a]`, four years per pass over
 * the ages so each rate is read once per four years and the four sums run side by side.
 * @param pop - population by year and age (`stride` values a year)
 * @param stride - values per year in `pop`
 * @param years - number of years
 * @param rate - the rate by age, read from `rateOffset`
 * @param rateOffset - where age 0 of `rate` is
 * @param from - first age
 * @param to - last age
 * @param out - the dot products, written at `outOffset + j`
 * @param outOffset - where year 0 goes in `out`
 */
export function dotProductByYear(
  pop: Float64Array,
  stride: number,
  years: number,
  rate: Float64Array,
  rateOffset: number,
  from: number,
  to: number,
  out: Float64Array,
  outOffset: number,
): void {
  let j = 0;
  for (; j + 3 < years; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const p0 = j * stride;
    for (let a = from; a <= to; ++a) {
      const r = rate[rateOffset + a]!;
      s0 += pop[p0 + a]! * r;
      s1 += pop[p0 + stride + a]! * r;
      s2 += pop[p0 + 2 * stride + a]! * r;
      s3 += pop[p0 + 3 * stride + a]! * r;
    }
    out[outOffset + j] = s0;
    out[outOffset + j + 1] = s1;
    out[outOffset + j + 2] = s2;
    out[outOffset + j + 3] = s3;
  }
  for (; j < years; ++j)
    out[outOffset + j] = dotProduct(pop, j * stride + from, rate, rateOffset + from, to - from + 1);
}
