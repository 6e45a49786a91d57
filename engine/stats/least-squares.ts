/**
 * Weighted least-squares polynomial fit y ≈ Σ_k c_k x^k (k = 0 … degree).
 * Method: the normal equations (XᵀWX)c = XᵀWy solved by Cholesky (Golub & Van Loan,
 * "Matrix Computations", §5.3); fine for the low degrees and well-scaled x used here (centre
 * and scale x first). Residual variance s² = Σ w r² / (n − degree − 1); covariance s²(XᵀWX)⁻¹.
 */
import { invertSymmetric } from './symmetric-inverse.js';

/** A fitted polynomial. */
export interface PolynomialFit {
  /** Coefficients c_0 … c_degree. */
  readonly coef: Float64Array;
  /** Covariance of the coefficients, row-major, scaled by the residual variance. */
  readonly covariance: Float64Array;
  /** Weighted residual variance Σ w r² / (n − degree − 1) (NaN when n ≤ degree + 1). */
  readonly residualVariance: number;
}

/**
 * Fits a polynomial of `degree` to (x, y) with weights `w` (all 1 when omitted).
 * @param x - abscissae
 * @param y - ordinates, same length
 * @param degree - 1 for a straight line, 2 for a quadratic …
 * @param w - non-negative weights (e.g. 1 / variance), same length
 */
export function fitPolynomial(
  x: Float64Array,
  y: Float64Array,
  degree: number,
  w?: Float64Array,
): PolynomialFit {
  const n = x.length;
  const k = degree + 1;
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  const powers = new Float64Array(k);
  for (let i = 0; i < n; ++i) {
    const wi = w === undefined ? 1 : w[i]!;
    powers[0] = 1;
    for (let p = 1; p < k; ++p) powers[p] = powers[p - 1]! * x[i]!;
    for (let r = 0; r < k; ++r) {
      xty[r] = xty[r]! + wi * powers[r]! * y[i]!;
      for (let c = 0; c < k; ++c) xtx[r * k + c] = xtx[r * k + c]! + wi * powers[r]! * powers[c]!;
    }
  }
  const inverse = new Float64Array(k * k);
  invertSymmetric(xtx, k, inverse);
  const coef = new Float64Array(k);
  for (let r = 0; r < k; ++r) {
    let s = 0;
    for (let c = 0; c < k; ++c) s += inverse[r * k + c]! * xty[c]!;
    coef[r] = s;
  }
  let rss = 0;
  for (let i = 0; i < n; ++i) {
    const r = y[i]! - polynomialAt(coef, x[i]!);
    rss += (w === undefined ? 1 : w[i]!) * r * r;
  }
  const residualVariance = n > k ? rss / (n - k) : NaN;
  const covariance = inverse.map((v) => v * residualVariance);
  return { coef, covariance, residualVariance };
}

/** Evaluates the polynomial with coefficients `coef` at `x` (Horner's rule). */
export function polynomialAt(coef: Float64Array, x: number): number {
  let v = 0;
  for (let p = coef.length - 1; p >= 0; --p) v = v * x + coef[p]!;
  return v;
}
