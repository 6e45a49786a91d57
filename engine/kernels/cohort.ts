/**
 * Cohort-component step by single year of age (0 … 89 and the open group 90+), one year from
 * mid-year t to mid-year t+1: survive and age everyone, add the year's births surviving to
 * mid-year, then add net migration at the end of the year.
 * Method: the standard cohort-component projection (e.g. Preston, Heuveline & Guillot 2001,
 * "Demography", ch. 6), with survival from central death rates s(a) = exp(−(m(a) + m(a+1))/2)
 * (the mean of the rates at the two ages a cohort passes through), s(90+) = exp(−m(90+)).
 */

import { AGES, OPEN_AGE } from '../ages.js';

export { AGES, OPEN_AGE };

/** Flows of one projection step, written by `cohortStep` (persons). */
export interface StepFlows {
  births: number;
  deaths: number;
  /** Net migration actually applied (less than asked where it would make an age negative). */
  netMigration: number;
}

/**
 * One-year survival probabilities from central death rates (see module header).
 * @param mx - central death rates by age (length 91)
 * @param out - survival to the next mid-year by age (length 91), written
 */
export function survivalFromRates(mx: Float64Array, out: Float64Array): void {
  survivalFromScaledRates(mx, 0, 1, out);
}

/**
 * Survival from the rates `factor · rates[offset + a]` (a = 0 … 90), without writing the scaled
 * rates: the projection's rates are a per-replicate factor times a precomputed schedule.
 * @param rates - death rates, read from `offset` (91 values)
 * @param offset - where the 91 rates start
 * @param factor - multiplier of every rate
 * @param out - survival to the next mid-year by age (length 91), written
 */
export function survivalFromScaledRates(
  rates: Float64Array,
  offset: number,
  factor: number,
  out: Float64Array,
): void {
  // Readable form: out[a] = exp(−(m(a) + m(a+1))/2) with m = factor · rates; inlined.
  const half = -0.5 * factor;
  let next = rates[offset]!;
  for (let a = 0; a < OPEN_AGE; ++a) {
    const current = next;
    next = rates[offset + a + 1]!;
    out[a] = Math.exp(half * (current + next));
  }
  out[OPEN_AGE] = Math.exp(-factor * next);
}

/**
 * Projects `pop` one year into `out` (must not alias `pop`) and writes the step's flows.
 * Conservation: sum(out) = sum(pop) + births − deaths + netMigration, exactly up to rounding.
 * @param pop - persons by age at mid-year t
 * @param survival - one-year survival by age (from `survivalFromRates`)
 * @param births - live births during the year
 * @param infantSurvival - share of those births alive at mid-year t+1 (aged 0)
 * @param migration - net migrants by age at mid-year t+1 (persons; may be negative)
 * @param out - persons by age at mid-year t+1, written
 * @param flows - the step's births, deaths and applied net migration, written
 */
export function cohortStep(
  pop: Float64Array,
  survival: Float64Array,
  births: number,
  infantSurvival: number,
  migration: Float64Array,
  out: Float64Array,
  flows: StepFlows,
): void {
  let deaths = births * (1 - infantSurvival);
  out[0] = births * infantSurvival;
  for (let a = 0; a < OPEN_AGE; ++a) {
    const alive = pop[a]! * survival[a]!;
    deaths += pop[a]! - alive;
    out[a + 1] = alive;
  }
  const oldest = pop[OPEN_AGE]! * survival[OPEN_AGE]!;
  deaths += pop[OPEN_AGE]! - oldest;
  out[OPEN_AGE] = out[OPEN_AGE]! + oldest;
  let applied = 0;
  for (let a = 0; a < AGES; ++a) {
    const next = out[a]! + migration[a]!;
    // Emigration cannot take an age below zero: apply only what there is.
    if (next < 0) {
      applied -= out[a]!;
      out[a] = 0;
    } else {
      applied += migration[a]!;
      out[a] = next;
    }
  }
  flows.births = births;
  flows.deaths = deaths;
  flows.netMigration = applied;
}
