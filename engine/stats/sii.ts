/**
 * Slope and relative index of inequality with confidence limits by simulation.
 * Method: Low A & Low A. Measuring the gap: quantifying and comparing local health
 * inequalities. J Public Health 2004;26:388-395 (weighted regression on population mid-ranks),
 * with the simulated limits, log/logit transforms and multiplier of PHEindicatormethods
 * `phe_sii`.
 */
import { qnorm } from './qnorm.js';

/** 0 = plain value, 1 = rate (log transform), 2 = proportion (logit transform). */
export type SiiValueType = 0 | 1 | 2;

/** Default number of simulated repetitions (PHEindicatormethods). */
export const SII_DEFAULT_REPETITIONS = 100_000;

/** Per-quantile input of one group, quantiles in order (1 = most deprived first). */
export interface SiiInput {
  /** Population of each quantile, > 0. */
  readonly pops: Float64Array;
  /** Indicator value of each quantile (on its natural scale). */
  readonly values: Float64Array;
  /** Standard error of each value on the transformed scale, if given. */
  readonly se?: Float64Array;
  /** 95 % lower limits of the values (natural scale), used when `se` is absent. */
  readonly lower?: Float64Array;
  /** 95 % upper limits of the values (natural scale), used when `se` is absent. */
  readonly upper?: Float64Array;
}

/** Options of {@link sii}. */
export interface SiiOptions {
  /** Confidence levels in percent (90–99.99). */
  readonly levels: readonly number[];
  /** How the value is transformed for sampling; default 0 (none). */
  readonly valueType: SiiValueType;
  /** Whether the regression runs on the transformed scale (valueType 1 or 2 only). */
  readonly transform: boolean;
  /**
   * Scales the SII and its limits (swapped when negative); a negative multiplier inverts the
   * RII. The intercept is not scaled.
   */
  readonly multiplier: number;
  /** Number of simulated repetitions R, ≥ 1. */
  readonly repetitions: number;
  /** Uniform [0, 1) source, e.g. `seedrandom.alea(String(seed))`; drawn R × quantiles times. */
  readonly random: () => number;
  /** Whether to simulate the RII limits too (the RII value is always computed). */
  readonly rii: boolean;
}

/** Limits of the SII and RII at one level. */
export interface SiiLimits {
  /** Confidence level in percent. */
  readonly level: number;
  readonly siiLower: number;
  readonly siiUpper: number;
  /** NaN when RII limits were not requested. */
  readonly riiLower: number;
  /** NaN when RII limits were not requested. */
  readonly riiUpper: number;
}

/** SII and RII of one group. */
export interface SiiEstimate {
  /** Slope index of inequality × multiplier. */
  readonly sii: number;
  /** Relative index of inequality (inverted when the multiplier is negative). */
  readonly rii: number;
  /**
   * Fitted value at rank 0 (the bottom of the ranking) on the indicator's own scale: never
   * multiplied, so it keeps its sign whatever the multiplier (PHEindicatormethods `phe_sii`
   * multiplies only the SII and its limits).
   */
  readonly intercept: number;
  /** Simulated limits per level. */
  readonly limits: readonly SiiLimits[];
}

/** g: the transform of the value type (identity, log, logit). */
function forward(valueType: SiiValueType, v: number): number {
  return valueType === 1 ? Math.log(v) : valueType === 2 ? Math.log(v / (1 - v)) : v;
}

/** g⁻¹: the back-transform (identity, exp, expit). */
function backward(valueType: SiiValueType, v: number): number {
  if (valueType === 1) return Math.exp(v);
  if (valueType === 2) return Math.exp(v) / (1 + Math.exp(v));
  return v;
}

/** R's `round()`: to the nearest integer, halves to even (IEC 60559). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * 1-based positions in the sorted simulations of the lower and upper limits at `level`:
 * round(R·α/2) and round(R·(1 − α/2)), with 1 − α/2 computed as R computes
 * `confidence + (1 − confidence)/2`.
 */
export function simulationPositions(repetitions: number, level: number): [number, number] {
  const c = level / 100;
  const upper = c + (1 - c) / 2;
  const lo = Math.max(1, roundHalfEven(repetitions * (1 - upper)));
  const hi = Math.min(repetitions, Math.max(1, roundHalfEven(repetitions * upper)));
  return [lo, hi];
}

/** Standard normal deviate by inversion; a uniform of exactly 0 is redrawn. */
function normalDeviate(random: () => number): number {
  let u = random();
  while (u === 0) u = random();
  return qnorm(u);
}

/**
 * The SII and RII of one group, with limits by simulating each quantile's value from
 * N(value, se) on the transformed scale R times and refitting.
 *
 * Regression: weighted least squares of √a·y on [√a, b·√a] without intercept, with aᵢ the
 * population share and bᵢ the mid-point of its cumulative share; SII = slope,
 * RII = (intercept + slope)/intercept. With `transform` (value types 1, 2) the regression runs
 * on g(y) and SII = g⁻¹(int + slope) − g⁻¹(int), RII = g⁻¹(int + slope)/g⁻¹(int).
 * The se is (U − L)/(2·qnorm(0.975)) on the transformed scale unless given.
 * A group with a missing value, se or limit gives NaN throughout.
 * @param input - the group's quantiles, in order
 * @param options - transform, multiplier, repetitions, levels and random source
 */
