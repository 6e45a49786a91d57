import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crudeRate, poissonMethod } from '../../../engine/stats/crude-rate.js';
import { relativeError } from './helpers.js';

describe('crudeRate', () => {
  it('uses Byars from 10 events and exact limits below', () => {
    const out = crudeRate(Float64Array.of(65, 5, 0), Float64Array.of(100_000, 50_000, 1000), {
      levels: [95],
      multiplier: 100_000,
    });
    const { lower, upper } = out.limits[0]!;
    expect(out.value[0]).toBe(65);
    expect(relativeError(lower[0]!, 50.163187710459454)).toBeLessThan(1e-14);
    expect(relativeError(upper[0]!, 82.84913854593984)).toBeLessThan(1e-14);
    expect(relativeError(lower[1]!, 1.6234863901184207 * 2)).toBeLessThan(1e-13);
    expect(relativeError(upper[1]!, 11.668332079322669 * 2)).toBeLessThan(1e-13);
    expect(lower[2]).toBe(0);
    expect(relativeError(upper[2]!, 368.8879454113935)).toBeLessThan(1e-13);
    expect(poissonMethod(9)).toBe('Exact');
    expect(poissonMethod(10)).toBe('Byars');
  });
  it('allows a numerator above the denominator; NaN for missing or zero denominators', () => {
    const out = crudeRate(Float64Array.of(20, NaN, 3), Float64Array.of(10, 5, 0), {
      levels: [95],
      multiplier: 1,
    });
    expect(out.value[0]).toBe(2);
    expect(out.value[1]).toBeNaN();
    expect(out.value[2]).toBeNaN();
  });
  it('brackets the value, widens with confidence and scales with the multiplier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (x, n) => {
          const num = Float64Array.of(x);
          const den = Float64Array.of(n);
          const a = crudeRate(num, den, { levels: [95, 99.8], multiplier: 1000 });
          const b = crudeRate(num, den, { levels: [95, 99.8], multiplier: 100_000 });
          const [l95, l998] = a.limits;
          expect(l95!.lower[0]).toBeLessThanOrEqual(a.value[0]!);
          expect(l95!.upper[0]).toBeGreaterThan(a.value[0]!);
          expect(l998!.upper[0]).toBeGreaterThan(l95!.upper[0]!);
          expect(relativeError(b.limits[0]!.upper[0]!, l95!.upper[0]! * 100)).toBeLessThan(1e-13);
        },
      ),
    );
  });
});
