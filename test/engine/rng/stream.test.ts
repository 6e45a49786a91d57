import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  createStream,
  mix32,
  replicateKey,
  restoreStream,
  reuseStream,
  RNG_STATE_VERSION,
  streamName,
  streamNameWords,
} from '../../../engine/rng/stream.js';

/** seedrandom's own Alea restored to a stream's state: the reference implementation. */
function seedrandomAt(state: Uint32Array): () => number {
  const restored = {
    c: state[1]!,
    s0: state[2]! / 2 ** 32,
    s1: state[3]! / 2 ** 32,
    s2: state[4]! / 2 ** 32,
  };
  return seedrandom.alea('', { state: restored });
}

function correlation(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; ++i) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('createStream', () => {
  it('generates exactly what seedrandom.alea generates from the same state (1,000 draws)', () => {
    const s = createStream(2026, 11, 'E06000001/fertility');
    const reference = seedrandomAt(s.state());
    for (let i = 0; i < 1000; ++i) expect(s.next()).toBe(reference());
  });
  it('is a pure function of (seed, replicate, name)', () => {
    const a = createStream(42, 7, 'E08000025/fertility');
    const b = createStream(42, 7, 'E08000025/fertility');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(createStream(43, 7, 'E08000025/fertility').next()).not.toBe(xs[0]);
    expect(createStream(42, 8, 'E08000025/fertility').next()).not.toBe(xs[0]);
    expect(createStream(42, 7, 'E08000025/mortality').next()).not.toBe(xs[0]);
  });
  it('derives each stream from its own replicate key, whatever was seeded before', () => {
    expect(replicateKey(42, 7)).toBe(mix32(mix32(42) ^ 7));
    const fresh = Array.from(createStream(42, 7, 'E08000025/fertility').state());
    createStream(43, 7, 'E08000025/fertility');
    reuseStream(42, 8, streamName('E08000025/fertility'));
    expect(replicateKey(42, 8)).toBe(mix32(mix32(42) ^ 8));
    expect(Array.from(createStream(42, 7, 'E08000025/fertility').state())).toEqual(fresh);
    expect(Array.from(reuseStream(42, 7, streamName('E08000025/fertility')).state())).toEqual(
      fresh,
    );
  });
  it('pins the first draws of a stream (golden values: changing them changes every result)', () => {
    const s = createStream(1, 0, 'test');
    expect(Array.from(s.state())).toMatchInlineSnapshot(`
      [
        2,
        1,
        33139538,
        669106826,
        1241800923,
      ]
    `);
    expect([s.next(), s.next(), s.next()]).toMatchInlineSnapshot(`
      [
        0.8772825670894235,
        0.45498378202319145,
        0.13713339949026704,
      ]
    `);
  });
  it('hashes names with seedrandom Alea and mixes with lowbias32', () => {
    const prng = seedrandom.alea('wcc/x');
    expect(Array.from(streamNameWords('x'))).toEqual([
      prng.int32() >>> 0,
      prng.int32() >>> 0,
      prng.int32() >>> 0,
    ]);
    // Alea's seeding is written out in streamNameWords: the same words as seedrandom's for
    // names short and long, ASCII or not.
    const names = ['', 'a', 'E08000025/demand/use/DM/gp_appointments', 'é/ü/名', 'x'.repeat(500)];
    for (let i = 0; i < 200; ++i) names.push(`E0${i * 7919}/prevalence/C${i}/curve-draws`);
    for (const name of names) {
      const reference = seedrandom.alea(`wcc/${name}`);
      expect(Array.from(streamNameWords(name))).toEqual([
        reference.int32() >>> 0,
        reference.int32() >>> 0,
        reference.int32() >>> 0,
      ]);
    }
    // lowbias32 reference values (C. Wellons' published constants): mix32(0) = 0, and bijective.
    expect(mix32(0)).toBe(0);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; ++i) seen.add(mix32(i));
    expect(seen.size).toBe(10_000);
  });
  it('gives uncorrelated first draws across neighbouring replicates and names', () => {
    const n = 20_000;
    const firstOf = (r: number, name: string): number => createStream(9, r, name).next();
    const a = Array.from({ length: n }, (_, r) => firstOf(r, 'p'));
    const b = Array.from({ length: n }, (_, r) => firstOf(r + 1, 'p'));
    const c = Array.from({ length: n }, (_, r) => firstOf(r, 'q'));
    // |r| < 4/√n is far beyond chance for independent streams.
    expect(Math.abs(correlation(a, b))).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(correlation(a, c))).toBeLessThan(4 / Math.sqrt(n));
    const mean = a.reduce((s, x) => s + x, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });
  it('saves and restores its state as a versioned Uint32Array', () => {
    const s = createStream(5, 3, 'k');
    s.next();
    s.next();
    const state = s.state();
    expect(state).toBeInstanceOf(Uint32Array);
    expect(state[0]).toBe(RNG_STATE_VERSION);
    const expected = [s.next(), s.next(), s.next()];
    const r = restoreStream(state);
    expect([r.next(), r.next(), r.next()]).toEqual(expected);
  });
  it('rejects a state of another version', () => {
    const bad = createStream(1, 1, 'x').state();
    bad[0] = 99;
    expect(() => restoreStream(bad)).toThrow(
      /invalid RNG state: expected .* version 2, found length 5 version 99/,
    );
    expect(() => restoreStream(new Uint32Array(2))).toThrow(/found length 2/);
  });
  it('gives uniform draws (mean and variance of 100,000 draws)', () => {
    const s = createStream(9, 0, 'u');
    const n = 100_000;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; ++i) {
      const x = s.next();
      sum += x;
      sum2 += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sum2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});
