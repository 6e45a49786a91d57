/**
 * Loads the built prevalence calibration (data/built/prevalence.json, made by
 * `npm run data:build` from data/build-prevalence.ts) and evaluates its curves by age.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtDataDir } from '../../engine/io/paths.js';
import type { ConditionCalibration, PrevalenceCalibration } from './types.js';

/** Ages of a curve: 0 … 89 and 90+. */
const AGES = 91;

let cached: PrevalenceCalibration | undefined;

/** The built calibration, read once and cached (treat it as read-only). */
export function loadPrevalenceCalibration(): PrevalenceCalibration {
  cached ??= JSON.parse(
    readFileSync(join(builtDataDir(), 'prevalence.json'), 'utf8'),
  ) as PrevalenceCalibration;
  return cached;
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
  const base = c.level - c.tilt * c.shapeMean + c.deprivation * z;
  for (let a = 0; a < AGES; ++a) {
    const s = c.shape[a];
    out[a] =
      a >= c.ageMin && a <= c.ageMax && s !== null && s !== undefined
        ? 1 / (1 + Math.exp(-(base + c.tilt * s)))
        : 0;
  }
}
