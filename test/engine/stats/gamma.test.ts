import { describe, expect, it } from 'vitest';
import { gammaP, gammaQ, lnGamma, lnGammaRatio } from '../../../engine/stats/gamma.js';

// Reference values: mpmath 1.3 at 40 digits, rounded to the nearest double.
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('lnGamma', () => {
  it('matches factorials, √π and mpmath', () => {
    expect(rel(lnGamma(10), Math.log(362880))).toBeLessThan(1e-15);
    expect(rel(lnGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(rel(lnGamma(100), 359.1342053695754)).toBeLessThan(1e-15);
    expect(rel(lnGamma(1 / 3), 0.9854206469277671)).toBeLessThan(1e-14);
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(Infinity)).toBe(Infinity);
  });
  it('gives the log-gamma ratio without cancellation', () => {
    expect(rel(lnGammaRatio(3, 2), Math.log(2 / 24))).toBeLessThan(1e-14);
    expect(rel(lnGammaRatio(1e6, 0.5), lnGamma(1e6) - lnGamma(1e6 + 0.5))).toBeLessThan(1e-8);
  });
});

describe('gammaP and gammaQ', () => {
  it('match the exponential distribution and mpmath', () => {
    for (const x of [0.01, 0.5, 2, 30]) {
      expect(rel(gammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-14);
      expect(rel(gammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-13);
    }
    expect(rel(gammaP(7.5, 3), 0.020252253282186636)).toBeLessThan(1e-13);
  });
  it('handle the edges', () => {
    expect(gammaP(0, 1)).toBe(1);
    expect(gammaQ(0, 1)).toBe(0);
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, Infinity)).toBe(0);
    expect(gammaP(-1, 1)).toBeNaN();
  });
});
