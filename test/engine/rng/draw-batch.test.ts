import { describe, expect, it } from 'vitest';
import { DrawBatch, type BatchDraw } from '../../../engine/rng/draw-batch.js';
import {
  prepareDistribution,
  samplePrepared,
  samplePreparedInto,
  type Distribution,
} from '../../../engine/rng/distributions.js';
import { createStream, reuseStream, streamName, type Rng } from '../../../engine/rng/stream.js';

/** A seeded list of PERTs covering the shapes the batch must get right, and a few others. */
function distributions(): Distribution[] {
  const list: Distribution[] = [
    { dist: 'pert', min: 0, mode: 0, max: 1 }, // α = 1: the gamma rejects most often
    { dist: 'pert', min: 0, mode: 1, max: 1 }, // β = 1
    { dist: 'pert', min: 2, mode: 2, max: 2 }, // width 0: prepared as fixed
    { dist: 'pert', min: -3, mode: -1, max: 4 },
    { dist: 'pert', min: 1, mode: 1 + 1e-9, max: 1 + 2e-9 },
    { dist: 'pert', min: 0, mode: 1e6, max: 1e9 },
    { dist: 'fixed', value: 7 },
    { dist: 'normal', mean: 1, sd: 0.2, min: 0 },
    { dist: 'gamma', shape: 0.5, scale: 2 },
    { dist: 'beta', alpha: 2, beta: 3 },
  ];
  let s = 12345;
  const next = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 200; ++i) {
    const min = 10 * next() - 5;
    const mode = min + next() * next() * 3;
    list.push({ dist: 'pert', min, mode, max: mode + next() * 4 });
  }
  return list;
}

function batchOf(list: readonly Distribution[]): BatchDraw[] {
  return list.map((d, i) => ({
    distribution: prepareDistribution(d),
    stream: streamName(`test/batch/${i}`),
  }));
}

/** An Rng that counts its uniforms and keeps the first. */
function counting(rng: Rng): Rng & { count: number; first: number } {
  const counted = {
    count: 0,
    first: NaN,
    next(): number {
      const u = rng.next();
      if (counted.count++ === 0) counted.first = u;
      return u;
    },
    state: () => rng.state(),
  };
  return counted;
}

describe('DrawBatch', () => {
  it.each(['wasm', 'js'] as const)(
    'draws what samplePreparedInto draws from each stream, bit for bit (%s)',
    (engine) => {
      const draws = batchOf(distributions());
      const batch = new DrawBatch(draws, engine);
      expect(batch.length).toBe(draws.length);
      const out = new Float64Array(draws.length).fill(NaN);
      const expected = new Float64Array(1);
      let mismatches = 0;
      for (const seed of [1, 2026, 0xffffffff]) {
        for (let r = 0; r < 400; ++r) {
          batch.drawInto(seed, r, out);
          draws.forEach((d, i) => {
            samplePreparedInto(d.distribution, reuseStream(seed, r, d.stream), expected, 0);
            if (!Object.is(out[i], expected[0])) ++mismatches;
          });
        }
      }
      expect(mismatches).toBe(0);
    },
  );

  it('exercises the rejections and the normal tails it must reproduce', () => {
    const draws = batchOf(distributions());
    let rejected = 0;
    let tails = 0;
    for (let r = 0; r < 400; ++r)
      for (const d of draws) {
        if (d.distribution.dist !== 'pert') continue;
        const rng = counting(createStream(1, r, d.stream));
        samplePrepared(d.distribution, rng);
        // Two gammas take four uniforms unless one rejected a candidate.
        if (rng.count > 4) ++rejected;
        // The first uniform is always a normal's: outside [0.075, 0.925] it is in a tail.
        if (Math.abs(rng.first - 0.5) > 0.425) ++tails;
      }
    expect(rejected).toBeGreaterThan(100);
    expect(tails).toBeGreaterThan(1000);
  });

  it('keeps each parameter on its own stream: its value does not depend on the batch', () => {
    const draws = batchOf(distributions());
    const whole = new DrawBatch(draws);
    const part = new DrawBatch(draws.slice(100, 150).reverse());
    const a = new Float64Array(whole.length);
    const b = new Float64Array(part.length);
    whole.drawInto(9, 17, a);
    part.drawInto(9, 17, b);
    for (let i = 0; i < 50; ++i) expect(b[i]).toBe(a[149 - i]);
  });

  it('reloads the thread’s kernel when batches take turns with it', () => {
    const draws = batchOf(distributions());
    const first = new DrawBatch(draws.slice(0, 120));
    const second = new DrawBatch(draws.slice(120));
    const alone = new DrawBatch(draws.slice(0, 120), 'js');
    const a = new Float64Array(first.length);
    const b = new Float64Array(second.length);
    const expected = new Float64Array(alone.length);
    for (let r = 0; r < 5; ++r) {
      first.drawInto(3, r, a);
      second.drawInto(3, r, b);
      alone.drawInto(3, r, expected);
      expect(a).toEqual(expected);
    }
  });

  it('writes nothing for an empty batch', () => {
    const out = Float64Array.of(3);
    new DrawBatch([]).drawInto(1, 0, out);
    expect(out[0]).toBe(3);
  });
});
