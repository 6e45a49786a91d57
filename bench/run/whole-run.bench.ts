/**
 * The two whole-run workloads of issue 3, through the public API (`runScenario`), summary only,
 * with 1 and with 2 worker threads: one area (Birmingham) × 10,000 replicates × 5 years, and
 * every English local authority × 1,000 replicates × 5 years. Each timed call is a whole run as
 * `wcc run` does it, including starting its worker pool. Workers run the build in `dist/`.
 */
import type { Bench } from 'tinybench';
import { runScenario } from '../../models/run-scenario.js';
import { parseScenario } from '../../models/scenario/schema.js';
import { check } from '../data.js';

/** A whole-run workload. */
interface Workload {
  readonly label: string;
  readonly area: string;
  readonly replicates: number;
  /** Areas the run must return. */
  readonly minAreas: number;
}

/** Projection horizon of both workloads, years. */
const HORIZON = 5;
/** Thread counts timed (this machine has 2 cores). */
const THREADS = [1, 2] as const;

const WORKLOADS: readonly Workload[] = [
  { label: 'E08000025', area: 'E08000025', replicates: 10_000, minAreas: 1 },
  { label: 'all local authorities', area: 'all', replicates: 1000, minAreas: 290 },
];

/** Adds the four whole-run tasks to `bench`. */
export function wholeRunBenches(bench: Bench): void {
  for (const w of WORKLOADS) {
    const scenario = parseScenario(
      {
        name: 'bench',
        model: 'population',
        area: w.area,
        replicates: w.replicates,
        horizon: HORIZON,
      },
      `benchmark ${w.label}`,
    );
    for (const threads of THREADS) {
      const name = `${w.label} × ${w.replicates.toLocaleString('en-GB')} replicates × ${HORIZON} years, ${threads} thread${threads > 1 ? 's' : ''}`;
      bench.add(name, async () => {
        const result = await runScenario(scenario, { threads });
        const first = result.summaries[0];
        // stats[3] is p50; cell 0 is the base year's population_total.
        const p50 = first?.summary.stats[3]?.[0] ?? NaN;
        check(result.summaries.length >= w.minAreas && p50 > 0, `run of ${name} (p50 ${p50})`);
      });
    }
  }
}
