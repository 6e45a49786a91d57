import { describe, expect, it } from 'vitest';
import {
  distributionMean,
  fromInterval,
  prepareDistribution,
  sample,
  samplePrepared,
  samplePreparedInto,
  Z_P90,
  type Distribution,
} from '../../../engine/rng/distributions.js';
import { createStream, type Rng } from '../../../engine/rng/stream.js';
import { betaRegularized } from '../../../engine/stats/beta.js';
import { qnorm } from '../../../engine/stats/qnorm.js';

const N = 200_000;

function moments(
  d: Distribution,
  seed = 1,
): { mean: number; variance: number; min: number; max: number } {
  const rng = createStream(seed, 0, JSON.stringify(d));
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 1; i <= N; ++i) {
    const x = sample(d, rng);
    const delta = x - mean;
    mean += delta / i;
    m2 += delta * (x - mean);
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { mean, variance: m2 / (N - 1), min, max };
}

// [distribution, analytic mean, analytic variance]
const CASES: readonly [Distribution, number, number][] = [
  [{ dist: 'uniform', min: 2, max: 5 }, 3.5, 9 / 12],
  [{ dist: 'normal', mean: 10, sd: 2 }, 10, 4],
  [
    { dist: 'lognormal', meanlog: 0.1, sdlog: 0.3 },
    Math.exp(0.1 + 0.045),
    (Math.exp(0.09) - 1) * Math.exp(0.2 + 0.09),
  ],
  [{ dist: 'beta', alpha: 2, beta: 5 }, 2 / 7, (2 * 5) / (49 * 8)],
  [{ dist: 'beta', alpha: 5, beta: 2 }, 5 / 7, (2 * 5) / (49 * 8)],
  [{ dist: 'beta', alpha: 0.5, beta: 0.5 }, 0.5, 0.25 / 2],
  [{ dist: 'beta', alpha: 1, beta: 3 }, 1 / 4, 3 / (16 * 5)],
  [{ dist: 'beta', alpha: 0.3, beta: 2 }, 0.3 / 2.3, 0.6 / (2.3 * 2.3 * 3.3)],
  [{ dist: 'gamma', shape: 3, scale: 2 }, 6, 12],
  [{ dist: 'gamma', shape: 0.4, scale: 1 }, 0.4, 0.4],
  [{ dist: 'triangular', min: 0, mode: 1, max: 4 }, 5 / 3, (0 + 1 + 16 - 0 - 0 - 4) / 18],
  // PERT(0.05, 0.1, 0.2): alpha = 1 + 4·0.05/0.15, beta = 1 + 4·0.1/0.15.
  [
    { dist: 'pert', min: 0.05, mode: 0.1, max: 0.2 },
    (0.05 + 0.4 + 0.2) / 6,
    (() => {
      const a = 1 + 4 / 3;
      const b = 1 + 8 / 3;
      return (0.15 * 0.15 * a * b) / ((a + b) ** 2 * (a + b + 1));
    })(),
  ],
  // PERT with the mode in the middle, Beta(3, 3), and at each bound, Beta(1, 5) and Beta(5, 1):
  // mean (min + 4 mode + max)/6, variance width²·αβ/((α + β)²(α + β + 1)) = width²·5/252.
  [{ dist: 'pert', min: 10, mode: 20, max: 30 }, 20, (400 * 9) / (36 * 7)],
  [{ dist: 'pert', min: 0, mode: 0, max: 2 }, 2 / 6, (4 * 5) / (36 * 7)],
  [{ dist: 'pert', min: -1, mode: 3, max: 3 }, (-1 + 12 + 3) / 6, (16 * 5) / (36 * 7)],
];

