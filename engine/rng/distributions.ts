/**
 * Probability distributions for uncertain parameters, sampled from a seeded stream. Each
 * sampler uses a fixed, documented number of uniforms except the gamma family (rejection),
 * so a stream's consumption is reproducible.
 */
import { qnorm } from '../stats/qnorm.js';
import type { Rng } from './stream.js';

/** z of the 90th percentile of N(0,1): qnorm(0.9), used by the `[low, high]` 80 % shorthand. */
export const Z_P90 = 1.2815515655446004;
/** Attempts of rejection sampling before a truncated draw falls back to the nearest bound. */
const MAX_REJECTIONS = 1000;

/** A distribution of an uncertain value, as written in scenarios (after resolution). */
export type Distribution =
  | { readonly dist: 'fixed'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | {
      readonly dist: 'normal';
      readonly mean: number;
      readonly sd: number;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly dist: 'lognormal'; readonly meanlog: number; readonly sdlog: number }
  | { readonly dist: 'beta'; readonly alpha: number; readonly beta: number }
  | { readonly dist: 'gamma'; readonly shape: number; readonly scale: number }
  | {
      readonly dist: 'triangular';
      readonly min: number;
      readonly mode: number;
      readonly max: number;
    }
  | { readonly dist: 'pert'; readonly min: number; readonly mode: number; readonly max: number };

/** The name of every distribution family. */
export const DISTRIBUTION_NAMES = [
  'fixed',
  'uniform',
  'normal',
  'lognormal',
  'beta',
  'gamma',
  'triangular',
  'pert',
] as const;

/**
 * The uniform a normal deviate inverts in place of 0: next() may return exactly 0, and
 * qnorm(0) = −∞, so it is nudged to half the smallest step of the generator. @internal
 */
export const LEAST_UNIFORM = 2 ** -33;

/**
 * The squeeze constant of Marsaglia & Tsang's gamma sampler: a candidate is accepted at once
 * when u < 1 − 0.0331·x⁴ (their paper, section 4). @internal
 */
export const GAMMA_SQUEEZE = 0.0331;

/** A standard normal deviate by inversion (one uniform). */
export function standardNormal(rng: Rng): number {
  let u = rng.next();
  // Set by branch: a conditional expression of a constant would box the merged number.
  if (u === 0) u = LEAST_UNIFORM;
  return qnorm(u);
}

/**
 * Gamma(shape, 1) deviate.
 * Method: Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3); for shape < 1 the boost Gamma(a) = Gamma(a + 1)·U^(1/a).
 */
export function standardGamma(shape: number, rng: Rng): number {
  return gammaFrom(gammaConstants(shape), rng);
}

/**
 * The constants of Marsaglia & Tsang's Gamma(shape, 1) sampler, computed once: d = shape′ − 1/3
 * and c = 1/√(9d) for shape′ = shape (shape ≥ 1) or shape + 1 (shape < 1, then boosted by
 * U^(1/shape)).
 */
export interface GammaConstants {
  readonly d: number;
  readonly c: number;
  /** 1/shape when shape < 1 (the boost's exponent), else 0 (no boost). */
  readonly boost: number;
}

/** The constants of `standardGamma(shape, ·)`. */
export function gammaConstants(shape: number): GammaConstants {
  const boosted = shape < 1 ? shape + 1 : shape;
  const d = boosted - 1 / 3;
  return { d, c: 1 / Math.sqrt(9 * d), boost: shape < 1 ? 1 / shape : 0 };
}

/** A Gamma(shape, 1) deviate from precomputed constants (the same draws as `standardGamma`). */
export function gammaFrom(k: GammaConstants, rng: Rng): number {
  gammaInto(k, rng);
  return gammaOut[0]!;
}

/**
 * Where `gammaInto` writes its deviate: a number returned from a call V8 does not inline is
 * boxed (an allocation per deviate), one written to a typed array is not.
 */
const gammaOut = new Float64Array(1);

/** `gammaFrom(k, rng)`, written to `gammaOut[0]`. */
function gammaInto(k: GammaConstants, rng: Rng): void {
  const { d, c } = k;
  let g: number;
  for (;;) {
    const x = standardNormal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.next();
    if (
      u < 1 - GAMMA_SQUEEZE * x * x * x * x ||
      Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))
    ) {
      g = d * v;
      break;
    }
  }
  // Stored by branch (a conditional expression would box the merged number).
  if (k.boost === 0) gammaOut[0] = g;
  else gammaOut[0] = g * Math.pow(rng.next(), k.boost);
}

