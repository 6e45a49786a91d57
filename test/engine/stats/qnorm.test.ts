import { describe, expect, it } from 'vitest';
import { qnorm, zForConfidence } from '../../../engine/stats/qnorm.js';

// Reference values: R qnorm() (digits = 17); the far tail from Python statistics.NormalDist.
const CASES: readonly [number, number][] = [
  [0.5, 0],
  [0.975, 1.959963984540054],
  [0.9, 1.2815515655446004],
  [0.999, 3.090232306167813],
  [0.025, -1.959963984540054],
  [0.0001, -3.7190164854556804],
  [1e-10, -6.3613409024040557],
  [1e-300, -37.0470962993612],
  [0.3, -0.52440051270804067],
];

describe('qnorm', () => {
  it.each(CASES)('qnorm(%s) matches R to 1e-14 relative', (p, z) => {
    const got = qnorm(p);
    if (z === 0) expect(got).toBe(0);
    else expect(Math.abs(got - z) / Math.abs(z)).toBeLessThan(1e-14);
  });
  it('is antisymmetric and handles the ends', () => {
    expect(qnorm(0.2)).toBeCloseTo(-qnorm(0.8), 14);
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(1.5)).toBeNaN();
    expect(qnorm(NaN)).toBeNaN();
    expect(qnorm(-0.25)).toBeNaN();
    expect(qnorm(Infinity)).toBeNaN();
  });
  it('joins the central region and the tails at |p − 0.5| = 0.425', () => {
    // Python statistics.NormalDist().inv_cdf at the edge and just beyond it.
    expect(Math.abs(qnorm(0.075) + 1.4395314709384557)).toBeLessThan(1e-14);
    expect(Math.abs(qnorm(0.0749999) + 1.4395321773759004)).toBeLessThan(1e-14);
    expect(qnorm(0.925)).toBeCloseTo(-qnorm(0.075), 14);
  });
  it('gives PHE z values for 95% and 99.8%', () => {
    expect(zForConfidence(95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForConfidence(99.8)).toBeCloseTo(3.090232306167813, 12);
  });
});
