/**
 * Distribution and quantile functions of Student's t distribution.
 * Method: the t tail as an incomplete beta, P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz &
 * Stegun 26.7.1), inverted by safeguarded Newton from the Cornish–Fisher start (A&S 26.7.5);
 * closed forms for ν = 1, 2; relative accuracy about 1e-14.
 */
import { betaRegularized, lnBeta } from './beta.js';
import { qnorm } from './qnorm.js';
import { solveIncreasing } from './solve-monotone.js';

/** Above this many degrees of freedom the four-term Cornish–Fisher series is exact to double precision. */
const CORNISH_FISHER_MIN_DF = 1e7;

/** Upper-tail probability P(T > t) for t ≥ 0. */
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  // x = ν/(ν + t²) and y = t²/(ν + t²), each with full relative accuracy.
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return 0.5 * betaRegularized(df / 2, 0.5, x, y);
}

/**
 * Cumulative distribution function of Student's t with `df` degrees of freedom.
 * @param t - quantile
 * @param df - degrees of freedom, > 0 (need not be an integer)
 * @param lowerTail - true for P(T ≤ t), false for P(T > t)
 */
export function pt(t: number, df: number, lowerTail = true): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  const tail = upperTail(Math.abs(t), df);
  return t > 0 === lowerTail ? 1 - tail : tail;
}

/** Density of t at t: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2). */
function density(t: number, df: number): number {
  return Math.exp(
    -lnBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** Cornish–Fisher expansion of the t quantile in powers of 1/ν about z (A&S 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * The quantile of Student's t with `df` degrees of freedom, as R's `qt(p, df)`.
 * @param p - probability in [0, 1]
 * @param df - degrees of freedom, > 0
 * @returns the quantile, accurate to about 1e-14 relative
 */
export function qt(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return qnorm(p);
  // Solve for |t| in the upper tail q = min(p, 1 − p), which holds full relative accuracy.
  const q = p < 0.5 ? p : 1 - p;
  const sign = p < 0.5 ? -1 : 1;
  if (df === 1) return sign * Math.tan(Math.PI * (0.5 - q));
  if (df === 2) return sign * Math.sqrt(2 / (4 * q * (1 - q)) - 2);
  const start = cornishFisher(-qnorm(q), df);
  if (df > CORNISH_FISHER_MIN_DF) return sign * start;
  const t = solveIncreasing(
    (x, out) => {
      out[0] = q - upperTail(x, df);
      out[1] = density(x, df);
    },
    start > 0 && Number.isFinite(start) ? start : 1,
    0,
    Infinity,
  );
  return sign * t;
}
