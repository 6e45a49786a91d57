/** The plain-data payload of one area's run of a scenario, posted to the workers. */
import type { AreaSpec } from '../population/model.js';
import type { ValidatedScenario } from '../scenario/schema.js';
import type { ChainPayload } from './stage.js';

/** The plain-data payload of `area`'s run of `scenario` (its own capacity when stated per area). */
export function chainPayload(scenario: ValidatedScenario, area: AreaSpec): ChainPayload {
  const own = scenario.capacityByArea?.[area.code];
  return {
    model: scenario.model,
    area,
    baseYear: scenario.baseYear,
    horizon: scenario.horizon,
    seed: scenario.seed,
    assumptions: scenario.assumptions,
    prevalence: scenario.prevalence,
    demand: scenario.capacityByArea
      ? {
          ...scenario.demand,
          capacity: own?.capacity ?? {},
          capacityChanges: own?.capacityChanges ?? {},
          ...(own?.occupancy ? { occupancy: own.occupancy } : {}),
        }
      : scenario.demand,
  };
}
