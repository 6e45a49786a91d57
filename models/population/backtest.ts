/**
 * Back-test of the population model: project every English local authority from a past base
 * year and compare the projected totals (persons, males, females) with the ONS estimates of the
 * target year (Census-2021-rebased from 2011). Reports the absolute percentage error of the
 * median and how often the intervals hold the actual value.
 */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { InputError } from '../../engine/errors.js';
import { runScenario, type RunScenarioOptions } from '../run-scenario.js';
import { parseScenario } from '../scenario/schema.js';
import { areaPopulation } from './model.js';
import { quantileSorted, sortValues } from '../../engine/stats/quantile.js';
import { AGE_GROUPS } from '../../engine/io/reference-data.js';

/** The totals a back-test scores. */
export const BACKTEST_METRICS = [
  'population_total',
  'population_male',
  'population_female',
] as const;
export type BacktestMetric = (typeof BACKTEST_METRICS)[number];

/** One area's back-test result for one metric. */
export interface BacktestRow {
  readonly area: string;
  readonly metric: BacktestMetric;
  readonly name: string;
  readonly actual: number;
  readonly p50: number;
  readonly p10: number;
  readonly p90: number;
  readonly p2_5: number;
  readonly p97_5: number;
  /** |p50 − actual| / actual, percent. */
  readonly ape: number;
}

/** Summary statistics of a back-test (one metric). */
export interface BacktestSummary {
  readonly metric: BacktestMetric;
  readonly areas: number;
  readonly medianApe: number;
  readonly p90Ape: number;
  /** Share of areas whose actual value lies in the 80 % interval (p10 … p90). */
  readonly coverage80: number;
  /** Share of areas whose actual value lies in the 95 % interval (p2.5 … p97.5). */
  readonly coverage95: number;
}

/** Options of a back-test. */
export interface BacktestOptions extends Pick<
  RunScenarioOptions,
  'threads' | 'onProgress' | 'signal'
> {
  readonly baseYear: number;
  readonly horizon: number;
  readonly replicates: number;
  readonly seed: number;
}

/** Summarises back-test rows of one metric. */
export function summariseBacktest(
  rows: readonly BacktestRow[],
  metric: BacktestMetric = 'population_total',
): BacktestSummary {
  const apes = Float64Array.from(rows, (r) => r.ape);
  sortValues(apes);
  const share = (inside: (r: BacktestRow) => boolean): number =>
    rows.filter(inside).length / rows.length;
  return {
    metric,
    areas: rows.length,
    medianApe: quantileSorted(apes, 0.5),
    p90Ape: quantileSorted(apes, 0.9),
    coverage80: share((r) => r.actual >= r.p10 && r.actual <= r.p90),
    coverage95: share((r) => r.actual >= r.p2_5 && r.actual <= r.p97_5),
  };
}

/** Runs the back-test of population totals (persons and by sex) for every local authority. */
export async function backtestPopulation(
  options: BacktestOptions,
): Promise<{ rows: BacktestRow[]; summaries: BacktestSummary[] }> {
  const data = loadReferenceData();
  const target = options.baseYear + options.horizon;
  const anySeries = data.population.values().next().value;
  const lastYear = anySeries ? anySeries.firstYear + anySeries.years - 1 : 0;
  if (target > lastYear)
    throw new InputError(
      `backtest: base year ${options.baseYear} + horizon ${options.horizon} = ${target} is after the last estimate (mid-${lastYear}); expected base year + horizon ≤ ${lastYear}, so the actual value is known`,
    );
  const scenario = parseScenario(
    {
      name: 'backtest',
      model: 'population',
      area: 'all',
      base_year: options.baseYear,
      horizon: options.horizon,
      replicates: options.replicates,
      seed: options.seed,
    },
    'backtest',
  );
  const result = await runScenario(scenario, {
    threads: options.threads,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const rows: BacktestRow[] = [];
  for (const metric of BACKTEST_METRICS)
    result.areas.forEach((area, i) => {
      const s = result.summaries[i];
      if (!s) throw new Error(`backtest: no summary for ${area.code}`);
      const series = areaPopulation(data, area.members);
      const values =
        metric === 'population_male'
          ? series.male
          : metric === 'population_female'
            ? series.female
            : series.values;
      const offset = (target - series.firstYear) * AGE_GROUPS;
      const actual = values.subarray(offset, offset + AGE_GROUPS).reduce((t, x) => t + x, 0);
      const c = s.cells.findIndex((cell) => cell.year === target && cell.metric === metric);
      const stat = (k: number): number => s.summary.stats[k]?.[c] ?? NaN;
      const p50 = stat(3);
      rows.push({
        area: area.code,
        metric,
        name: area.name,
        actual,
        p50,
        p10: stat(2),
        p90: stat(4),
        p2_5: stat(1),
        p97_5: stat(5),
        ape: (100 * Math.abs(p50 - actual)) / actual,
      });
    });
  return {
    rows,
    summaries: BACKTEST_METRICS.map((m) =>
      summariseBacktest(
        rows.filter((r) => r.metric === m),
        m,
      ),
    ),
  };
}