describe('sample', () => {
  it.each(CASES)('%j has the analytic mean and variance', (d, mean, variance) => {
    const m = moments(d);
    const se = Math.sqrt(variance / N);
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * se);
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
    expect(distributionMean(d)).toBeCloseTo(mean, 12);
  });
  it('keeps draws inside bounded supports', () => {
    expect(moments({ dist: 'pert', min: 0.05, mode: 0.1, max: 0.2 }).min).toBeGreaterThanOrEqual(
      0.05,
    );
    expect(moments({ dist: 'pert', min: 0.05, mode: 0.1, max: 0.2 }).max).toBeLessThanOrEqual(0.2);
    const t = moments({ dist: 'normal', mean: 0, sd: 1, min: -0.5, max: 2 });
    expect(t.min).toBeGreaterThanOrEqual(-0.5);
    expect(t.max).toBeLessThanOrEqual(2);
  });
  it('returns fixed values without drawing', () => {
    let calls = 0;
    const rng: Rng = { next: () => (++calls, 0.5), state: () => new Uint32Array(5) };
    expect(sample({ dist: 'fixed', value: 3 }, rng)).toBe(3);
    expect(calls).toBe(0);
  });
  it('consumes exactly one uniform per normal, lognormal, uniform or triangular draw', () => {
    for (const d of CASES.map(([x]) => x).filter((x) =>
      ['normal', 'lognormal', 'uniform', 'triangular'].includes(x.dist),
    )) {
      let calls = 0;
      const rng: Rng = { next: () => (++calls, 0.3), state: () => new Uint32Array(5) };
      sample(d, rng);
      expect(calls).toBe(1);
    }
  });
  it('maps uniforms to normals by inversion (a recorded uniform reproduces the draw)', () => {
    const rng: Rng = { next: () => 0.975, state: () => new Uint32Array(5) };
    expect(sample({ dist: 'normal', mean: 1, sd: 2 }, rng)).toBeCloseTo(1 + 2 * qnorm(0.975), 14);
  });
});

describe('fromInterval', () => {
  it('reads [low, high] as the 10th and 90th percentiles of a normal', () => {
    const d = fromInterval(0.05, 0.2);
    expect(d).toMatchObject({ dist: 'normal', mean: 0.125 });
    expect((d as { sd: number }).sd).toBeCloseTo(0.15 / (2 * Z_P90), 15);
    expect(Z_P90).toBeCloseTo(qnorm(0.9), 15);
    const rng = createStream(3, 0, 'interval');
    let below = 0;
    let above = 0;
    for (let i = 0; i < N; ++i) {
      const x = sample(d, rng);
      if (x < 0.05) ++below;
      if (x > 0.2) ++above;
    }
    expect(below / N).toBeCloseTo(0.1, 2);
    expect(above / N).toBeCloseTo(0.1, 2);
  });
  it('truncates to the valid range', () => {
    expect(fromInterval(0.01, 0.5, 0, 1)).toMatchObject({ min: 0, max: 1 });
  });
});

describe('samplePrepared', () => {
  it('draws what sample draws, bit for bit, from the same uniforms, for every family (returned or written)', () => {
    const cases: readonly Distribution[] = [
      { dist: 'fixed', value: 3.25 },
      { dist: 'uniform', min: -1.5, max: 0.1 },
      { dist: 'normal', mean: 10, sd: 2 },
      { dist: 'normal', mean: 1, sd: 0.5, min: 0.9, max: 1.05 }, // rejects most draws
      { dist: 'normal', mean: 0, sd: 1, min: 50 }, // every draw rejected: the bound
      { dist: 'lognormal', meanlog: 0.1, sdlog: 0.3 },
      { dist: 'beta', alpha: 2.5, beta: 0.4 },
      { dist: 'beta', alpha: 0.3, beta: 7 },
      { dist: 'gamma', shape: 0.35, scale: 3 },
      { dist: 'gamma', shape: 1, scale: 0.5 },
      { dist: 'gamma', shape: 9.5, scale: 0.1 },
      { dist: 'triangular', min: 1, mode: 1.2, max: 2 },
      { dist: 'triangular', min: 1, mode: 1, max: 1 },
      { dist: 'pert', min: 0.8, mode: 1, max: 1.3 },
      { dist: 'pert', min: 5, mode: 5, max: 9 },
      { dist: 'pert', min: 2, mode: 2, max: 2 },
    ];
    const into = new Float64Array(3).fill(-7);
    for (const d of cases) {
      const prepared = prepareDistribution(d);
      const a = createStream(7, 3, JSON.stringify(d));
      const b = createStream(7, 3, JSON.stringify(d));
      const c = createStream(7, 3, JSON.stringify(d));
      for (let i = 0; i < 2000; ++i) {
        const expected = sample(d, a);
        const actual = samplePrepared(prepared, b);
        samplePreparedInto(prepared, c, into, 1);
        if (!Object.is(actual, expected) || !Object.is(into[1], expected))
          expect({ d, i, actual, into: into[1] }).toEqual({
            d,
            i,
            actual: expected,
            into: expected,
          });
      }
      // The same number of uniforms consumed, and only the one value written.
      expect(Array.from(b.state())).toEqual(Array.from(a.state()));
      expect(Array.from(c.state())).toEqual(Array.from(a.state()));
      expect([into[0], into[2]]).toEqual([-7, -7]);
    }
  });

  it('gives the same prepared object for the same distribution object, and equal constants for an equal one', () => {
    const d: Distribution = { dist: 'pert', min: 0.8, mode: 1, max: 1.3 };
    const prepared = prepareDistribution(d);
    expect(prepareDistribution(d)).toBe(prepared);
    const copy = prepareDistribution({ ...d });
    expect(copy).not.toBe(prepared);
    expect(copy).toEqual(prepared);
  });
});

