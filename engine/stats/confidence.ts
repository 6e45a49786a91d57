/**
 * Shared shapes and helpers for confidence limits: the levels PHE allows (90–99.99 %) and the
 * per-level result records every indicator method returns.
 * Reference: PHEindicatormethods (ukhsa-collaboration), `confidence` argument conventions.
 */

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
