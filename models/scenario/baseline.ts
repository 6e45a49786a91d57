/**
 * A scenario's baseline: the same areas, years, replicates, seed and assumptions with no
 * interventions, levers or stated capacity. Run with the same seed it is paired replicate by
 * replicate with the plan (common random numbers), so their difference is the plan's own effect.
 */
import type { ValidatedScenario } from './schema.js';

/** The baseline of `scenario` (its plan's interventions, levers and capacity removed). */
export function baselineOf(scenario: ValidatedScenario): ValidatedScenario {
  const rest: Omit<ValidatedScenario, 'capacityByArea'> & { capacityByArea?: unknown } = {
    ...scenario,
  };
  delete rest.capacityByArea;
  return {
    ...rest,
    name: `${scenario.name} (baseline)`,
    prevalence: { ...scenario.prevalence, interventions: [] },
    demand: { ...scenario.demand, levers: [], capacity: {}, capacityChanges: {} },
  } as ValidatedScenario;
}
