/**
 * Proportions with Wilson score confidence limits.
 * Method: Wilson (1927) score interval, as PHEindicatormethods `phe_proportion`.
 */
import { allocateEstimateColumns, type EstimateColumns } from './confidence.js';
import { zForConfidence } from './qnorm.js';
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
  const n = numerator.length;
  const out = allocateEstimateColumns(n, options.levels);
  const m = options.multiplier;
  const zs = options.levels.map(zForConfidence);
  for (let i = 0; i < n; ++i) {
    const x = numerator[i]!;
    const d = denominator[i]!;
    if (!(d > 0 && x >= 0 && x <= d)) continue;
    out.value[i] = (x / d) * m;
    for (let j = 0; j < zs.length; ++j) {
      const limits = out.limits[j]!;
      limits.lower[i] = wilsonLower(x, d, zs[j]!) * m;
      limits.upper[i] = wilsonUpper(x, d, zs[j]!) * m;
    }
  }
  return out;
}
