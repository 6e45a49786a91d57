import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportion } from '../../../engine/stats/proportion.js';
import { relativeError } from './helpers.js';

describe('proportion', () => {
  it('gives the value and Wilson limits, scaled by the multiplier', () => {
    const out = proportion(Float64Array.of(65), Float64Array.of(100), {
      levels: [95, 99.8],
      multiplier: 100,
    });
    expect(out.value[0]).toBe(65);
    expect(relativeError(out.limits[0]!.lower[0]!, 55.25444329688797)).toBeLessThan(1e-14);
    expect(relativeError(out.limits[0]!.upper[0]!, 73.63575175690247)).toBeLessThan(1e-14);
    expect(out.limits[1]!.level).toBe(99.8);
    expect(out.limits[1]!.lower[0]).toBeLessThan(out.limits[0]!.lower[0]!);
  });
  it('gives NaN for missing values, zero denominators and x > n', () => {
    const out = proportion(Float64Array.of(NaN, 1, 3, 0), Float64Array.of(10, 0, 2, 5), {
      levels: [95],
      multiplier: 1,
    });
    expect([...out.value].slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(out.limits[0]!.lower[2]).toBeNaN();
    expect(out.value[3]).toBe(0);
    expect(out.limits[0]!.lower[3]).toBe(0);
  });
  it('scales with the multiplier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (n, k) => {
          const x = Float64Array.of(k % (n + 1));
          const d = Float64Array.of(n);
          const one = proportion(x, d, { levels: [95], multiplier: 1 });
          const pct = proportion(x, d, { levels: [95], multiplier: 100 });
          expect(pct.value[0]).toBeCloseTo(one.value[0]! * 100, 10);
          expect(pct.limits[0]!.upper[0]).toBeCloseTo(one.limits[0]!.upper[0]! * 100, 10);
        },
      ),
    );
  });
});
