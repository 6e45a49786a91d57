/**
 * Root of an increasing function by Newton's method safeguarded with bisection.
 * Method: Newton–Raphson kept inside a bracket that each evaluation narrows, falling back to
 * bisection when a step leaves it (Numerical Recipes 3rd ed., §9.4 `rtsafe`).
 */

/** Relative step size at which the iteration stops. */
const TOLERANCE = 4e-16;

/** Iteration cap; bisection alone halves a double-precision bracket in fewer steps. */
const MAX_ITERATIONS = 400;

/**
 * An increasing function and its derivative at x: writes g(x) to `out[0]` and g'(x) to
 * `out[1]`. A caller that loses precision far from the root may return the sign only.
 */
export type IncreasingFn = (x: number, out: Float64Array) => void;

/**
 * Finds x in (lo, hi) with g(x) = 0 for an increasing g.
 * @param g - the function and its derivative
 * @param x0 - starting guess inside (lo, hi)
 * @param lo - lower end of the search (g(lo) ≤ 0), may be -Infinity
 * @param hi - upper end of the search (g(hi) ≥ 0), may be Infinity
 * @returns the root, to about 4e-16 relative (or absolute near 0)
 */
export function solveIncreasing(g: IncreasingFn, x0: number, lo: number, hi: number): number {
  const out = new Float64Array(2);
  let x = x0;
  for (let i = 0; i < MAX_ITERATIONS; ++i) {
    g(x, out);
    const value = out[0]!;
    const slope = out[1]!;
    if (value === 0) return x;
    if (value < 0) lo = x;
    else hi = x;
    let next = x - value / slope;
    if (!(next > lo && next < hi)) {
      // Newton left the bracket (or the slope vanished): bisect, or expand an open end.
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = lo + (hi - lo) / 2;
      else if (Number.isFinite(lo)) next = lo + Math.max(1, Math.abs(lo));
      else next = hi - Math.max(1, Math.abs(hi));
    }
    if (Math.abs(next - x) <= TOLERANCE * Math.abs(next) || next === lo || next === hi) {
      return next;
    }
    x = next;
  }
  return x;
}
