import { describe, expect, it } from 'vitest';
import { betaRegularized, lnBeta } from '../../../engine/stats/beta.js';

// Reference values: mpmath 1.3 at 40 digits, rounded to the nearest double.
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('betaRegularized', () => {
  it('matches closed forms and mpmath', () => {
    expect(rel(betaRegularized(1, 1, 0.3, 0.7), 0.3)).toBeLessThan(1e-14);
    expect(rel(betaRegularized(3, 1, 0.6, 0.4), 0.6 ** 3)).toBeLessThan(1e-14);
    expect(rel(betaRegularized(2.5, 4, 0.3, 0.7), 0.35219758590676725)).toBeLessThan(1e-13);
    expect(rel(betaRegularized(400, 0.5, 0.99, 0.01), 0.00458756959336649)).toBeLessThan(1e-12);
    expect(rel(betaRegularized(2.5, 4, 0.3, 0.7, false), 1 - 0.35219758590676725)).toBeLessThan(
      1e-13,
    );
  });
  it('handles the ends and bad arguments', () => {
    expect(betaRegularized(2, 3, 0, 1)).toBe(0);
    expect(betaRegularized(2, 3, 1, 0)).toBe(1);
    expect(betaRegularized(2, 3, 1, 0, false)).toBe(0);
    expect(betaRegularized(0, 3, 0.5, 0.5)).toBeNaN();
    expect(rel(lnBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
  });
});
