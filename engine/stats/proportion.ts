/**
 * Proportions with Wilson score confidence limits.
 * Method: Wilson (1927) score interval, as PHEindicatormethods `phe_proportion`.
 */
import { type EstimateColumns, ratioEstimates } from './confidence.js';
import { wilsonLower, wilsonUpper } from './wilson.js';

/** Options of {@link proportion}. */
export interface ProportionOptions {
  /** Confidence levels in percent (90–99.99). */
  readonly levels: readonly number[];
  /** 1 for a proportion of 1, 100 for a percentage. */
  readonly multiplier: number;
}

/**
 * Proportions x/n × multiplier with Wilson limits, one per element.
 * A missing numerator or denominator (NaN), a denominator ≤ 0 or a numerator outside [0, n]
 * gives NaN for that element (callers reject the last as invalid input).
 * @param numerator - counts x
 * @param denominator - counts n, same length
 * @param options - levels and multiplier
 */
export function proportion(
  numerator: Float64Array,
  denominator: Float64Array,
  options: ProportionOptions,
): EstimateColumns {
  return ratioEstimates(
    numerator,
    denominator,
    options.levels,
    options.multiplier,
    (x, n) => n > 0 && x >= 0 && x <= n,
    (x, n, _level, z) => [wilsonLower(x, n, z), wilsonUpper(x, n, z)],
  );
}