/** Beta(alpha, beta) deviate as X/(X+Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function betaDeviate(alpha: number, beta: number, rng: Rng): number {
  const x = standardGamma(alpha, rng);
  const y = standardGamma(beta, rng);
  return x / (x + y);
}

/** Draws one value of `d` from `rng`. */
export function sample(d: Distribution, rng: Rng): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'normal': {
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      for (let i = 0; i < MAX_REJECTIONS; ++i) {
        const x = d.mean + d.sd * standardNormal(rng);
        if (x >= lo && x <= hi) return x;
      }
      return Math.min(hi, Math.max(lo, d.mean));
    }
    case 'lognormal':
      return Math.exp(d.meanlog + d.sdlog * standardNormal(rng));
    case 'beta':
      return betaDeviate(d.alpha, d.beta, rng);
    case 'gamma':
      return standardGamma(d.shape, rng) * d.scale;
    case 'triangular': {
      // Inverse CDF of the triangular distribution.
      const u = rng.next();
      const width = d.max - d.min;
      if (width === 0) return d.min;
      const f = (d.mode - d.min) / width;
      return u < f
        ? d.min + Math.sqrt(u * width * (d.mode - d.min))
        : d.max - Math.sqrt((1 - u) * width * (d.max - d.mode));
    }
    case 'pert': {
      // PERT: min + (max − min)·Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
      const width = d.max - d.min;
      if (width === 0) return d.min;
      const a = 1 + (4 * (d.mode - d.min)) / width;
      const b = 1 + (4 * (d.max - d.mode)) / width;
      return d.min + width * betaDeviate(a, b, rng);
    }
  }
}

/**
 * Numeric codes of the distribution families for `samplePrepared`'s switch: comparing small
 * integers costs nothing, while a family name read from a scenario or a JSON file is not an
 * interned string, so a switch on it compares strings character by character.
 */
const KIND = {
  fixed: 0,
  uniform: 1,
  normal: 2,
  lognormal: 3,
  beta: 4,
  gamma: 5,
  triangular: 6,
  pert: 7,
} as const satisfies Record<Distribution['dist'], number>;

/**
 * A distribution with the constants its sampler needs computed once, in one object shape for
 * every family (so a loop over many parameters reads them without a lookup by shape).
 * `samplePrepared(prepareDistribution(d), rng)` draws exactly what `sample(d, rng)` draws.
 */
export interface PreparedDistribution {
  readonly dist: Distribution['dist'];
  /** `dist` as a small integer (what `samplePrepared` switches on). */
  readonly kind: (typeof KIND)[Distribution['dist']];
  /** Location: value, min, mean or meanlog. */
  readonly a: number;
  /** Scale: max − min, sd, sdlog, or the gamma scale. */
  readonly b: number;
  /** Truncation bounds of a normal (±∞ when absent); mode and max of a triangular. */
  readonly lo: number;
  readonly hi: number;
  /** The gamma constants (of alpha for beta and PERT). */
  readonly g1: GammaConstants;
  /** The gamma constants of beta's second shape (beta and PERT). */
  readonly g2: GammaConstants;
}

const NO_GAMMA: GammaConstants = { d: 0, c: 0, boost: 0 };

/** A prepared distribution of family `dist` with the given constants (the rest neutral). */
function prepared(
  dist: Distribution['dist'],
  constants: Partial<Omit<PreparedDistribution, 'dist' | 'kind'>>,
): PreparedDistribution {
  return {
    dist,
    kind: KIND[dist],
    a: constants.a ?? 0,
    b: constants.b ?? 0,
    lo: constants.lo ?? -Infinity,
    hi: constants.hi ?? Infinity,
    g1: constants.g1 ?? NO_GAMMA,
    g2: constants.g2 ?? NO_GAMMA,
  };
}

/**
 * Each distribution's prepared form, by the distribution object: the reference data's
 * distributions are the same objects in every area a thread prepares (a run of every area
 * prepares each about 300 times), and a distribution is never changed once read, so its constants
 * are computed, and its prepared object allocated, once per thread.
 */
const preparedOf = new WeakMap<Distribution, PreparedDistribution>();

/** Computes the constants of `d`'s sampler once (see `samplePrepared`); the same object for the same `d`. */
export function prepareDistribution(d: Distribution): PreparedDistribution {
  let p = preparedOf.get(d);
  if (p === undefined) {
    p = preparedConstants(d);
    preparedOf.set(d, p);
  }
  return p;
}

