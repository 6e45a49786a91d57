/**
 * Log-gamma and the regularised incomplete gamma functions P(a, x) and Q(a, x).
 * Method: Stirling series with the Stirling error term (Loader 2000, "Fast and accurate
 * computation of binomial probabilities"), Legendre's series for P and Lentz's continued
 * fraction for Q (Numerical Recipes 3rd ed., §6.2); relative accuracy about 1e-15.
 */

/** ln √(2π), to double precision. */
const LN_SQRT_2PI = 0.91893853320467274178;

/** Below this argument lnGamma shifts upwards before using the Stirling series. */
const STIRLING_MIN = 10;

/** Iteration cap for the series and the continued fraction (converge in O(√a) steps). */
const MAX_ITERATIONS = 100_000;

/** Relative tolerance at which a series or continued fraction stops. */
const EPSILON = 1e-16;

/** Smallest magnitude Lentz's algorithm lets a denominator take (NR `FPMIN`). */
const TINY = 1e-300;

/**
 * Stirling's error term: lnΓ(a) − [(a − ½)·ln a − a + ln √(2π)], for a ≥ 10 by its asymptotic
 * series (coefficients B₂ₖ / (2k(2k − 1)), Abramowitz & Stegun 6.1.41).
 * @param a - argument, a ≥ 10 for full accuracy
 * @returns the error term, about 1/(12a)
 */
export function stirlingError(a: number): number {
  if (a < STIRLING_MIN) return lnGamma(a) - ((a - 0.5) * Math.log(a) - a + LN_SQRT_2PI);
  const r = 1 / a;
  const r2 = r * r;
  // 1/12a − 1/360a³ + 1/1260a⁵ − 1/1680a⁷ + 1/1188a⁹ − 691/360360a¹¹
  return (
    r *
    (1 / 12 -
      r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - (r2 * 691) / 360360)))))
  );
}

/**
 * Natural logarithm of the gamma function for a > 0.
 * @param a - argument; a ≤ 0 or NaN gives NaN
 * @returns lnΓ(a), absolute error about 1e-15 · max(1, |lnΓ(a)|)
 */
export function lnGamma(a: number): number {
  if (!(a > 0)) return NaN;
  if (a === Infinity) return Infinity;
  let shift = 0;
  let x = a;
  // Γ(a) = Γ(a + k) / (a (a + 1) … (a + k − 1)): move the argument into the Stirling range.
  let product = 1;
  while (x < STIRLING_MIN) {
    product *= x;
    x += 1;
    shift += 1;
  }
  const stirling = (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingError(x);
  return shift === 0 ? stirling : stirling - Math.log(product);
}

/**
 * ln[Γ(a) / Γ(a + b)] without the cancellation of two large log-gammas (needed for the t
 * density and the beta function at large degrees of freedom).
 * @param a - first argument, > 0
 * @param b - increment, > 0
 * @returns lnΓ(a) − lnΓ(a + b)
 */
export function lnGammaRatio(a: number, b: number): number {
  if (a < STIRLING_MIN) return lnGamma(a) - lnGamma(a + b);
  const c = a + b;
  // (a − ½)ln a − a − [(c − ½)ln c − c] = −(a − ½)·log1p(b/a) − b·ln c + b
  return -(a - 0.5) * Math.log1p(b / a) - b * Math.log(c) + b + stirlingError(a) - stirlingError(c);
}

/**
 * ln[xᵃ e⁻ˣ / Γ(a)], the common factor of P and Q, written through log1p so that it keeps
 * full relative accuracy when x ≈ a and a is large.
 * @param a - shape, > 0
 * @param x - argument, > 0
 */
export function lnGammaKernel(a: number, x: number): number {
  if (a < STIRLING_MIN) return a * Math.log(x) - x - lnGamma(a);
  // xᵃe⁻ˣ/Γ(a) = exp(a·[log1p(t) − t]) · √(a/2π) · e^(−stirlingError(a)), t = (x − a)/a
  const t = (x - a) / a;
  return a * (Math.log1p(t) - t) + 0.5 * Math.log(a) - LN_SQRT_2PI - stirlingError(a);
}

/** Legendre's series: P(a, x) = xᵃe⁻ˣ/Γ(a+1) · Σ xⁿ / ((a+1)…(a+n)); best for x < a + 1. */
function seriesP(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_ITERATIONS; ++n) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return Math.exp(lnGammaKernel(a, x) - Math.log(a)) * sum;
}

/** Continued fraction for Q(a, x) by the modified Lentz method; best for x ≥ a + 1. */
function fractionQ(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; ++i) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(lnGammaKernel(a, x)) * h;
}

/**
 * Regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
 * @param a - shape, > 0 (a = 0 is the point mass at 0: P = 1 for x ≥ 0)
 * @param x - argument, ≥ 0
 * @returns P in [0, 1]; NaN for invalid arguments
 */
export function gammaP(a: number, x: number): number {
  if (!(a >= 0) || !(x >= 0)) return NaN;
  if (a === 0) return 1;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? seriesP(a, x) : 1 - fractionQ(a, x);
}

/**
 * Regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly in
 * its own tail so that small upper-tail probabilities keep their relative accuracy.
 * @param a - shape, > 0 (a = 0 gives Q = 0)
 * @param x - argument, ≥ 0
 */
export function gammaQ(a: number, x: number): number {
  if (!(a >= 0) || !(x >= 0)) return NaN;
  if (a === 0) return 0;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - seriesP(a, x) : fractionQ(a, x);
}
