import { describe, expect, it } from 'vitest';
import { meanCi } from '../../../engine/stats/mean-ci.js';
import { relativeError } from './helpers.js';

describe('meanCi', () => {
  it('gives the Student-t interval of 1…10', () => {
    const values = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const m = meanCi(values, [95]);
    // R: sd(1:10) = 3.0276503540974917, qt(0.975, 9) = 2.262157162798205
    const h = (2.262157162798205 * 3.0276503540974917) / Math.sqrt(10);
    expect(m.sum).toBe(55);
    expect(m.count).toBe(10);
    expect(relativeError(m.sd, 3.0276503540974917)).toBeLessThan(1e-15);
    expect(m.value).toBe(5.5);
    expect(relativeError(m.limits[0]!.lower, 5.5 - h)).toBeLessThan(1e-14);
    expect(relativeError(m.limits[0]!.upper, 5.5 + h)).toBeLessThan(1e-14);
  });
  it('gives NaN limits for one value and NaN for a missing value', () => {
    expect(meanCi(Float64Array.of(4), [95]).limits[0]!.lower).toBeNaN();
    expect(meanCi(Float64Array.of(4), [95]).value).toBe(4);
    expect(meanCi(Float64Array.of(4, NaN), [95]).value).toBeNaN();
    expect(meanCi(new Float64Array(0), [95]).value).toBeNaN();
  });
  it('widens with confidence', () => {
    const m = meanCi(Float64Array.of(3, 9, 4, 7), [95, 99.8]);
    expect(m.limits[1]!.lower).toBeLessThan(m.limits[0]!.lower);
    expect(m.limits[1]!.upper).toBeGreaterThan(m.limits[0]!.upper);
  });
});
