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

/** The summary records of `summaries`: areas in run order, cells in model order. */
export function summaryRecords(
  summaries: readonly {
    readonly area: string;
    readonly cells: readonly CellSpec[];
    readonly summary: CellSummary;
  }[],
): SummaryRecord[] {
  const records: SummaryRecord[] = [];
  for (const area of summaries) {
    area.cells.forEach((cell, c) => {
      const { unit } = metricInfo(cell.metric);
      const stats = Object.fromEntries(
        SUMMARY_STATS.map((stat, s) => [
          stat,
          unit === 'probability' && s > 0 ? NaN : (area.summary.stats[s]?.[c] ?? NaN),
        ]),
      ) as Record<SummaryStat, number>;
      records.push({ area: area.area, year: cell.year, metric: cell.metric, unit, ...stats });
    });
  }
  return records;
}
