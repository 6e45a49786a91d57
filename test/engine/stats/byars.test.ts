import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byarsLimits, byarsLower, byarsUpper } from '../../../engine/stats/byars.js';
import { zForConfidence } from '../../../engine/stats/qnorm.js';
import { relativeError } from './helpers.js';

describe('byars', () => {
  it('gives the METHODS.md known answer for 65 at 95 %', () => {
    const z = zForConfidence(95);
    expect(relativeError(byarsLower(65, z), 50.163187710459454)).toBeLessThan(1e-15);
    expect(relativeError(byarsUpper(65, z), 82.84913854593984)).toBeLessThan(1e-15);
  });
  it('computes columns and gives NaN for a negative lower limit, as PHE', () => {
    const { lower, upper } = byarsLimits(Float64Array.of(65, 0, NaN), 95);
    expect(relativeError(lower[0]!, 50.163187710459454)).toBeLessThan(1e-15);
    expect(lower[1]).toBeNaN();
    expect(upper[1]).toBeGreaterThan(3);
    expect(upper[2]).toBeNaN();
    expect(byarsLower(1, zForConfidence(99.8))).toBeNaN();
  });
  it('brackets the count and widens with confidence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 1_000_000 }), (o) => {
        const z95 = zForConfidence(95);
        const z998 = zForConfidence(99.8);
        expect(byarsLower(o, z95)).toBeLessThan(o);
        expect(byarsUpper(o, z95)).toBeGreaterThan(o);
        expect(byarsLower(o, z998)).toBeLessThan(byarsLower(o, z95));
        expect(byarsUpper(o, z998)).toBeGreaterThan(byarsUpper(o, z95));
      }),
    );
  });
});
