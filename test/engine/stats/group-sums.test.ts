import { describe, expect, it } from 'vitest';
import { sumByGroup } from '../../../engine/stats/group-sums.js';

describe('sumByGroup', () => {
  it('sums rows per group and propagates missing values', () => {
    const sums = sumByGroup(Float64Array.of(1, 2, 3, NaN), Int32Array.of(0, 1, 0, 2), 3);
    expect([...sums]).toEqual([4, 2, NaN]);
  });
});
