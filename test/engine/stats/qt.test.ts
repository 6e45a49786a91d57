import { describe, expect, it } from 'vitest';
import { pt, qt } from '../../../engine/stats/qt.js';

// Reference quantiles, rounded to the nearest double: mpmath 1.3 at 40–50 digits (incomplete
// beta or quadrature of the density, bisection); R gives qt(0.975, 10) = 2.228138851986274.
const CASES: readonly [number, number, number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 3, 3.1824463052837086],
  [0.975, 10, 2.2281388519862744],
  [0.975, 30, 2.0422724563012378],
  [0.995, 4, 4.604094871349992],
  [0.999, 5, 5.893429531356009],
  [0.9995, 99, 3.3915288333636844],
  [0.025, 7, -2.3646242515927853],
  [0.6, 12, 0.259032745676887],
  [0.975, 1000, 1.962339080826408],
  [0.999, 100000, 3.0903138094272373],
  [0.95, 1e7, 1.6448537793284013],
  [0.9999, 2.5, 34.86796932111631],
  [0.999, 0.5, 102849.11563017537],
];

describe('qt', () => {
  it.each(CASES)('qt(%s, %s) matches the reference to 1e-12 relative', (p, df, t) => {
    expect(Math.abs(qt(p, df) - t) / Math.abs(t)).toBeLessThan(1e-12);
  });
  it('is antisymmetric and inverts pt', () => {
    for (const df of [1, 2, 3.5, 9, 60, 5000]) {
      for (const p of [0.001, 0.2, 0.7, 0.99]) {
        expect(qt(p, df)).toBeCloseTo(-qt(1 - p, df), 10);
        expect(pt(qt(p, df), df)).toBeCloseTo(p, 13);
      }
    }
  });
  it('handles the ends and bad arguments', () => {
    expect(qt(0.5, 4)).toBe(0);
    expect(qt(0, 4)).toBe(-Infinity);
    expect(qt(1, 4)).toBe(Infinity);
    expect(qt(0.975, Infinity)).toBeCloseTo(1.959963984540054, 14);
    expect(qt(0.975, 0)).toBeNaN();
    expect(qt(2, 3)).toBeNaN();
    expect(pt(NaN, 3)).toBeNaN();
    expect(pt(0, 3)).toBe(0.5);
  });
});
