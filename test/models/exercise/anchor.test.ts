import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  anchorKindOf,
  anchorReplicates,
  anchorStep,
  realisedValue,
} from '../../../models/exercise/anchor.js';

/** Three replicates × four years of a level metric. */
const level = (): Float64Array =>
  Float64Array.of(100, 110, 121, 133.1, 100, 105, 110.25, 115.7625, 100, 90, 81, 72.9);

describe('anchorKindOf', () => {
  it('anchors years and rates by difference, counts and money by ratio', () => {
    expect(anchorKindOf('years')).toBe('rate');
    expect(anchorKindOf('per 100,000 (ESP2013)')).toBe('rate');
    expect(anchorKindOf('persons')).toBe('level');
    expect(anchorKindOf('£ 2023/24')).toBe('level');
    expect(anchorKindOf('beds')).toBe('level');
  });
});

describe('anchorStep', () => {
  it('carries a level by its ratio and a rate by its difference', () => {
    expect(anchorStep('level', 50, 100, 110)).toBeCloseTo(55, 12);
    expect(anchorStep('rate', 78, 79, 79.5)).toBe(78.5);
  });
  it('falls back to the difference where a level starts from 0', () => {
    expect(anchorStep('level', 3, 0, 2)).toBe(5);
  });
});

describe('realisedValue', () => {
  it('chains the drawn replicate’s one-year change onto the last realised value', () => {
    expect(realisedValue('level', 200, 100, 105)).toBeCloseTo(210, 12);
    expect(realisedValue('rate', 10, 9, 9.25)).toBe(10.25);
  });
});

describe('anchorReplicates', () => {
  it('makes the realised years equal the realised path exactly (zero spread)', () => {
    const v = level();
    anchorReplicates(v, 3, 4, Float64Array.of(100, 104), 'level');
    for (let r = 0; r < 3; ++r) {
      expect(v[r * 4]).toBe(100);
      expect(v[r * 4 + 1]).toBe(104);
    }
  });
  it('keeps each replicate’s growth after the last realised year (level)', () => {
    const v = level();
    anchorReplicates(v, 3, 4, Float64Array.of(100, 104), 'level');
    // replicate 0 grows 10 % a year from 2024, replicate 2 falls 10 % a year
    expect(v[2]).toBeCloseTo(104 * 1.1, 10);
    expect(v[3]).toBeCloseTo(104 * 1.21, 10);
    expect(v[10]).toBeCloseTo(104 * 0.9, 10);
    expect(v[11]).toBeCloseTo(104 * 0.81, 10);
  });
  it('keeps each replicate’s change after the last realised year (rate)', () => {
    const v = Float64Array.of(78, 78.2, 78.5, 79, 78, 77.9, 78.1, 78.0);
    anchorReplicates(v, 2, 4, Float64Array.of(78, 78.3, 78.1), 'rate');
    expect(v[3]).toBeCloseTo(78.1 + 0.5, 12);
    expect(v[7]).toBeCloseTo(78.1 - 0.1, 12);
    expect([v[0], v[1], v[2], v[4], v[5], v[6]]).toEqual([78, 78.3, 78.1, 78, 78.3, 78.1]);
  });
  it('is the identity when the realised path is the replicate’s own', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('level' as const, 'rate' as const),
        (row, k, kind) => {
          const v = Float64Array.from(row);
          anchorReplicates(v, 1, 4, Float64Array.from(row.slice(0, k + 1)), kind);
          for (let j = 0; j < 4; ++j) expect(v[j]).toBeCloseTo(row[j]!, 6);
        },
      ),
    );
  });
  it('keeps paired replicates paired: the difference of two rate replicates after k is unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (values, realised) => {
          const v = Float64Array.from(values);
          anchorReplicates(v, 2, 4, Float64Array.of(values[0]!, realised), 'rate');
          for (let j = 2; j < 4; ++j)
            expect(v[j]! - v[4 + j]!).toBeCloseTo(
              values[j]! - values[1]! - (values[4 + j]! - values[5]!),
              8,
            );
        },
      ),
    );
  });
  it('refuses a realised path longer than the years', () => {
    expect(() => anchorReplicates(level(), 3, 4, new Float64Array(5), 'level')).toThrow(RangeError);
  });
});
