/**
 * The summary of a run as records: per area, year and metric, the metric's unit and the
 * statistics over replicates. A probability metric (a 0/1 indicator per replicate, such as
 * `p_shortfall_beds`) is one figure, its mean; its quantiles would only be 0s and 1s, so they
 * are missing (NaN).
 */
import { SUMMARY_STATS, type SummaryStat } from '../../engine/run/summary.js';
import type { CellSummary } from '../../engine/run/summary.js';
import type { CellSpec } from '../../engine/run/types.js';
import { metricInfo, type MetricUnit } from '../registry/metrics.js';

/** Columns of the summary in CSV and JSON. */
export const SUMMARY_COLUMNS = ['area', 'year', 'metric', 'unit', ...SUMMARY_STATS] as const;

/** One summary record. */
export type SummaryRecord = {
  readonly area: string;
  readonly year: number;
  readonly metric: string;
  readonly unit: MetricUnit;
} & Readonly<Record<SummaryStat, number>>;

/** The summaries a run's records come from: per area, its cells and their statistics. */
export type SummarySource = readonly {
  readonly area: string;
  readonly cells: readonly CellSpec[];
  readonly summary: CellSummary;
}[];

/** Whether a metric of `unit` is summarised by its mean alone (its quantiles are missing). */
export function meanOnly(unit: MetricUnit): boolean {
  return unit === 'probability';
}

/**
 * Calls `visit` for each summary row of `summaries` (areas in run order, cells in model order)
 * whose metric `keep` accepts, with the row's statistics in SUMMARY_STATS order in `stats`. The
 * same `stats` array is refilled for every row: read it during the call, do not keep it. Output
 * formats write rows from here without building a record object each.
 */
export function forEachSummaryRow(
  summaries: SummarySource,
  keep: ((metric: string) => boolean) | undefined,
  visit: (area: string, cell: CellSpec, unit: MetricUnit, stats: Float64Array) => void,
): void {
  const nStats = SUMMARY_STATS.length;
  const row = new Float64Array(nStats);
  // Each metric's unit and whether it is kept, looked up once per metric rather than per cell.
  const units = new Map<string, MetricUnit | null>();
  for (const area of summaries) {
    const { cells } = area;
    const { stats } = area.summary;
    for (let c = 0, n = cells.length; c < n; ++c) {
      const cell = cells[c];
      if (cell === undefined) continue;
      let unit = units.get(cell.metric);
      if (unit === undefined) {
        unit = keep === undefined || keep(cell.metric) ? metricInfo(cell.metric).unit : null;
        units.set(cell.metric, unit);
      }
      if (unit === null) continue;
      row[0] = stats[0]?.[c] ?? NaN;
      const only = meanOnly(unit);
      for (let s = 1; s < nStats; ++s) row[s] = only ? NaN : (stats[s]?.[c] ?? NaN);
      visit(area.area, cell, unit, row);
    }
  }
}

/** The summary records of `summaries`: areas in run order, cells in model order. */
export function summaryRecords(
  summaries: SummarySource,
  keep?: (metric: string) => boolean,
): SummaryRecord[] {
  const records: SummaryRecord[] = [];
  forEachSummaryRow(summaries, keep, (area, cell, unit, stats) => {
    // One literal of fixed shape (the SummaryRecord type checks its keys are SUMMARY_STATS):
    // Object.fromEntries per record made slow dictionary-mode objects.
    records.push({
      area,
      year: cell.year,
      metric: cell.metric,
      unit,
      mean: stats[0] ?? NaN,
      p2_5: stats[1] ?? NaN,
      p10: stats[2] ?? NaN,
      p50: stats[3] ?? NaN,
      p90: stats[4] ?? NaN,
      p97_5: stats[5] ?? NaN,
    });
  });
  return records;
}
