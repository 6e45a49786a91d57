/**
 * Cohort-component step by single year of age (0 … 89 and the open group 90+), one year from
 * mid-year t to mid-year t+1: survive and age everyone, add the year's births surviving to
 * mid-year, then add net migration at the end of the year.
 * Method: the standard cohort-component projection (e.g. Preston, Heuveline & Guillot 2001,
 * "Demography", ch. 6), with survival from central death rates s(a) = exp(−(m(a) + m(a+1))/2)
 * (the mean of the rates at the two ages a cohort passes through), s(90+) = exp(−m(90+)).
 */

import { AGES, OPEN_AGE } from '../ages.js';
import { layOut, type ProjectKernel } from './wasm/instance.js';

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
  survivalExponents(rates, offset, factor, out);
  for (let a = 0; a < AGES; ++a) out[a] = Math.exp(out[a]!);
}

/**
 * The logarithms of `survivalFromScaledRates`' survival, −(m(a) + m(a+1))/2 and −m(90+) with
 * m = factor · rates, for a caller that takes many exponentials at once (`ExpArray`): their
 * exponentials are bit for bit that survival.
 * @param rates - death rates, read from `offset` (91 values)
 * @param offset - where the 91 rates start
 * @param factor - multiplier of every rate
 * @param out - log survival by age (length 91), written
 */
export function survivalExponents(
  rates: Float64Array,
  offset: number,
  factor: number,
  out: Float64Array,
): void {
  const half = -0.5 * factor;
  let next = rates[offset]!;
  for (let a = 0; a < OPEN_AGE; ++a) {
    const current = next;
    next = rates[offset + a + 1]!;
    out[a] = half * (current + next);
  }
  out[OPEN_AGE] = -factor * next;
}

/**
 * Projects `pop` one year into `out` and writes the step's flows. `pop` is read from `from` and
 * `out` written from `to` (91 ages each; the two ranges must not overlap), so a trajectory can
 * be projected in place, year after year. One pass over the ages: survive, age, then settle
 * each age's net migrants.
 * Conservation: sum(out) = sum(pop) + births − deaths + netMigration, exactly up to rounding.
 * @param pop - persons by age at mid-year t (from `from`)
 * @param survival - one-year survival by age (from `survivalFromRates`)
 * @param births - live births during the year
 * @param infantSurvival - share of those births alive at mid-year t+1 (aged 0)
 * @param migration - net migrants by age at mid-year t+1 (persons; may be negative)
 * @param out - persons by age at mid-year t+1 (from `to`), written
 * @param flows - the step's births, deaths and applied net migration, written
 * @param from - where age 0 of `pop` is (default 0)
 * @param to - where age 0 of `out` is (default 0)
 */
export function cohortStep(
  pop: Float64Array,
  survival: Float64Array,
  births: number,
  infantSurvival: number,
  migration: Float64Array,
  out: Float64Array,
  flows: StepFlows,
  from = 0,
  to = 0,
): void {
  const oldest = pop[from + OPEN_AGE]! * survival[OPEN_AGE]!;
  let deaths = births * (1 - infantSurvival);
  let applied = 0;
  // Who reaches age a at mid-year t+1 before migration: the surviving births at age 0, the
  // survivors of age a − 1 above it, and at 90+ also the survivors of 90+ themselves.
  let arrived = births * infantSurvival;
  for (let a = 0; ; ++a) {
    const settled = arrived + migration[a]!;
    // Emigration cannot take an age below zero: apply only what there is.
    if (settled < 0) {
      applied -= arrived;
      out[to + a] = 0;
    } else {
      applied += migration[a]!;
      out[to + a] = settled;
    }
    if (a === OPEN_AGE) break;
    const alive = pop[from + a]! * survival[a]!;
    deaths += pop[from + a]! - alive;
    arrived = a < OPEN_AGE - 1 ? alive : alive + oldest;
  }
  deaths += pop[from + OPEN_AGE]! - oldest;
  flows.births = births;
  flows.deaths = deaths;
  flows.netMigration = applied;
}

