/**
 * Age curve of prevalence on the logit scale around an anchor shape:
 * logit p(a) = level + tilt·(shape(a) − shapeMean) + deprivation·z for ages ageMin … ageMax,
 * p(a) = 0 outside them.
 */
import { AGES } from './cohort.js';

/** The parameters of one curve. */
export interface LogisticCurve {
  /** Anchor shape on the logit scale by age (91 values; NaN outside the eligible ages). */
  readonly shape: Float64Array;
  readonly shapeMean: number;
  readonly ageMin: number;
  readonly ageMax: number;
}

/**
 * Writes p(a) for a = 0 … 90 into `out`.
 * @param curve - the anchor shape and eligible ages
 * @param level - intercept on the logit scale
 * @param tilt - multiplier of the shape's departures from its mean (1 = the published shape)
 * @param deprivation - logit change per standard deviation of the area's IMD score
 * @param z - the area's standardised IMD score
 * @param out - prevalence by age (proportions), written
 */
export function logisticCurve(
  curve: LogisticCurve,
  level: number,
  tilt: number,
  deprivation: number,
  z: number,
  out: Float64Array,
): void {
  const base = level - tilt * curve.shapeMean + deprivation * z;
  for (let a = 0; a < AGES; ++a) {
    out[a] =
      a >= curve.ageMin && a <= curve.ageMax
        ? 1 / (1 + Math.exp(-(base + tilt * curve.shape[a]!)))
        : 0;
  }
}
