/**
 * The cohort kernel (engine/kernels/cohort.ts): survival from death rates and one
 * cohort-component step, on 91 single years of age; the exponentials of a replicate's survival
 * by Math.exp and by the WebAssembly kernel (ExpArray); and a replicate's five-year projection of
 * both sexes in JavaScript and in WebAssembly (CohortProjection), which give the same bits. One
 * step takes well under a microsecond, below the timer's resolution, so each timed call does
 * STEPS of them.
 */
import type { Bench } from 'tinybench';
import {
  AGES,
  CohortProjection,
  cohortStep,
  survivalExponents,
  survivalFromRates,
  survivalFromScaledRates,
  type StepFlows,
} from '../../engine/kernels/cohort.js';
import { ExpArray } from '../../engine/kernels/vector-exp.js';
import { check, uniformValues } from '../data.js';

/** Kernel calls per timed call. */
const STEPS = 1000;
/** Gompertz mortality, m(a) = GOMPERTZ_A·exp(GOMPERTZ_B·a): a plausible English shape. */
const GOMPERTZ_A = 0.0001;
const GOMPERTZ_B = 0.09;

/** Years a replicate's projection runs (the default horizon). */
const HORIZON = 5;

/**
 * Adds `survivalFromRates` and `cohortStep` tasks (each STEPS calls on 91 ages), the exponentials
 * of STEPS / 10 replicates' survival and STEPS / 10 replicates' projections to `bench`.
 */
export function cohortBenches(bench: Bench): void {
  const noise = uniformValues('cohort/mx', AGES, 0.9, 1.1);
  const mx = new Float64Array(AGES);
  for (let a = 0; a < AGES; ++a) mx[a] = GOMPERTZ_A * Math.exp(GOMPERTZ_B * a) * noise[a]!;
  const pop = uniformValues('cohort/pop', AGES, 3000, 9000);
  const migration = uniformValues('cohort/migration', AGES, -40, 60);
  const survival = new Float64Array(AGES);
  const out = new Float64Array(AGES);
  const flows: StepFlows = { births: 0, deaths: 0, netMigration: 0 };
  const each = `91 ages × ${STEPS.toLocaleString('en-GB')}`;

  bench.add(`survivalFromRates, ${each}`, () => {
    let sum = 0;
    for (let s = 0; s < STEPS; ++s) {
      survivalFromRates(mx, survival);
      sum += survival[s % AGES]!;
    }
    check(sum > 0 && sum <= STEPS, `survival sum ${sum}`);
  });

  survivalFromRates(mx, survival);
  bench.add(`cohortStep, ${each}`, () => {
    let deaths = 0;
    for (let s = 0; s < STEPS; ++s) {
      cohortStep(pop, survival, 6000 + s, 0.996, migration, out, flows);
      deaths += flows.deaths;
    }
    check(deaths > 0 && Number.isFinite(deaths), `cohort deaths ${deaths}`);
  });

  // A replicate's survival: 2 sexes × HORIZON steps × 91 ages.
  const replicates = STEPS / 10;
  const perReplicate = 2 * HORIZON * AGES;
  const exponents = new Float64Array(perReplicate);
  for (let k = 0; k < 2 * HORIZON; ++k)
    survivalExponents(mx, 0, 0.9 + 0.02 * k, exponents.subarray(k * AGES));
  const vector = new ExpArray(perReplicate);
  const scalar = new Float64Array(perReplicate);
  const replicatesEach = `${perReplicate} values × ${replicates.toLocaleString('en-GB')}`;
  bench.add(`survival exponentials, Math.exp, ${replicatesEach}`, () => {
    let sum = 0;
    for (let r = 0; r < replicates; ++r) {
      for (let i = 0; i < perReplicate; ++i) scalar[i] = Math.exp(exponents[i]!);
      sum += scalar[r % perReplicate]!;
    }
    check(sum > 0 && sum <= replicates, `survival sum ${sum}`);
  });
  bench.add(`survival exponentials, ExpArray (WebAssembly SIMD), ${replicatesEach}`, () => {
    let sum = 0;
    for (let r = 0; r < replicates; ++r) {
      vector.values.set(exponents);
      vector.exp();
      sum += vector.values[r % perReplicate]!;
    }
    check(sum > 0 && sum <= replicates, `survival sum ${sum}`);
  });

  // A replicate's projection of both sexes, HORIZON steps: the kernel's inputs, and the same
  // projection by the JavaScript kernels.
  const projection = new CohortProjection(HORIZON);
  for (let k = 0; k <= HORIZON; ++k) {
    projection.ratesMale.set(mx, k * AGES);
    projection.ratesFemale.set(mx, k * AGES);
    projection.factors[k] = 0.98 - 0.01 * k;
  }
  projection.migrationMale.set(migration);
  projection.migrationFemale.set(migration);
  const each5 = `${HORIZON} years × 2 sexes × ${replicates.toLocaleString('en-GB')}`;
  const males = new Float64Array((HORIZON + 1) * AGES);
  const females = new Float64Array((HORIZON + 1) * AGES);
  const survivalMale = new Float64Array(AGES);
  const survivalFemale = new Float64Array(AGES);
  const flowsFemale: StepFlows = { births: 0, deaths: 0, netMigration: 0 };
  bench.add(`projection, JavaScript (survival, steps), ${each5}`, () => {
    let total = 0;
    for (let r = 0; r < replicates; ++r) {
      males.set(pop);
      females.set(pop);
      for (let k = 0; k < HORIZON; ++k) {
        const factor = projection.factors[k]!;
        survivalFromScaledRates(projection.ratesMale, k * AGES, factor, survivalMale);
        survivalFromScaledRates(projection.ratesFemale, k * AGES, factor, survivalFemale);
        const from = k * AGES;
        cohortStep(males, survivalMale, 3000, 0.996, migration, males, flows, from, from + AGES);
        cohortStep(
          females,
          survivalFemale,
          2900,
          0.996,
          migration,
          females,
          flowsFemale,
          from,
          from + AGES,
        );
      }
      total += males[HORIZON * AGES + 40]!;
    }
    check(total > 0 && Number.isFinite(total), `projected ${total}`);
  });
  bench.add(`projection, WebAssembly (CohortProjection), ${each5}`, () => {
    let total = 0;
    for (let r = 0; r < replicates; ++r) {
      projection.males.set(pop);
      projection.females.set(pop);
      projection.project(HORIZON, 0.05, 0.512, 0.1);
      total += projection.males[HORIZON * AGES + 40]!;
    }
    check(total > 0 && Number.isFinite(total), `projected ${total}`);
  });
}