/** The Kolmogorov–Smirnov statistic √n·D of `n` draws against the Beta(alpha, beta) CDF. */
function ksBeta(draws: Float64Array, alpha: number, beta: number): number {
  const x = draws.slice().sort();
  const n = x.length;
  let d = 0;
  for (let i = 0; i < n; ++i) {
    const xi = x[i] ?? NaN;
    const f = betaRegularized(alpha, beta, xi, 1 - xi);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return Math.sqrt(n) * d;
}

/** √n·D above which a KS test rejects at the 0.1 % level (asymptotic Kolmogorov quantile). */
const KS_CRITICAL_001 = 1.949;
/** Draws per KS test. */
const KS_N = 20_000;

describe('beta and PERT draws', () => {
  // Both shapes > 1 (PERT with an inner mode), one shape exactly 1 (PERT with the mode at a
  // bound), and shapes below 1 (the beta family only).
  const SHAPES: readonly [number, number][] = [
    [3, 3],
    [2.6, 3.4],
    [1.5, 1.2],
    [4.5, 1.5],
    [1, 5],
    [5, 1],
    [1, 1],
    [1, 0.7],
    [0.5, 0.5],
    [0.3, 2],
    [4, 0.2],
  ];
  it.each(SHAPES)('Beta(%d, %d) draws pass a KS test against the beta CDF', (alpha, beta) => {
    const rng = createStream(11, 0, `ks/${String(alpha)}/${String(beta)}`);
    const draws = new Float64Array(KS_N);
    for (let i = 0; i < KS_N; ++i) draws[i] = sample({ dist: 'beta', alpha, beta }, rng);
    expect(ksBeta(draws, alpha, beta)).toBeLessThan(KS_CRITICAL_001);
  });

  it.each([
    [0.8, 1, 1.3],
    [0, 0, 2],
    [-1, 3, 3],
  ])(
    'PERT(%d, %d, %d) is min + width·Beta(α, β) (KS test of the rescaled draws)',
    (min, mode, max) => {
      const d: Distribution = { dist: 'pert', min, mode, max };
      const width = max - min;
      const alpha = 1 + (4 * (mode - min)) / width;
      const beta = 1 + (4 * (max - mode)) / width;
      const prepared = prepareDistribution(d);
      const rng = createStream(12, 0, JSON.stringify(d));
      const draws = new Float64Array(KS_N);
      for (let i = 0; i < KS_N; ++i) draws[i] = (samplePrepared(prepared, rng) - min) / width;
      expect(ksBeta(draws, alpha, beta)).toBeLessThan(KS_CRITICAL_001);
    },
  );

  it('keeps draws inside [min, max] and [0, 1], also for extreme shapes', () => {
    const cases: readonly Distribution[] = [
      { dist: 'pert', min: 0, mode: 0, max: 1 },
      { dist: 'pert', min: 0, mode: 1, max: 1 },
      { dist: 'pert', min: 100, mode: 100.1, max: 130 },
      { dist: 'beta', alpha: 0.05, beta: 0.05 },
      { dist: 'beta', alpha: 0.005, beta: 3 },
      { dist: 'beta', alpha: 3, beta: 0.005 },
      { dist: 'beta', alpha: 200, beta: 1.01 },
    ];
    for (const d of cases) {
      const lo = d.dist === 'pert' ? d.min : 0;
      const hi = d.dist === 'pert' ? d.max : 1;
      const rng = createStream(13, 0, JSON.stringify(d));
      let inside = 0;
      for (let i = 0; i < 50_000; ++i) {
        const x = sample(d, rng);
        if (x >= lo && x <= hi) ++inside;
      }
      expect({ d, inside }).toEqual({ d, inside: 50_000 });
    }
  });
});
