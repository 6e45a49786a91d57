/**
 * Regularised incomplete beta function I_x(a, b).
 * Method: Lentz's continued fraction with the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)
 * (Numerical Recipes 3rd ed., §6.4 `betacf`), prefactor through log1p and lnGammaRatio so
 * that large shapes keep full relative accuracy.
 */
import { lnGamma, lnGammaRatio } from './gamma.js';

/** Iteration cap; the fraction converges in O(√max(a, b)) steps. */
const MAX_ITERATIONS = 100_000;

/** Relative tolerance of the continued fraction. */
const EPSILON = 1e-16;

/** Smallest magnitude Lentz's algorithm lets a denominator take (NR `FPMIN`). */
const TINY = 1e-300;

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b), keeping accuracy when one shape is large.
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 */
export function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  return lnGamma(small) + lnGammaRatio(big, small);
}

/** The continued fraction of I_x(a, b) (NR eq. 6.4.5), valid for x < (a + 1)/(a + b + 2). */
function fraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; ++m) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** xᵃ yᵇ / (a B(a, b)) with ln x, ln y taken from whichever of x, y is small. */
function prefactor(a: number, b: number, x: number, y: number): number {
  const lnX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const lnY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  return Math.exp(a * lnX + b * lnY - lnBeta(a, b) - Math.log(a));
}

/**
 * Regularised incomplete beta function I_x(a, b), or its complement.
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @param x - argument in [0, 1]
 * @param y - 1 − x, passed separately so that callers keep its relative accuracy
 * @param lowerTail - true for I_x(a, b), false for 1 − I_x(a, b) = I_y(b, a)
 */
export function betaRegularized(
  a: number,
  b: number,
  x: number,
  y: number,
  lowerTail = true,
): number {
  if (!(a > 0 && b > 0 && x >= 0 && y >= 0)) return NaN;
  if (x === 0) return lowerTail ? 0 : 1;
  if (y === 0) return lowerTail ? 1 : 0;
  if (x < (a + 1) / (a + b + 2)) {
    const v = prefactor(a, b, x, y) * fraction(a, b, x);
    return lowerTail ? v : 1 - v;
  }
  const w = prefactor(b, a, y, x) * fraction(b, a, y);
  return lowerTail ? 1 - w : w;
}
