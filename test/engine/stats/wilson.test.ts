import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zForConfidence } from '../../../engine/stats/qnorm.js';
import { wilsonLower, wilsonUpper } from '../../../engine/stats/wilson.js';
import { relativeError } from './helpers.js';

describe('wilson', () => {
  it('gives the METHODS.md known answer for 65/100 at 95 %', () => {
    const z = zForConfidence(95);
    expect(relativeError(wilsonLower(65, 100, z), 0.5525444329688797)).toBeLessThan(1e-15);
    expect(relativeError(wilsonUpper(65, 100, z), 0.7363575175690247)).toBeLessThan(1e-15);
  });
  it('stays in [0, 1], brackets x/n and widens with confidence', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100_000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const z95 = zForConfidence(95);
          const z998 = zForConfidence(99.8);
          const lo = wilsonLower(x, n, z95);
          const hi = wilsonUpper(x, n, z95);
          expect(lo).toBeGreaterThanOrEqual(-1e-15);
          expect(hi).toBeLessThanOrEqual(1 + 1e-15);
          expect(lo).toBeLessThanOrEqual(x / n + 1e-15);
          expect(hi).toBeGreaterThanOrEqual(x / n - 1e-15);
          expect(wilsonLower(x, n, z998)).toBeLessThanOrEqual(lo + 1e-15);
          expect(wilsonUpper(x, n, z998)).toBeGreaterThanOrEqual(hi - 1e-15);
        },
      ),
    );
  });
});
