import { describe, expect, it } from 'vitest';
import { quantileSorted, sortValues } from '../../../engine/stats/quantile.js';
import { meanAndVariance } from '../../../engine/stats/welford.js';

describe('quantileSorted (type 7)', () => {
  it('matches R quantile(1:10, c(0, .025, .1, .5, .9, .975, 1))', () => {
    const v = Float64Array.from([7, 3, 10, 1, 5, 2, 9, 4, 8, 6]);
    sortValues(v);
    // R: 1.000 1.225 1.900 5.500 9.100 9.775 10.000
    expect(quantileSorted(v, 0)).toBe(1);
    expect(quantileSorted(v, 0.025)).toBeCloseTo(1.225, 12);
    expect(quantileSorted(v, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantileSorted(v, 0.5)).toBe(5.5);
    expect(quantileSorted(v, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantileSorted(v, 0.975)).toBeCloseTo(9.775, 12);
    expect(quantileSorted(v, 1)).toBe(10);
  });
  it('gives NaN for empty input or NaN values, and the value for one value', () => {
    const empty = new Float64Array(0);
    sortValues(empty);
    expect(quantileSorted(empty, 0.5)).toBeNaN();
    const withNaN = Float64Array.from([1, NaN, 2]);
    sortValues(withNaN);
    expect(quantileSorted(withNaN, 0.5)).toBeNaN();
    const one = Float64Array.of(4);
    sortValues(one);
    expect(quantileSorted(one, 0.975)).toBe(4);
  });
});

describe('meanAndVariance', () => {
  it('matches the two-pass result and reads strided values', () => {
    const v = Float64Array.from([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    const { mean, variance } = meanAndVariance(v, 4);
    expect(mean).toBe(1e9 + 10);
    expect(variance).toBe(30);
    const strided = Float64Array.from([1, 99, 3, 99, 5, 99]);
    expect(meanAndVariance(strided, 3, 0, 2)).toEqual({ mean: 3, variance: 4 });
  });
});
