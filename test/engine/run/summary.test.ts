import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarise, summariseColumns, SUMMARY_STATS } from '../../../engine/run/summary.js';
import { quantileSorted, sortValues } from '../../../engine/stats/quantile.js';
import { meanOf } from '../../../engine/stats/welford.js';

const PROBS = [0.025, 0.1, 0.5, 0.9, 0.975];

/** The summary by the definitions: a compensated mean and the quantiles of the sorted column. */
function reference(values: Float64Array, replicates: number, cells: number): Float64Array[] {
  const stats = SUMMARY_STATS.map(() => new Float64Array(cells));
  for (let c = 0; c < cells; ++c) {
    stats[0]![c] = meanOf(values, replicates, c, cells);
    const column = Float64Array.from({ length: replicates }, (_, r) => values[r * cells + c]!);
    sortValues(column);
    PROBS.forEach((p, q) => (stats[q + 1]![c] = quantileSorted(column, p)));
  }
  return stats;
}

describe('summarise', () => {
  it('equals the compensated mean and the sorted type-7 quantiles bit for bit, call after call', () => {
    const value = fc.oneof(
      { weight: 20, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      { weight: 20, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
      { weight: 20, arbitrary: fc.integer({ min: -3, max: 3 }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 19 }),
        fc.infiniteStream(value),
        (replicates, cells, stream) => {
          const values = Float64Array.from(stream.take(replicates * cells));
          const copy = Float64Array.from(values);
          const summary = summarise(values, replicates, cells);
          expect(summary.cells).toBe(cells);
          expect(summary.stats.map((s) => Array.from(s))).toEqual(
            reference(copy, replicates, cells).map((s) => Array.from(s)),
          );
          expect(values).toEqual(copy); // the input is left as it was
          // The same values cell-major give the same summary.
          const columns = new Float64Array(replicates * cells);
          for (let r = 0; r < replicates; ++r)
            for (let c = 0; c < cells; ++c) columns[c * replicates + r] = copy[r * cells + c]!;
          expect(summariseColumns(columns, replicates, cells).stats).toEqual(summary.stats);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('is exact on blocks of many cells at 300 and 600 replicates, with ties, signed zeros and bunched values', () => {
    // A seeded 32-bit LCG (Numerical Recipes' constants) picks each cell's kind of values.
    let state = 12345;
    const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const kinds: ((u: number) => number)[] = [
      (u) => 1000 + 1000 * u, // spread: small bins, sorted by insertion
      (u) => (u < 0.5 ? -0 : u < 0.7 ? 0 : u < 0.9 ? 5e-324 : -1), // ties and both zeros
      (u) => (u < 0.002 ? 1e12 : u), // one far value bunches the rest into the first bin
      () => 42, // every replicate equal
      (u) => Math.round(u * 4) - 2, // a few integers
    ];
    for (const replicates of [300, 600]) {
      const cells = 70; // three blocks
      const values = new Float64Array(replicates * cells);
      for (let c = 0; c < cells; ++c) {
        const kind = kinds[c % kinds.length]!;
        for (let r = 0; r < replicates; ++r) values[r * cells + c] = kind(next());
      }
      const copy = Float64Array.from(values);
      const summary = summarise(values, replicates, cells);
      const expected = reference(copy, replicates, cells);
      summary.stats.forEach((s, i) =>
        s.forEach((x, c) => expect([i, c, x]).toEqual([i, c, expected[i]![c]])),
      );
    }
  });
  it('knows the answer for replicates 1 … 10 of two cells, one with a NaN', () => {
    const values = new Float64Array(20);
    for (let r = 0; r < 10; ++r) {
      values[2 * r] = 10 - r;
      values[2 * r + 1] = r === 4 ? NaN : r;
    }
    const { stats } = summarise(values, 10, 2);
    // R: quantile(1:10, c(.025, .1, .5, .9, .975)) = 1.225 1.9 5.5 9.1 9.775
    expect(stats[0]![0]).toBe(5.5);
    expect(stats[1]![0]).toBeCloseTo(1.225, 12);
    expect(stats[2]![0]).toBeCloseTo(1.9, 12);
    expect(stats[3]![0]).toBe(5.5);
    expect(stats[4]![0]).toBeCloseTo(9.1, 12);
    expect(stats[5]![0]).toBeCloseTo(9.775, 12);
    expect(stats.every((s) => Number.isNaN(s[1]))).toBe(true);
  });
});
