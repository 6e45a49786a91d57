/** The demand model's entry in the chain: activity, cost and capacity of the care settings. */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { needStage, type ChainModel, type DemandStage } from '../chain/stage.js';
import { ATTRIBUTED_METRICS, ATTRIBUTION_PARTS, RESOURCE_METRICS } from '../registry/metrics.js';
import { TREATMENT_COST_METRIC, demandWork, prepareDemand, simulateDemand } from './model.js';
import { loadDemandReference } from './reference.js';
import { SETTINGS } from './types.js';

export const demandModel: ChainModel<'demand'> = {
  name: 'demand',
  needs: ['population', 'prevalence'],
  description:
    'activity in 12 care settings, its cost, programme costs and the capacity it needs against the capacity stated',
  metrics(p) {
    const metrics: string[] = [
      ...SETTINGS,
      ...SETTINGS.map((s) => `cost_${s}`),
      TREATMENT_COST_METRIC,
      'cost_services',
      'cost_programmes',
      'cost_net',
      ...RESOURCE_METRICS.map((r) => r.required),
    ];
    for (const r of RESOURCE_METRICS)
      metrics.push(
        `capacity_${r.resource}`,
        `shortfall_${r.resource}`,
        `p_shortfall_${r.resource}`,
      );
    if (p.demand.levers.length > 0) metrics.push('lever_cost');
    if (p.demand.attribution)
      for (const m of ATTRIBUTED_METRICS)
        for (const part of ATTRIBUTION_PARTS) metrics.push(`change_${m}_${part}`);
    return metrics;
  },
  stage(p, earlier, cellOffset): DemandStage {
    const population = needStage(earlier, 'population', 'demand');
    const prevalence = needStage(earlier, 'prevalence', 'demand');
    const inputs = prepareDemand(
      loadReferenceData(),
      loadDemandReference(),
      population.inputs,
      prevalence.inputs,
      p.demand,
      cellOffset,
    );
    const work = demandWork(inputs);
    return {
      inputs,
      work,
      cells: inputs.cells,
      simulate(replicate, out, offset) {
        simulateDemand(
          inputs,
          population.work,
          prevalence.work,
          p.seed,
          replicate,
          work,
          out,
          offset,
        );
      },
    };
  },
};
