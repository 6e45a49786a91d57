import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaSummariser, type ThresholdCount } from '../../../engine/run/area-summariser.js';
import { summarise } from '../../../engine/run/summary.js';

/**
 * The bytes of every statistic, so that −0 and +0 must match exactly; a NaN is written as the
 * canonical NaN (the sign bit of a NaN made by ∞ − ∞ depends on where the processor made it, and
 * no output shows it).
 */
function bytesOf(stats: readonly Float64Array[]): string[] {
  return stats.map((s) => {
    const t = s.map((x) => (Number.isNaN(x) ? NaN : x));
    return Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('hex');
  });
}

/**
 * Streams `values` (replicate-major) through a summariser in chunks of `chunk` replicates, one
 * pass after another as it asks, and returns its summary and the passes it took.
 */
function stream(
  values: Float64Array,
  replicates: number,
  cells: number,
  chunk: number,
  limits: { gatherAtMost: number; maxBins: number },
  thresholds: readonly ThresholdCount[] = [],
) {
  const s = areaSummariser(cells, replicates, 0, false, limits);
  let passes = 0;
  let asked = false;
  do {
    for (let r = 0; r < replicates; r += chunk) {
      const n = Math.min(chunk, replicates - r);
      s.fold(values.subarray(r * cells, (r + n) * cells), n);
    }
    s.endPass();
    ++passes;
    if (!asked && !s.pending()) {
      s.count(thresholds);
      asked = true;
    }
  } while (s.pending() && passes < 200);
  return { summary: s.summary(), passes, counts: s.counts() };
}

const value = fc.oneof(
  { weight: 20, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 20, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 20, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 5, arbitrary: fc.constantFrom(0, -0, 1e-320, -1e-320, 5e-324, Number.MAX_VALUE) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
);

describe('areaSummariser', () => {
  it('streams over several passes to the one-pass summary, byte for byte', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 2, max: 6 }),
        fc.infiniteStream(value),
        fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 3 }),
        (replicates, cells, chunk, gatherAtMost, maxBins, values, constants) => {
          const data = Float64Array.from(values.take(replicates * cells));
          // Some cells constant (ties everywhere), as a model's fixed quantities are.
          for (const c of constants)
            if (c < cells) for (let r = 0; r < replicates; ++r) data[r * cells + c] = c - 4;
          const expected = summarise(data, replicates, cells);
          const got = stream(data, replicates, cells, chunk, { gatherAtMost, maxBins });
          expect(bytesOf(got.summary.stats)).toEqual(bytesOf(expected.stats));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('holds the values within its budget and summarises them in one pass', () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => (i * 7919) % 13);
    const s = areaSummariser(4, 10, 40 * 8);
    expect(s.held).toBe(true);
    s.fold(values.subarray(0, 12), 3);
    s.fold(values.subarray(12), 7);
    s.endPass();
    expect(s.pending()).toBe(false);
    expect(bytesOf(s.summary().stats)).toEqual(bytesOf(summarise(values, 10, 4).stats));
    expect(s.values()).toEqual(values);
  });

  it('narrows a wide spread of 100,000 values in a few passes and counts thresholds exactly', () => {
    const n = 100_000;
    const cells = 3;
    const values = new Float64Array(n * cells);
    let x = 12345;
    for (let i = 0; i < values.length; ++i) {
      // A deterministic generator (xorshift), with a heavy right tail in cell 1.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const u = (x >>> 0) / 2 ** 32;
      values[i] = i % cells === 1 ? 1 / (u + 1e-9) : i % cells === 2 ? Math.round(u * 4) : u;
    }
    const thresholds: ThresholdCount[] = [
      { cell: 0, threshold: 0.25, better: 'lower' },
      { cell: 1, threshold: 10, better: 'higher' },
      { cell: 2, threshold: 2, better: 'higher' },
    ];
    const got = stream(values, n, cells, 997, { gatherAtMost: 1000, maxBins: 4096 }, thresholds);
    expect(bytesOf(got.summary.stats)).toEqual(bytesOf(summarise(values, n, cells).stats));
    // The moments pass, two or three narrowing passes, one to count.
    expect(got.passes).toBeLessThanOrEqual(6);
    const expected = thresholds.map((t) => {
      let met = 0;
      for (let r = 0; r < n; ++r) {
        const v = values[r * cells + t.cell]!;
        met += (t.better === 'higher' ? v >= t.threshold : v <= t.threshold) ? 1 : 0;
      }
      return met;
    });
    expect(Array.from(got.counts)).toEqual(expected);
  });
});
