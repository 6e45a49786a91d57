import { describe, expect, it } from 'vitest';
import { pchisq, qchisq, qgamma } from '../../../engine/stats/qchisq.js';

// Reference quantiles, rounded to the nearest double: mpmath 1.3 at 50 digits (regularised
// incomplete gamma, bisection), for the double nearest each p; R agrees where known
// (qchisq(0.975, 1) = 5.023886187314888; qchisq(p, 2) = −2 ln(1 − p)).
const CASES: readonly [number, number, number][] = [
  [0.025, 2, 0.05063561596857975],
  [0.975, 2, 7.377758908227871],
  [0.025, 1, 0.000982069117175256],
  [0.975, 1, 5.023886187314887],
  [0.5, 10, 9.341817765591967],
  [0.0005, 2, 0.0010002500833645959],
  [0.9995, 22, 50.511118758532305],
  [0.001, 130, 85.8036754994146],
  [0.975, 130, 163.45314241777],
  [0.025, 2000, 1877.9460368153905],
  [0.975, 2000, 2125.8423024497756],
  [0.05, 0.5, 8.437150840525984e-6],
  [1e-10, 3, 5.20939762143448e-7],
  [0.999, 7, 24.321886347856854],
  [0.9999, 200000, 202360.67105274857],
  [0.025, 18, 8.230746194756666],
  [0.975, 20, 34.16960690283834],
  [0.1, 0.3, 2.714571928179116e-7],
  [0.001, 0.05, 1.1459648104518562e-120],
];

describe('qchisq', () => {
  it.each(CASES)('qchisq(%s, %s) matches the reference to 1e-12 relative', (p, df, x) => {
    expect(Math.abs(qchisq(p, df) - x) / x).toBeLessThan(1e-12);
  });
  it('inverts pchisq in both tails', () => {
    for (const df of [0.3, 1, 4, 17, 250]) {
      for (const p of [1e-8, 0.01, 0.3, 0.5, 0.8, 0.999]) {
        expect(pchisq(qchisq(p, df), df)).toBeCloseTo(p, 13);
        const upper = qchisq(p, df, false);
        expect(Math.abs(pchisq(upper, df, false) - p) / p).toBeLessThan(1e-12);
      }
    }
  });
  it('handles the ends, zero degrees of freedom and bad arguments', () => {
    expect(qchisq(0, 3)).toBe(0);
    expect(qchisq(1, 3)).toBe(Infinity);
    expect(qchisq(0.025, 0)).toBe(0);
    expect(qchisq(-0.1, 3)).toBeNaN();
    expect(qchisq(0.5, -1)).toBeNaN();
    expect(qgamma(0.5, NaN)).toBeNaN();
    expect(pchisq(-1, 2)).toBe(0);
    expect(pchisq(-1, 2, false)).toBe(1);
    expect(pchisq(NaN, 2)).toBeNaN();
  });
  it('gives the closed form for two degrees of freedom', () => {
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999999]) {
      const exact = -2 * Math.log1p(-p);
      expect(Math.abs(qchisq(p, 2) - exact) / exact).toBeLessThan(1e-13);
    }
  });
});