/** The prepared form of `d`, computed. */
function preparedConstants(d: Distribution): PreparedDistribution {
  switch (d.dist) {
    case 'fixed':
      return prepared('fixed', { a: d.value });
    case 'uniform':
      return prepared('uniform', { a: d.min, b: d.max - d.min });
    case 'normal':
      return prepared('normal', {
        a: d.mean,
        b: d.sd,
        lo: d.min ?? -Infinity,
        hi: d.max ?? Infinity,
      });
    case 'lognormal':
      return prepared('lognormal', { a: d.meanlog, b: d.sdlog });
    case 'beta':
      return prepared('beta', { g1: gammaConstants(d.alpha), g2: gammaConstants(d.beta) });
    case 'gamma':
      return prepared('gamma', { b: d.scale, g1: gammaConstants(d.shape) });
    case 'triangular':
      return prepared('triangular', { a: d.min, lo: d.mode, hi: d.max });
    case 'pert': {
      const width = d.max - d.min;
      if (width === 0) return prepared('fixed', { a: d.min });
      const alpha = 1 + (4 * (d.mode - d.min)) / width;
      const beta = 1 + (4 * (d.max - d.mode)) / width;
      return prepared('pert', {
        a: d.min,
        b: width,
        g1: gammaConstants(alpha),
        g2: gammaConstants(beta),
      });
    }
  }
}

/** Draws one value of a prepared distribution: the same value, from the same uniforms, as `sample`. */
export function samplePrepared(p: PreparedDistribution, rng: Rng): number {
  samplePreparedInto(p, rng, sampleOut, 0);
  return sampleOut[0]!;
}

/** Where `samplePrepared` has its value written. */
const sampleOut = new Float64Array(1);

/**
 * `out[at] = samplePrepared(p, rng)`: the value written rather than returned, so that a caller
 * filling a Float64Array allocates nothing (a number returned from a call V8 does not inline is
 * boxed).
 */
export function samplePreparedInto(
  p: PreparedDistribution,
  rng: Rng,
  out: Float64Array,
  at: number,
): void {
  switch (p.kind) {
    case KIND.fixed:
      out[at] = p.a;
      return;
    case KIND.uniform:
      out[at] = p.a + p.b * rng.next();
      return;
    case KIND.normal: {
      for (let i = 0; i < MAX_REJECTIONS; ++i) {
        const x = p.a + p.b * standardNormal(rng);
        if (x >= p.lo && x <= p.hi) {
          out[at] = x;
          return;
        }
      }
      out[at] = Math.min(p.hi, Math.max(p.lo, p.a));
      return;
    }
    case KIND.lognormal:
      out[at] = Math.exp(p.a + p.b * standardNormal(rng));
      return;
    case KIND.beta: {
      gammaInto(p.g1, rng);
      const x = gammaOut[0]!;
      gammaInto(p.g2, rng);
      out[at] = x / (x + gammaOut[0]!);
      return;
    }
    case KIND.gamma:
      gammaInto(p.g1, rng);
      out[at] = gammaOut[0]! * p.b;
      return;
    case KIND.triangular: {
      // The same arithmetic, in the same order, as `sample`.
      const u = rng.next();
      const min = p.a;
      const mode = p.lo;
      const max = p.hi;
      const width = max - min;
      if (width === 0) {
        out[at] = min;
        return;
      }
      const f = (mode - min) / width;
      if (u < f) out[at] = min + Math.sqrt(u * width * (mode - min));
      else out[at] = max - Math.sqrt((1 - u) * width * (max - mode));
      return;
    }
    case KIND.pert: {
      gammaInto(p.g1, rng);
      const x = gammaOut[0]!;
      gammaInto(p.g2, rng);
      out[at] = p.a + p.b * (x / (x + gammaOut[0]!));
      return;
    }
  }
}

/** The mean of `d` (analytic; for a truncated normal, the untruncated mean). */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.meanlog + (d.sdlog * d.sdlog) / 2);
    case 'beta':
      return d.alpha / (d.alpha + d.beta);
    case 'gamma':
      return d.shape * d.scale;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'pert':
      return (d.min + 4 * d.mode + d.max) / 6;
  }
}

/**
 * The `[low, high]` shorthand: an 80 % interval, read as a normal distribution whose 10th and
 * 90th percentiles are `low` and `high`, truncated to the parameter's valid range.
 */
export function fromInterval(low: number, high: number, min?: number, max?: number): Distribution {
  const sd = (high - low) / (2 * Z_P90);
  const base = { dist: 'normal' as const, mean: (low + high) / 2, sd };
  return {
    ...base,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}
