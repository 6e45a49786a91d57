/**
 * Anchoring projections to what has happened. An exercise round reveals one year of one drawn
 * replicate as what actually occurred; every replicate's trajectory is then tied to that
 * realised path, so the years that have happened have no spread and later years keep each
 * replicate's own growth from the last realised year.
 *
 * Two kinds of metric are anchored differently:
 * - a level (counts, people, money, capacity units) keeps its relative growth: replicate r's
 *   value in year y > k becomes v_r(y) · R_k / v_r(k), R_k the realised value of year k;
 * - a rate or a number of years (life expectancy, SII and gap, rates per 100,000, shares) keeps
 *   its absolute change: v_r(y) + R_k − v_r(k).
 * Where a level's v_r(k) is 0 the ratio is undefined and the shift is used instead. Years up to
 * k are the realised values exactly.
 *
 * The realised value of year k itself comes from the drawn replicate r*, anchored the same way
 * to year k − 1: R_k = v_{r*}(k) · R_{k−1} / v_{r*}(k−1) (a level) or v_{r*}(k) + R_{k−1} −
 * v_{r*}(k−1) (a rate), so the realised path is a chain of one-year changes drawn from the model.
 */
import type { MetricUnit } from '../registry/metrics.js';

/** How a metric is anchored: by its ratio (a level) or its difference (a rate or years). */
export type AnchorKind = 'level' | 'rate';

/** Units anchored by difference: years of life, rates and shares; every other unit is a level. */
const RATE_UNITS: ReadonlySet<MetricUnit> = new Set<MetricUnit>([
  'years',
  'per 100,000 (ESP2013)',
  '% of list',
  'probability',
]);

/** The anchoring of a metric of unit `unit`. */
export function anchorKindOf(unit: MetricUnit): AnchorKind {
  return RATE_UNITS.has(unit) ? 'rate' : 'level';
}

/**
 * `value` moved the way `from` moved to `to`: `anchor · to / from` for a level (the shift
 * `anchor + to − from` where `from` is 0), `anchor + to − from` for a rate.
 */
export function anchorStep(kind: AnchorKind, anchor: number, from: number, to: number): number {
  if (kind === 'level' && from !== 0) return anchor * (to / from);
  return anchor + (to - from);
}

/**
 * The realised value of year k from the drawn replicate's values in years k − 1 and k and the
 * realised value of year k − 1 (see the module's description).
 */
export function realisedValue(
  kind: AnchorKind,
  previousRealised: number,
  drawnPrevious: number,
  drawn: number,
): number {
  return anchorStep(kind, previousRealised, drawnPrevious, drawn);
}

/**
 * Anchors every replicate of one metric in place to a realised path.
 * @param values - replicate-major values of the metric, `values[r · years + j]` for year index j
 *   (0 = the base year)
 * @param replicates - number of replicates
 * @param years - years per replicate (horizon + 1)
 * @param realised - realised values of years 0 … k (its length − 1 is k, the last realised year)
 * @param kind - level or rate
 */
export function anchorReplicates(
  values: Float64Array,
  replicates: number,
  years: number,
  realised: Float64Array,
  kind: AnchorKind,
): void {
  const k = realised.length - 1;
  if (k < 0 || k >= years)
    throw new RangeError(`anchor: expected 1 to ${years} realised years, found ${k + 1}`);
  for (let r = 0; r < replicates; ++r) {
    const row = r * years;
    const atK = values[row + k] ?? NaN;
    const target = realised[k] ?? NaN;
    for (let j = k + 1; j < years; ++j)
      values[row + j] = anchorStep(kind, target, atK, values[row + j] ?? NaN);
    for (let j = 0; j <= k; ++j) values[row + j] = realised[j] ?? NaN;
  }
}
