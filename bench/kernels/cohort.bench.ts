/**
 * The cohort kernel (engine/kernels/cohort.ts): survival from death rates and one
 * cohort-component step, on 91 single years of age. One step takes well under a microsecond,
 * below the timer's resolution, so each timed call does STEPS of them.
 */
import type { Bench } from 'tinybench';
import {
  AGES,
  cohortStep,
  survivalFromRates,
  type StepFlows,
} from '../../engine/kernels/cohort.js';
import { check, uniformValues } from '../data.js';

/** Kernel calls per timed call. */
const STEPS = 1000;
/** Gompertz mortality, m(a) = GOMPERTZ_A·exp(GOMPERTZ_B·a): a plausible English shape. */
const GOMPERTZ_A = 0.0001;
const GOMPERTZ_B = 0.09;

/** Adds `survivalFromRates` and `cohortStep` tasks (each STEPS calls on 91 ages) to `bench`. */
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
}
