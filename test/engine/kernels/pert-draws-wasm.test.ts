import { describe, expect, it } from 'vitest';
import { fdlibmLog } from '../../../engine/kernels/fdlibm-log.js';
import { PertDrawsKernel } from '../../../engine/kernels/pert-draws-wasm.js';
import {
  prepareDistribution,
  samplePreparedInto,
  type Distribution,
  type PreparedDistribution,
} from '../../../engine/rng/distributions.js';
import {
  createStream,
  mix32,
  replicateKey,
  reuseStream,
  streamName,
  type Rng,
  type StreamName,
} from '../../../engine/rng/stream.js';
import { qnorm } from '../../../engine/stats/qnorm.js';

const SEED = 20261201;
const TWO_POW_MINUS_32 = 2 ** -32;
/** Alea's multiplier and the Weyl increment of the stream words (engine/rng/stream.ts). */
const ALEA_MULTIPLIER = 2091639;
const GOLDEN_GAMMA = 0x9e3779b9;

/** A seeded stream for the test input called `name`. */
const stream = (name: string): Rng => createStream(SEED, 0, `test/pert-draws-wasm/${name}`);

/** A whole number in 0 … n − 1. */
const below = (rng: Rng, n: number): number => Math.floor(rng.next() * n);

/** A random 32-bit word. */
const word = (rng: Rng): number => Math.floor(rng.next() * 2 ** 32);

/** Arguments of log where `fdlibmLog` and Math.log differ in any bit (NaN equals NaN). */
function logMismatches(xs: Iterable<number>): number[] {
  const bad: number[] = [];
  for (const x of xs) if (!Object.is(fdlibmLog(x), Math.log(x))) bad.push(x);
  return bad;
}

/** `count` doubles from `make`. */
function* generate(count: number, make: () => number): Generator<number> {
  for (let i = 0; i < count; ++i) yield make();
}

describe('fdlibmLog: the algorithm of Math.log', () => {
  it('is bit-identical to Math.log at the special values and branch boundaries', () => {
    const xs = [0, -0, 1, -1, NaN, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE];
    xs.push(2 ** -1022, 2 ** -1023, 2 ** -1074 * 3, 0.5, 2, Math.E, Math.SQRT2, Math.SQRT1_2);
    xs.push(1 + 2 ** -52, 1 - 2 ** -53, 1 + 2 ** -20, 1 - 2 ** -21, 1 + 2 ** -21, 1 - 2 ** -20);
    // where the hfsq form starts and ends: high words 0x3ff6147a and 0x3ff6b851
    for (const high of [0x6147a, 0x6147b, 0x6b851, 0x6b850, 0x95f64, 0x6a09e, 0x6a09f]) {
      const x = new Float64Array(1);
      const w = new Uint32Array(x.buffer);
      for (const exponent of [0x3fe, 0x3ff, 0x400, 0x001, 0x7fe]) {
        w[1] = (exponent << 20) | high;
        w[0] = 0;
        xs.push(x[0]!);
        w[0] = 0xffffffff;
        xs.push(x[0]!);
      }
    }
    expect(logMismatches(xs)).toEqual([]);
  });

  it('is bit-identical to Math.log over millions of arguments', () => {
    const rng = stream('log');
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    const pattern = (high: number): number => {
      words[0] = word(rng);
      words[1] = high;
      return bits[0]!;
    };
    const bad = [
      // Alea's uniforms (multiples of 2^-32), and the smallest of them
      ...logMismatches(generate(2_000_000, () => word(rng) * TWO_POW_MINUS_32)),
      ...logMismatches(generate(100_000, () => below(rng, 100_000) * TWO_POW_MINUS_32)),
      // near 1, within 2^-20 and a little farther
      ...logMismatches(
        generate(300_000, () => 1 + (rng.next() - 0.5) * 2 ** -(19 + below(rng, 34))),
      ),
      ...logMismatches(generate(300_000, () => 1 + (rng.next() - 0.5) * 0.1)),
      // the gamma sampler's v = (1 + c·x)³
      ...logMismatches(generate(300_000, () => (rng.next() * 2) ** 3)),
      // any bit pattern: every exponent, subnormals, negatives, NaN and infinities
      ...logMismatches(generate(1_000_000, () => pattern(word(rng)))),
      ...logMismatches(generate(100_000, () => pattern(below(rng, 0x100000)))),
      // large
      ...logMismatches(generate(100_000, () => rng.next() * 2 ** below(rng, 1024))),
    ];
    expect(bad.slice(0, 10)).toEqual([]);
  });
});

/** The inverse of an odd number modulo 2^32 (Newton: y = a has 3 right bits, each step doubles). */
function oddInverse(a: number): number {
  let y = a;
  for (let i = 0; i < 5; ++i) y = Math.imul(y, 2 - Math.imul(a, y));
  return y;
}

