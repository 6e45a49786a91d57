import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../engine/io/reference-data.js';
import {
  lifeExpectancyAtBirth,
  levelForLifeExpectancy,
} from '../../../engine/kernels/life-table.js';

describe('single-year life table', () => {
  it('gives 90 + 1/m90 when nobody dies before 90 (analytic case)', () => {
    const mx = new Float64Array(91);
    mx[90] = 0.25;
    expect(lifeExpectancyAtBirth(mx)).toBe(94);
    // A factor scales every rate: the open group's rate doubles, its expectancy halves.
    expect(lifeExpectancyAtBirth(mx, 2)).toBe(92);
  });

  it('gives 1/m for a constant rate m under the same conventions, up to the a(x) terms', () => {
    // With a constant m the life table is nearly exponential: e0 ≈ 1/m (here within 0.1 %).
    const mx = new Float64Array(91).fill(0.05);
    expect(Math.abs(lifeExpectancyAtBirth(mx) - 20) / 20).toBeLessThan(1e-3);
  });

  it('reproduces the ONS national life tables e0 for 2017-19 (79.67 male, 83.33 female)', () => {
    const p = loadReferenceData().mortality.find((m) => m.period === '2017-2019')!;
    expect(lifeExpectancyAtBirth(p.mxMale)).toBeCloseTo(79.67, 1);
    expect(lifeExpectancyAtBirth(p.mxFemale)).toBeCloseTo(83.33, 1);
  });

  it('finds the factor that gives a target life expectancy', () => {
    const p = loadReferenceData().mortality.find((m) => m.period === '2017-2019')!;
    for (const target of [73.4, 79.7, 86.1]) {
      const k = levelForLifeExpectancy(p.mxMale, target);
      expect(lifeExpectancyAtBirth(p.mxMale, k)).toBeCloseTo(target, 9);
    }
    expect(levelForLifeExpectancy(p.mxMale, 79.67)).toBeCloseTo(1, 2);
    expect(levelForLifeExpectancy(p.mxMale, NaN)).toBeNaN();
  });
});
