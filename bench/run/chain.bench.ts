/**
 * The model chain's whole-run workloads (issues 5 and 6), through the public API, summary only,
 * with 1 and 2 worker threads: the prevalence model (population and the 21 QOF registers) and
 * the full chain (population, 21 registers, demand by 12 settings, cost, capacity), each for
 * one area (Birmingham) × 10,000 replicates and every English local authority × 1,000
 * replicates, 5 years.
 */
import type { Bench } from 'tinybench';
import { runScenario } from '../../models/run-scenario.js';
import { parseScenario } from '../../models/scenario/schema.js';
import { check } from '../data.js';

const HORIZON = 5;
const THREADS = [1, 2] as const;
const MODELS = ['prevalence', 'demand'] as const;
const WORKLOADS = [
  { label: 'E08000025', area: 'E08000025', replicates: 10_000, minAreas: 1 },
  { label: 'all local authorities', area: 'all', replicates: 1000, minAreas: 300 },
] as const;

/** Adds the chain's whole-run tasks to `bench`. */
export function chainBenches(bench: Bench): void {
  for (const model of MODELS)
    for (const w of WORKLOADS) {
      const scenario = parseScenario(
        { name: 'bench', model, area: w.area, replicates: w.replicates, horizon: HORIZON },
        `benchmark ${model} ${w.label}`,
      );
      for (const threads of THREADS) {
        const name = `${model}: ${w.label} × ${w.replicates.toLocaleString('en-GB')} replicates × ${HORIZON} years, ${threads} thread${threads > 1 ? 's' : ''}`;
        bench.add(name, async () => {
          const result = await runScenario(scenario, { threads });
          const cells = result.summaries[0]?.cells.length ?? 0;
          const mean = result.summaries[0]?.summary.stats[0]?.[cells - 1] ?? NaN;
          check(
            result.summaries.length >= w.minAreas && Number.isFinite(mean),
            `run of ${name} (last mean ${mean})`,
          );
        });
      }
    }
}
