/**
 * Means with Student-t confidence limits: mean ± t(1 − α/2, n − 1)·sd/√n.
 * Method: Student (1908), as PHEindicatormethods `phe_mean`.
 */
import { type ConfidenceLimits, lowerTailProbability } from './confidence.js';
import { qt } from './qt.js';

/** A mean with its sum, count, standard deviation and limits. */
export interface MeanEstimate {
  /** Σ values. */
  readonly sum: number;
  /** Number of values. */
  readonly count: number;
  /** Sample standard deviation (divisor n − 1); NaN for fewer than 2 values. */
  readonly sd: number;
  /** The mean; NaN when there are no values or any is missing. */
  readonly value: number;
  /** Student-t limits per level; NaN for fewer than 2 values. */
  readonly limits: readonly ConfidenceLimits[];
}

/**
 * The mean of `values` with Student-t limits. A missing value (NaN) makes the result NaN, as
 * R's `mean()` does. Two passes (mean, then squared deviations) keep the variance accurate.
 * @param values - the observations of one group
 * @param levels - confidence levels in percent
 */
export function meanCi(values: Float64Array, levels: readonly number[]): MeanEstimate {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; ++i) sum += values[i]!;
  const mean = n > 0 ? sum / n : NaN;
  let squares = 0;
  for (let i = 0; i < n; ++i) squares += (values[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  const halfWidth = (level: number): number =>
    qt(1 - lowerTailProbability(level), n - 1) * (sd / Math.sqrt(n));
  return {
    sum,
    count: n,
    sd,
    value: mean,
    limits: levels.map((level) => {
      const h = n > 1 ? halfWidth(level) : NaN;
      return { level, lower: mean - h, upper: mean + h };
    }),
  };
}
