/**
 * Shared shapes and helpers for confidence limits: the levels PHE allows (90–99.99 %) and the
 * per-level result records every indicator method returns.
 * Reference: PHEindicatormethods (ukhsa-collaboration), `confidence` argument conventions.
 */
import { zForConfidence } from './qnorm.js';

/** Lowest confidence level accepted, in percent (PHEindicatormethods rejects levels below 90). */
export const MIN_CONFIDENCE_LEVEL = 90;

/** Highest confidence level accepted, in percent (issue 4: "any level between 90 and 99.99"). */
export const MAX_CONFIDENCE_LEVEL = 99.99;

/** Whether `level` (percent) is one the methods accept: 90 ≤ level ≤ 99.99. */
export function isConfidenceLevel(level: number): boolean {
  return level >= MIN_CONFIDENCE_LEVEL && level <= MAX_CONFIDENCE_LEVEL;
}

/**
 * Lower-tail probability α/2 of a two-sided level, computed as R computes `(1 − confidence)/2`
 * so that exact limits agree with PHEindicatormethods to the last bit.
 * @param level - confidence level in percent, e.g. 95
 */
export function lowerTailProbability(level: number): number {
  return (1 - level / 100) / 2;
}

/** Lower and upper limits of one estimate at one confidence level (percent). */
export interface ConfidenceLimits {
  /** Confidence level in percent, e.g. 95 or 99.8. */
  readonly level: number;
  /** Lower limit, in the units of the value; NaN when suppressed. */
  readonly lower: number;
  /** Upper limit, in the units of the value; NaN when suppressed. */
  readonly upper: number;
}

/** One estimate with its limits at each requested level. */
export interface Estimate {
  /** The estimate; NaN when suppressed. */
  readonly value: number;
  /** Limits, one entry per requested level, in request order. */
  readonly limits: readonly ConfidenceLimits[];
}

/** Limits of many estimates at one confidence level, as columns. */
export interface LimitColumns {
  /** Confidence level in percent. */
  readonly level: number;
  /** Lower limits (NaN when suppressed). */
  readonly lower: Float64Array;
  /** Upper limits (NaN when suppressed). */
  readonly upper: Float64Array;
}

/** Many estimates with their limits, as columns of equal length. */
export interface EstimateColumns {
  /** The estimates (NaN when suppressed). */
  readonly value: Float64Array;
  /** Limit columns, one entry per requested level, in request order. */
  readonly limits: readonly LimitColumns[];
}

/**
 * Allocates NaN-filled estimate columns of length `n` for `levels`.
 * @param n - number of estimates
 * @param levels - confidence levels in percent
 */
export function allocateEstimateColumns(n: number, levels: readonly number[]): EstimateColumns {
  return {
    value: new Float64Array(n).fill(NaN),
    limits: levels.map((level) => ({
      level,
      lower: new Float64Array(n).fill(NaN),
      upper: new Float64Array(n).fill(NaN),
    })),
  };
}

/** Limits of one ratio x/n at one level, as a proportion or rate of 1 (before the multiplier). */
export type RatioLimits = (x: number, n: number, level: number, z: number) => [number, number];

/**
 * Element-wise ratios x/n × multiplier with limits from `limits`, scaled like the value; an
 * element where `valid(x, n)` is false stays NaN. Shared by proportions and crude rates.
 * @param numerator - x per element
 * @param denominator - n per element
 * @param levels - confidence levels in percent
 * @param multiplier - scale of value and limits
 * @param valid - whether an element can be computed
 * @param limits - the limits of x/n at a level
 */
export function ratioEstimates(
  numerator: Float64Array,
  denominator: Float64Array,
  levels: readonly number[],
  multiplier: number,
  valid: (x: number, n: number) => boolean,
  limits: RatioLimits,
): EstimateColumns {
  const count = numerator.length;
  const out = allocateEstimateColumns(count, levels);
  const zs = levels.map(zForConfidence);
  for (let i = 0; i < count; ++i) {
    const x = numerator[i]!;
    const n = denominator[i]!;
    if (!valid(x, n)) continue;
    out.value[i] = (x / n) * multiplier;
    for (let j = 0; j < zs.length; ++j) {
      const columns = out.limits[j]!;
      const [lower, upper] = limits(x, n, columns.level, zs[j]!);
      columns.lower[i] = lower * multiplier;
      columns.upper[i] = upper * multiplier;
    }
  }
  return out;
}
