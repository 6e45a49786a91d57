/**
 * Builds the national benchmarks: the baseline of every local authority and of England as one
 * area, run with the model, years, seed and replicates of the key and the default assumptions.
 */
import { dataDigest } from '../../engine/io/data-digest.js';
import type { AreaSummary } from '../../engine/run/run.js';
import { ENGLAND } from '../areas/registry.js';
import { runScenario, type RunScenarioOptions } from '../run-scenario.js';
import { parseScenario, type ValidatedScenario } from '../scenario/schema.js';
import {
  summariseAreas,
  type BenchmarkKey,
  type Benchmarks,
  type MetricBenchmarks,
} from './benchmarks.js';

/** The key of the benchmarks a scenario is compared with, for `replicates` replicates. */
export function benchmarkKeyOf(scenario: ValidatedScenario, replicates: number): BenchmarkKey {
  return {
    digest: dataDigest(),
    model: scenario.model,
    baseYear: scenario.baseYear,
    horizon: scenario.horizon,
    seed: scenario.seed,
    replicates,
  };
}

/** The scenario the benchmarks of `key` run: every local authority and England, default assumptions, no plan. */
export function benchmarkScenario(
  key: BenchmarkKey,
  areas: readonly string[] = ['all'],
): ValidatedScenario {
  return parseScenario(
    {
      name: 'national benchmarks',
      model: key.model,
      area: [...areas, ENGLAND],
      base_year: key.baseYear,
      horizon: key.horizon,
      replicates: key.replicates,
      seed: key.seed,
    },
    'national benchmarks',
  );
}

/**
 * Benchmarks from the summaries of a run of areas and England (the last summary).
 * @param summaries - one per local authority, then England's
 */
export function benchmarksFromSummaries(
  key: BenchmarkKey,
  summaries: readonly AreaSummary[],
): Benchmarks {
  const england = summaries.at(-1);
  if (!england || england.area !== ENGLAND) throw new Error('benchmarks: England must come last');
  const areas = summaries.slice(0, -1);
  const years = Array.from({ length: key.horizon + 1 }, (_, i) => key.baseYear + i);
  const index = (s: AreaSummary): Map<string, number> =>
    new Map(s.cells.map((c, i) => [`${c.metric}\0${c.year}`, i]));
  const englandIndex = index(england);
  const areaIndex = areas.map(index);
  const metrics: Record<string, MetricBenchmarks> = {};
  const names = [...new Set(england.cells.map((c) => c.metric))];
  for (const metric of names) {
    const out = {
      england: [] as number[],
      average: [] as number[],
      p25: [] as number[],
      p75: [] as number[],
      byArea: [] as number[][],
    };
    for (const year of years) {
      const cell = `${metric}\0${year}`;
      const e = englandIndex.get(cell);
      const means = areas.map((s, i) => {
        const c = areaIndex[i]?.get(cell);
        return c === undefined ? NaN : (s.summary.stats[0]?.[c] ?? NaN);
      });
      const s = summariseAreas(
        means,
        e === undefined ? NaN : (england.summary.stats[0]?.[e] ?? NaN),
      );
      out.england.push(s.england);
      out.average.push(s.average);
      out.p25.push(s.p25);
      out.p75.push(s.p75);
      out.byArea.push(means);
    }
    metrics[metric] = out;
  }
  return { version: 1, key, areas: areas.map((s) => s.area), years, metrics };
}

/** Runs every local authority's baseline and England's, and returns their benchmarks. */
export async function buildBenchmarks(
  key: BenchmarkKey,
  options: Omit<RunScenarioOptions, 'keepValues' | 'outPath'>,
  areas: readonly string[] = ['all'],
): Promise<Benchmarks> {
  const result = await runScenario(benchmarkScenario(key, areas), options);
  return benchmarksFromSummaries(key, result.summaries);
}
