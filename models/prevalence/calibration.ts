/**
 * Loads the built prevalence calibration (data/built/prevalence.json, made by
 * `npm run data:build` from data/build-prevalence.ts) and evaluates its curves by age.
 */
import { loadBuiltJson } from '../../engine/io/built-json.js';
import { AGES } from '../../engine/kernels/cohort.js';
import { logisticCurve } from '../../engine/kernels/logistic-curve.js';
import type { DeprivationGradient } from './model.js';
import type { ConditionCalibration, PrevalenceCalibration } from './types.js';

/** The built calibration, read once and cached (treat it as read-only). */
export function loadPrevalenceCalibration(): PrevalenceCalibration {
  return loadBuiltJson('prevalence.json') as PrevalenceCalibration;
}

/** England's registered prevalence by IMD decile per condition (built data, cached). */
export function loadDeprivationGradient(): DeprivationGradient {
  return loadBuiltJson('deprivation-gradient.json') as DeprivationGradient;
}

/**
 * Registered prevalence by single year of age of condition `c` at standardised deprivation
 * `z`: logit p(a) = level + tilt·(shape(a) − shapeMean) + deprivation·z over the eligible ages,
 * 0 outside them (the national curve: no area factor).
 * @param c - one condition's calibration
 * @param z - standardised IMD 2019 score (0 = the average local authority)
 * @param out - 91 values (ages 0 … 89, 90+), written
 */
export function curveByAge(c: ConditionCalibration, z: number, out: Float64Array): void {
  const shape = Float64Array.from({ length: AGES }, (_, a) => c.shape[a] ?? NaN);
  logisticCurve(
    { shape, shapeMean: c.shapeMean, ageMin: c.ageMin, ageMax: c.ageMax },
    c.level,
    c.tilt,
    c.deprivation,
    z,
    out,
  );
  // An age with no shape value has no prevalence.
  for (let a = 0; a < AGES; ++a) if (Number.isNaN(out[a])) out[a] = 0;
}
