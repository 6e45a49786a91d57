import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectQuantiles } from '../../../engine/stats/select-quantiles.js';
import { quantileSorted, sortValues } from '../../../engine/stats/quantile.js';

const PROBS = [0.025, 0.1, 0.5, 0.9, 0.975];

describe('selectQuantiles', () => {
  it('equals the sort-based type-7 quantiles exactly, for any values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (xs, ps) => {
          const probs = [...ps].sort((a, b) => a - b);
          const sorted = Float64Array.from(xs);
          sortValues(sorted);
          const out = new Float64Array(probs.length);
          selectQuantiles(Float64Array.from(xs), probs, out);
          probs.forEach((p, i) => expect(out[i]).toBe(quantileSorted(sorted, p)));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('is exact with outliers, infinities (quickselect fallback) and a range too narrow to divide', () => {
    const cases = [
      Float64Array.from({ length: 1000 }, (_, i) => (i === 7 ? 1e300 : Math.sin(i) * 10)),
      Float64Array.from({ length: 200 }, (_, i) =>
        i % 3 === 0 ? Infinity : i % 5 === 0 ? -Infinity : i,
      ),
      Float64Array.of(0, 5e-324, 5e-324, 0, 1e-320),
      // max − min overflows to Infinity.
      Float64Array.of(1.7976520524575926e308, -4.108240472336145e303, -3.8982636672838036e246),
    ];
    for (const values of cases) {
      const sorted = Float64Array.from(values);
      sortValues(sorted);
      const out = new Float64Array(PROBS.length);
      selectQuantiles(Float64Array.from(values), PROBS, out);
      PROBS.forEach((p, i) => expect(out[i]).toBe(quantileSorted(sorted, p)));
    }
  });
  it('handles ties, one value and NaN', () => {
    const out = new Float64Array(5);
    selectQuantiles(Float64Array.from([3, 3, 3, 1, 1]), PROBS, out);
    expect(Array.from(out)).toEqual([1, 1, 3, 3, 3]);
    selectQuantiles(Float64Array.of(7), PROBS, out);
    expect(Array.from(out)).toEqual([7, 7, 7, 7, 7]);
    // Equal values interpolate as a sort's would: −0 + 0·0 is +0, ∞ + 0·(∞ − ∞) is NaN.
    selectQuantiles(Float64Array.of(-0, -0), PROBS, out);
    expect(Array.from(out).every((x) => Object.is(x, 0))).toBe(true);
    selectQuantiles(Float64Array.of(Infinity, Infinity), PROBS, out);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
    selectQuantiles(Float64Array.of(1, NaN, 2), PROBS, out);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });
});