export function sii(input: SiiInput, options: SiiOptions): SiiEstimate {
  const { valueType, multiplier, repetitions, random } = options;
  const transform = options.transform && valueType !== 0;
  const n = input.pops.length;
  // Design: sqrtA = √a, bSqrtA = b·√a; H = (XᵀX)⁻¹Xᵀ gives [int, slope] = H·(√a ∘ y).
  let total = 0;
  for (let i = 0; i < n; ++i) total += input.pops[i]!;
  const sqrtA = new Float64Array(n);
  const bSqrtA = new Float64Array(n);
  let cumulative = 0;
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  for (let i = 0; i < n; ++i) {
    const a = input.pops[i]! / total;
    const b = cumulative + a / 2;
    cumulative += a;
    sqrtA[i] = Math.sqrt(a);
    bSqrtA[i] = b * sqrtA[i]!;
    s11 += a;
    s12 += a * b;
    s22 += a * b * b;
  }
  const det = s11 * s22 - s12 * s12;
  // Weights applied to yᵢ directly: int = Σ hInt[i]·yᵢ, slope = Σ hSlope[i]·yᵢ.
  const hInt = new Float64Array(n);
  const hSlope = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    hInt[i] = ((s22 * sqrtA[i]! - s12 * bSqrtA[i]!) * sqrtA[i]!) / det;
    hSlope[i] = ((s11 * bSqrtA[i]! - s12 * sqrtA[i]!) * sqrtA[i]!) / det;
  }
  // Means and standard errors on the transformed scale.
  const zSe = 2 * qnorm(0.975);
  const mean = new Float64Array(n);
  const se = new Float64Array(n);
  let valid = n >= 2 && det > 0;
  for (let i = 0; i < n; ++i) {
    const v = input.values[i]!;
    mean[i] = forward(valueType, v);
    se[i] = input.se
      ? input.se[i]!
      : (forward(valueType, input.upper?.[i] ?? NaN) -
          forward(valueType, input.lower?.[i] ?? NaN)) /
        zSe;
    if (!(Number.isFinite(mean[i]!) && se[i]! >= 0)) valid = false;
  }
  if (!valid) {
    const nan = options.levels.map((level) => ({
      level,
      siiLower: NaN,
      siiUpper: NaN,
      riiLower: NaN,
      riiUpper: NaN,
    }));
    return { sii: NaN, rii: NaN, intercept: NaN, limits: nan };
  }
  const invert = multiplier < 0;
  // The three statistics from a fitted [int, slope] on the regression's scale.
  const siiOf = (int: number, slope: number): number =>
    transform
      ? multiplier * (backward(valueType, int + slope) - backward(valueType, int))
      : multiplier * slope;
  const riiOf = (int: number, slope: number): number => {
    const r = transform
      ? backward(valueType, int + slope) / backward(valueType, int)
      : (int + slope) / int;
    return invert ? 1 / r : r;
  };
  // Point estimate: regression on the values (transform: on g(value)).
  let int0 = 0;
  let slope0 = 0;
  for (let i = 0; i < n; ++i) {
    const y = transform ? mean[i]! : input.values[i]!;
    int0 += hInt[i]! * y;
    slope0 += hSlope[i]! * y;
  }
  // Simulation: R draws of every quantile, back-transformed unless the fit is on g's scale.
  const sims = new Float64Array(repetitions);
  const riiSims = options.rii ? new Float64Array(repetitions) : undefined;
  const backTransform = !transform && valueType !== 0;
  for (let r = 0; r < repetitions; ++r) {
    let int = 0;
    let slope = 0;
    for (let i = 0; i < n; ++i) {
      let y = mean[i]! + se[i]! * normalDeviate(random);
      if (backTransform) y = backward(valueType, y);
      int += hInt[i]! * y;
      slope += hSlope[i]! * y;
    }
    sims[r] = siiOf(int, slope);
    if (riiSims) riiSims[r] = riiOf(int, slope);
  }
  sims.sort();
  riiSims?.sort();
  return {
    sii: siiOf(int0, slope0),
    rii: riiOf(int0, slope0),
    intercept: transform ? backward(valueType, int0) : int0,
    limits: options.levels.map((level) => {
      const [lo, hi] = simulationPositions(repetitions, level);
      return {
        level,
        siiLower: sims[lo - 1]!,
        siiUpper: sims[hi - 1]!,
        riiLower: riiSims ? riiSims[lo - 1]! : NaN,
        riiUpper: riiSims ? riiSims[hi - 1]! : NaN,
      };
    }),
  };
}
