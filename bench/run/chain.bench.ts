/**
 * The model chain's whole-run workloads (issues 5, 6 and 14), through the public API, summary
 * only: the prevalence model (population and the 21 QOF registers), the demand chain (population,
 * 21 registers, demand by 12 settings, cost, capacity) and the full chain (all that and
 * outcomes: life expectancy, inequality, under-75 mortality), each for one area (Birmingham) ×
 * 10,000 replicates and every English local authority × 1,000 replicates, 5 years, with 1 and 2
 * worker threads; and the full chain for every local authority × 10,000 replicates on 2 threads
 * (issue 14's target: under 30 s wall on 2 cores).
 */
import type { Bench } from 'tinybench';
import { runScenario } from '../../models/run-scenario.js';
import { parseScenario } from '../../models/scenario/schema.js';
import { check } from '../data.js';

const HORIZON = 5;
const THREADS = [1, 2] as const;
const MODELS = ['prevalence', 'demand', 'outcomes'] as const;
const WORKLOADS = [
  { label: 'E08000025', area: 'E08000025', replicates: 10_000, minAreas: 1 },
  { label: 'all local authorities', area: 'all', replicates: 1000, minAreas: 290 },
] as const;

/** A chain workload: which model runs, where, how many replicates. */
interface ChainWorkload {
  readonly model: (typeof MODELS)[number];
  readonly label: string;
  readonly area: string;
  readonly replicates: number;
  /** Areas the run must return. */
  readonly minAreas: number;
}

/** Adds one whole-run task of `w` on `threads` worker threads to `bench`. */
function addChainTask(bench: Bench, w: ChainWorkload, threads: number): void {
  const { model } = w;
  const scenario = parseScenario(
    { name: 'bench', model, area: w.area, replicates: w.replicates, horizon: HORIZON },
    `benchmark ${model} ${w.label}`,
  );
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

/** Adds the chain's whole-run tasks to `bench`. */
export function chainBenches(bench: Bench): void {
  for (const model of MODELS)
    for (const w of WORKLOADS)
      for (const threads of THREADS) addChainTask(bench, { model, ...w }, threads);
}

/**
 * Adds the full chain for every local authority × 10,000 replicates, 2 threads, to `bench`
 * (a few minutes a run before issue 14; its suite times two iterations without a warm-up).
 */
export function chainAtScaleBenches(bench: Bench): void {
  const w = { model: 'outcomes', label: 'all local authorities', area: 'all' } as const;
  addChainTask(bench, { ...w, replicates: 10_000, minAreas: 290 }, 2);
}
