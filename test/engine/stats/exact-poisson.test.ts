import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactPoissonLower, exactPoissonUpper } from '../../../engine/stats/exact-poisson.js';
import { relativeError } from './helpers.js';

// Reference limits: qchisq by mpmath 1.3 at 40 digits (Garwood's table gives 1.6235–11.6683 for 5).
const CASES: readonly [number, number, number][] = [
  [0, 0, 3.6888794541139354],
  [1, 0.025317807984289876, 5.571643390938897],
  [5, 1.6234863901184207, 11.668332079322669],
  [9, 4.115373097378333, 17.08480345141917],
];

describe('exact Poisson limits', () => {
  it.each(CASES)('limits of %s at 95 %% match the reference', (o, lower, upper) => {
    expect(relativeError(exactPoissonLower(o, 95), lower)).toBeLessThan(1e-13);
    expect(relativeError(exactPoissonUpper(o, 95), upper)).toBeLessThan(1e-13);
  });
  it('brackets the count and widens with confidence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 90, max: 99.9, noNaN: true }),
        (o, l) => {
          expect(exactPoissonLower(o, l)).toBeLessThan(o);
          expect(exactPoissonUpper(o, l)).toBeGreaterThan(o);
          expect(exactPoissonLower(o, 99.99)).toBeLessThanOrEqual(exactPoissonLower(o, l));
          expect(exactPoissonUpper(o, 99.99)).toBeGreaterThanOrEqual(exactPoissonUpper(o, l));
        },
      ),
      { numRuns: 200 },
    );
  });
});
