/**
 * Crude rates with exact Poisson limits below 10 events and Byar's limits from 10.
 * Method: Garwood (1936) exact limits and Byar's approximation (Breslow & Day 1987), as
 * PHEindicatormethods `phe_rate`.
 */
import { byarsLower, byarsUpper } from './byars.js';
import { type EstimateColumns, ratioEstimates } from './confidence.js';
import { exactPoissonLower, exactPoissonUpper } from './exact-poisson.js';

/** Counts below this use exact Poisson limits, counts at or above it Byar's (PHE convention). */
export const EXACT_BELOW = 10;

/** Options of {@link crudeRate}. */
export interface RateOptions {
  /** Confidence levels in percent (90–99.99). */
  readonly levels: readonly number[];
  /** Rate per this many of the denominator, e.g. 100000. */
  readonly multiplier: number;
}

/** The method PHE names for a count's limits: `"Exact"` below 10, `"Byars"` from 10. */
export function poissonMethod(observed: number): 'Exact' | 'Byars' {
  return observed < EXACT_BELOW ? 'Exact' : 'Byars';
}

/**
 * Lower and upper Poisson limits of a count, exact below 10 and Byar's from 10.
 * @param observed - the count O, ≥ 0
 * @param level - confidence level in percent
 * @param z - zForConfidence(level), passed so that loops compute it once
 */
export function poissonLimits(observed: number, level: number, z: number): [number, number] {
  return observed < EXACT_BELOW
    ? [exactPoissonLower(observed, level), exactPoissonUpper(observed, level)]
    : [byarsLower(observed, z), byarsUpper(observed, z)];
}

/**
 * Crude rates x/n × multiplier with Poisson limits divided by n, one per element.
 * A numerator above the denominator is allowed. A missing value (NaN), a negative numerator
 * or a denominator ≤ 0 gives NaN for that element.
 * @param numerator - event counts x
 * @param denominator - populations n, same length
 * @param options - levels and multiplier
 */
export function crudeRate(
  numerator: Float64Array,
  denominator: Float64Array,
  options: RateOptions,
): EstimateColumns {
  return ratioEstimates(
    numerator,
    denominator,
    options.levels,
    options.multiplier,
    (x, n) => n > 0 && x >= 0,
    (x, n, level, z) => {
      const [lower, upper] = poissonLimits(x, level, z);
      return [lower / n, upper / n];
    },
  );
}
