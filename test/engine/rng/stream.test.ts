import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  createStream,
  restoreStream,
  RNG_STATE_VERSION,
  streamKey,
} from '../../../engine/rng/stream.js';

/** Alea and its Mash hash as published by Johannes Baagøe (2010), written out independently. */
function referenceAlea(seed: string): () => number {
  let n = 0xefc8249d;
  const mash = (data: string): number => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
  let s0 = mash(' ');
  let s1 = mash(' ');
  let s2 = mash(' ');
  let c = 1;
  s0 -= mash(seed);
  if (s0 < 0) s0 += 1;
  s1 -= mash(seed);
  if (s1 < 0) s1 += 1;
  s2 -= mash(seed);
  if (s2 < 0) s2 += 1;
  return () => {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  };
}

describe('createStream', () => {
  it('matches an independent implementation of Alea (Baagøe 2010) over 1,000 draws', () => {
    const reference = referenceAlea(streamKey(2026, 11, 'E06000001/fertility'));
    const s = createStream(2026, 11, 'E06000001/fertility');
    for (let i = 0; i < 1000; ++i) expect(s.next()).toBe(reference());
  });
  it('is a pure function of (seed, replicate, name)', () => {
    const a = createStream(42, 7, 'E08000025/fertility');
    const b = createStream(42, 7, 'E08000025/fertility');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    // Any change of seed, replicate or name gives another stream.
    expect(createStream(43, 7, 'E08000025/fertility').next()).not.toBe(xs[0]);
    expect(createStream(42, 8, 'E08000025/fertility').next()).not.toBe(xs[0]);
    expect(createStream(42, 7, 'E08000025/mortality').next()).not.toBe(xs[0]);
    expect(streamKey(42, 7, 'x')).toBe('wcc/1/42/7/x');
  });
  it('pins the first draws of a run stream (golden values: changing them changes every result)', () => {
    const s = createStream(1, 0, 'test');
    const first = [s.next(), s.next(), s.next()];
    const again = seedrandom.alea('wcc/1/1/0/test');
    expect(first).toEqual([again(), again(), again()]);
    for (const x of first) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
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
      /invalid RNG state: expected .* version 1, found length 5 version 99/,
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