/** The inverse of `mix32` (each xor-shift and odd multiplication undone), to craft streams. */
function unmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, oddInverse(0x846ca68b));
  x ^= (x >>> 15) ^ (x >>> 30);
  x = Math.imul(x, oddInverse(0x7feb352d));
  x ^= x >>> 16;
  return x >>> 0;
}

/** What a JavaScript re-implementation of the PERT draw saw: its value and counts. */
interface Counts {
  /** Uniforms inverted by qnorm's tails (|u − 0.5| > 0.425). */
  tails: number;
  /** Normals rejected with 1 + c·x <= 0. */
  negative: number;
  /** Candidates that failed the squeeze, so that log was taken. */
  logTests: number;
  /** Candidates rejected by the log test too. */
  rejected: number;
}

/**
 * `samplePreparedInto(p, rng)` of a PERT re-implemented with counts of the paths it took
 * (distributions.ts's gammaInto without the boost).
 */
function countedPert(p: PreparedDistribution, rng: Rng, counts: Counts): number {
  const gamma = (d: number, c: number): number => {
    for (;;) {
      let u = rng.next();
      if (u === 0) u = 2 ** -33;
      if (Math.abs(u - 0.5) > 0.425) counts.tails++;
      const x = qnorm(u);
      const t = 1 + c * x;
      if (t <= 0) {
        counts.negative++;
        continue;
      }
      const v = t * t * t;
      const u2 = rng.next();
      if (u2 < 1 - 0.0331 * x * x * x * x) return d * v;
      counts.logTests++;
      if (Math.log(u2) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
      counts.rejected++;
    }
  };
  const x = gamma(p.g1.d, p.g1.c);
  const y = gamma(p.g2.d, p.g2.c);
  return p.a + p.b * (x / (x + y));
}

/** PERTs of many shapes: mode at either bound, narrow and wide, negative and positive. */
function perts(count: number): Distribution[] {
  const rng = stream('perts');
  const widths = [1e-12, 1e-6, 0.01, 0.5, 1, 3, 100, 1e6, 1e12];
  const list: Distribution[] = [];
  for (let i = 0; i < count; ++i) {
    const min = (rng.next() - 0.5) * 10 ** (below(rng, 8) - 3);
    const width = widths[i % widths.length]! * (0.5 + rng.next());
    // the mode at min (alpha = 1, the most rejections), at max, near either, or anywhere
    const f = [0, 1, 1e-9, 1 - 1e-9, 0.5, rng.next(), rng.next()][i % 7]!;
    list.push({ dist: 'pert', min, mode: min + f * width, max: min + width });
  }
  // Scenario-like PERTs
  list.push(
    { dist: 'pert', min: 0.8, mode: 1, max: 1.3 },
    { dist: 'pert', min: 0, mode: 0, max: 2 },
  );
  return list;
}

/** Loads `list` with the streams `names` into `kernel`. */
function load(
  kernel: PertDrawsKernel,
  list: readonly Distribution[],
  names: readonly StreamName[],
): void {
  list.forEach((d, i) => kernel.load(i, prepareDistribution(d), names[i]!));
}

describe('PertDrawsKernel: PERT draws in WebAssembly', () => {
  it('draws what samplePreparedInto draws, bit for bit, and the draws took every path', () => {
    const list = perts(250);
    const names = list.map((_, i) => streamName(`E0${i}/parameter/${i}`));
    const n = list.length;
    const kernel = new PertDrawsKernel(n);
    load(kernel, list, names);
    const prepared = list.map((d) => prepareDistribution(d));
    const expected = new Float64Array(n);
    const counts: Counts = { tails: 0, negative: 0, logTests: 0, rejected: 0 };
    const replicates = 2000;
    let mismatches = 0;
    let first = '';
    for (let r = 0; r < replicates; ++r) {
      kernel.draw(n, replicateKey(SEED, r));
      for (let i = 0; i < n; ++i) {
        samplePreparedInto(prepared[i]!, reuseStream(SEED, r, names[i]!), expected, i);
        if (!Object.is(kernel.out[i], expected[i])) {
          if (mismatches++ === 0)
            first = `replicate ${r}, draw ${i}: ${kernel.out[i]} ≠ ${expected[i]}`;
        }
        // every 7th replicate: the paths the draws took (the re-implementation must agree)
        if (r % 7 === 0) {
          const value = countedPert(prepared[i]!, reuseStream(SEED, r, names[i]!), counts);
          if (!Object.is(value, expected[i]))
            throw new Error(`re-implementation differs at ${r}, ${i}`);
        }
      }
    }
    expect(first).toBe('');
    expect(mismatches).toBe(0);
    // qnorm's tails take about 15 % of the normals; rejections of each kind are frequent (about
    // 22,000 tail uniforms, 300 negative t, 12,000 log tests and 2,900 rejections by it)
    expect(counts.tails).toBeGreaterThan(15_000);
    expect(counts.negative).toBeGreaterThan(150);
    expect(counts.logTests).toBeGreaterThan(8000);
    expect(counts.rejected).toBeGreaterThan(1500);
  });

  it('nudges a first uniform of 0 to 2^-33 and takes log(0) = −∞ in the acceptance test', () => {
    // Alea's first two uniforms are 0 when s0 and s1 are the multiples of 2^-32 below
    // (next(): t = 2091639·s0 + c·2^-32, c = 1 at the start; then c = trunc(t)).
    const m0 = Math.imul(-1, oddInverse(ALEA_MULTIPLIER)) >>> 0;
    const c1 = (ALEA_MULTIPLIER * m0 + 1) / 2 ** 32;
    const m1 = Math.imul(-c1, oddInverse(ALEA_MULTIPLIER)) >>> 0;
    const replicate = 3;
    const key = replicateKey(SEED, replicate);
    const name = Uint32Array.of(
      (key ^ unmix32(m0)) >>> 0,
      (((key + GOLDEN_GAMMA) >>> 0) ^ unmix32(m1)) >>> 0,
      12345,
    ) as StreamName;
    expect(mix32(unmix32(0xdeadbeef))).toBe(0xdeadbeef);
    const probe = reuseStream(SEED, replicate, name);
    expect([probe.next(), probe.next()]).toEqual([0, 0]);
    // The mode at max (alpha = 5): 1 + c·qnorm(2^-33) > 0, so the second uniform, 0, is tested
    // by log(0) < …: accepted.
    const list: Distribution[] = [
      { dist: 'pert', min: 0, mode: 1, max: 1 },
      { dist: 'pert', min: 0, mode: 0, max: 1 },
      { dist: 'pert', min: -2, mode: 1, max: 5 },
    ];
    const kernel = new PertDrawsKernel(list.length);
    load(kernel, list, [name, name, name]);
    kernel.draw(list.length, key);
    const expected = new Float64Array(list.length);
    const counts: Counts = { tails: 0, negative: 0, logTests: 0, rejected: 0 };
    list.forEach((d, i) => {
      samplePreparedInto(prepareDistribution(d), reuseStream(SEED, replicate, name), expected, i);
      countedPert(prepareDistribution(d), reuseStream(SEED, replicate, name), counts);
    });
    expect(counts.logTests).toBeGreaterThan(0);
    expect(counts.negative).toBeGreaterThan(0);
    expect([...kernel.out].map((x, i) => Object.is(x, expected[i]))).toEqual([true, true, true]);
  });

  it('draws only the first n (none for n = 0), leaving the rest of out as it was', () => {
    const list = perts(3); // and the two scenario-like PERTs: five
    const names = list.map((_, i) => streamName(`partial/${i}`));
    const kernel = new PertDrawsKernel(list.length);
    load(kernel, list, names);
    kernel.out.fill(-1);
    kernel.draw(0, replicateKey(SEED, 0));
    expect([...kernel.out]).toEqual([-1, -1, -1, -1, -1]);
    kernel.draw(3, replicateKey(SEED, 9));
    const expected = new Float64Array(3);
    for (let i = 0; i < 3; ++i)
      samplePreparedInto(
        prepareDistribution(list[i]!),
        reuseStream(SEED, 9, names[i]!),
        expected,
        i,
      );
    expect([...kernel.out.subarray(0, 3)]).toEqual([...expected]);
    expect([...kernel.out.subarray(3)]).toEqual([-1, -1]);
  });

  it('shares one instance per thread, replaced by a larger one when asked for more', () => {
    const small = PertDrawsKernel.shared(10);
    expect(PertDrawsKernel.shared(5)).toBe(small);
    const large = PertDrawsKernel.shared(300);
    expect(large.capacity).toBeGreaterThanOrEqual(300);
    expect(PertDrawsKernel.shared(10)).toBe(large);
    expect(large.words.length).toBe(3 * large.capacity);
    expect(large.constants.length).toBe(6 * large.capacity);
    expect(large.out.length).toBe(large.capacity);
  });

  it('refuses what it cannot draw', () => {
    const kernel = new PertDrawsKernel(2);
    const name = streamName('x');
    expect(() => kernel.draw(3, 0)).toThrow(
      'PertDrawsKernel.draw: expected a count within 0 … 2, found 3',
    );
    expect(() =>
      kernel.load(2, prepareDistribution({ dist: 'pert', min: 0, mode: 1, max: 2 }), name),
    ).toThrow('PertDrawsKernel.load: expected a draw within 0 … 1, found 2');
    expect(() =>
      kernel.load(0, prepareDistribution({ dist: 'beta', alpha: 0.5, beta: 2 }), name),
    ).toThrow(
      'PertDrawsKernel.load: expected a PERT with both shapes >= 1, found beta with boosts 2, 0',
    );
    expect(() => new PertDrawsKernel(-1)).toThrow(
      'PertDrawsKernel: expected a whole capacity >= 0, found -1',
    );
  });
});