/**
 * Cells of each projected year, in the population model's metric order: total, male, female,
 * persons 0-15, 16-64, 65-84, 85+, then births, deaths and net migration over the year to
 * mid-year (no flows in year 0).
 */
export const YEAR_CELLS = 10;

/** Buffers whose byte offsets the projection kernel reads from the start of its memory. */
const LAYOUT = 11;

/**
 * A projection of one replicate by sex and single year of age, run in WebAssembly
 * (`wasm/kernels.wat`, `project`). Each step does what `survivalExponents` (its exponentials
 * in pairs, SIMD), `cohortStep` for each sex and the year's stocks do, with the same
 * operations in the same order, so the results are bit-identical to them (tested); about
 * twice as fast. The buffers are views of the kernel's memory: the caller fills the inputs and
 * reads the outputs in place.
 */
export class CohortProjection {
  /** Steps the buffers hold (the projection may use fewer). */
  readonly horizon: number;
  /** Inputs: death rates of each step k (year k to k+1) by age, `[k·91 + a]`, k = 0 … horizon. */
  readonly ratesMale: Float64Array;
  readonly ratesFemale: Float64Array;
  /** Input: the multiplier of step k's rates, k = 0 … horizon (the last for no step). */
  readonly factors: Float64Array;
  /** Inputs: net migrants by age arriving over each year (persons; may be negative). */
  readonly migrationMale: Float64Array;
  readonly migrationFemale: Float64Array;
  /** Outputs: one-year survival of each step by age, `[k·91 + a]`. */
  readonly survivalMale: Float64Array;
  readonly survivalFemale: Float64Array;
  /** Persons by year and age, `[j·91 + a]`: year 0 an input (by sex), later years outputs. */
  readonly males: Float64Array;
  readonly females: Float64Array;
  /** Output: males + females. */
  readonly persons: Float64Array;
  /** Output: `YEAR_CELLS` cells of each year, `[j·YEAR_CELLS + c]`. */
  readonly cells: Float64Array;
  /** What the rates were last loaded from (the caller's key, to load them once per area). */
  ratesOf: unknown = undefined;
  private readonly kernel: ProjectKernel;

  /** @param horizon - the most steps a projection takes */
  constructor(horizon: number) {
    this.horizon = horizon;
    const years = (horizon + 1) * AGES;
    const steps = horizon * AGES;
    // The buffers' lengths, in the order the kernel reads their byte offsets (kernels.wat,
    // `project`); the offsets (LAYOUT i32s) come first in the memory, then the buffers.
    const cells = (horizon + 1) * YEAR_CELLS;
    const lengths = [
      years,
      years,
      horizon + 1,
      steps,
      steps,
      years,
      years,
      years,
      AGES,
      AGES,
      cells,
    ] as const;
    const { kernel, views, offsets } = layOut(LAYOUT * Int32Array.BYTES_PER_ELEMENT, lengths);
    new Int32Array(kernel.buffer, 0, LAYOUT).set(offsets);
    [
      this.ratesMale,
      this.ratesFemale,
      this.factors,
      this.survivalMale,
      this.survivalFemale,
      this.males,
      this.females,
      this.persons,
      this.migrationMale,
      this.migrationFemale,
      this.cells,
    ] = views;
    this.kernel = kernel.project;
  }

  /**
   * Projects `steps` years from year 0 of `males` and `females`.
   * @param steps - projection steps (at most `horizon`)
   * @param fertility - births over a year per woman aged 15-44 at its start
   * @param maleShare - share of births that are boys
   * @param infantA0 - Chiang's a0: the mean fraction of the first year lived by infants who die
   */
  project(steps: number, fertility: number, maleShare: number, infantA0: number): void {
    if (!(steps >= 0 && steps <= this.horizon))
      throw new RangeError(`projection steps: expected 0 … ${this.horizon}, found ${steps}`);
    this.kernel(0, steps, fertility, maleShare, infantA0);
  }
}
