import { describe, expect, it } from 'vitest';
import { solveIncreasing } from '../../../engine/stats/solve-monotone.js';

describe('solveIncreasing', () => {
  it('finds √2 from a poor start and an open bracket', () => {
    const root = solveIncreasing(
      (x, out) => {
        out[0] = x * x - 2;
        out[1] = 2 * x;
      },
      1e-6,
      0,
      Infinity,
    );
    expect(root).toBeCloseTo(Math.SQRT2, 15);
  });
  it('bisects when Newton would leave the bracket', () => {
    const root = solveIncreasing(
      (x, out) => {
        out[0] = Math.atan(x - 10);
        out[1] = 1 / (1 + (x - 10) ** 2);
      },
      -30,
      -Infinity,
      Infinity,
    );
    expect(root).toBeCloseTo(10, 12);
  });
});
