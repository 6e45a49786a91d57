/** Test helper: one area of a scenario as the engine's run unit, as `runScenario` plans it. */
import { loadReferenceData } from '../../../engine/io/reference-data.js';
import { runnableModuleUrl } from '../../../engine/run/module-url.js';
import type { RunUnit } from '../../../engine/run/run.js';
import { areaRegistry, resolveArea } from '../../../models/areas/registry.js';
import type { ChainPayload } from '../../../models/chain/simulation.js';
import type { ValidatedScenario } from '../../../models/scenario/schema.js';

/** The run unit of area `code` of scenario `s`, its module being the chain simulation. */
export function chainUnit(code: string, s: ValidatedScenario): RunUnit {
  const payload: ChainPayload = {
    model: s.model,
    area: resolveArea(areaRegistry(loadReferenceData()), code),
    baseYear: s.baseYear,
    horizon: s.horizon,
    seed: s.seed,
    assumptions: s.assumptions,
    prevalence: s.prevalence,
    demand: s.demand,
  };
  const module = runnableModuleUrl(
    new URL('../../../models/chain/simulation.ts', import.meta.url).href,
  );
  return { area: code, module, payload, cacheKey: JSON.stringify(payload) };
}
