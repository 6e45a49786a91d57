/**
 * Change attribution of a run: the change of each attributed metric from the base year, split
 * into demography, prevalence trend and interventions. The parts are computed inside each
 * replicate (so they add up exactly there); here their means are gathered and summed.
 */
import type { AreaSummary } from '../../engine/run/run.js';
import { ATTRIBUTION_PARTS } from '../registry/metrics.js';

/** One metric's change in one year of one area, and its parts (means over replicates). */
export interface AttributionRecord {
  readonly area: string;
  readonly year: number;
  readonly metric: string;
  readonly change: number;
  readonly demography: number;
  readonly trend: number;
  readonly interventions: number;
}

/** Whether `metric` is an attribution part (`change_<metric>_<part>`). */
export function isAttributionMetric(metric: string): boolean {
  return metric.startsWith('change_');
}

/** The attribution records of a run, per area, year and metric (empty without attribution). */
export function attributionRecords(summaries: readonly AreaSummary[]): AttributionRecord[] {
  const records: AttributionRecord[] = [];
  for (const area of summaries) {
    // The means of the attribution cells alone, keyed by metric and year (most runs have none,
    // and a key for every cell of every area cost more than the rest of a JSON summary).
    const mean = new Map<string, number>();
    area.cells.forEach((cell, c) => {
      if (isAttributionMetric(cell.metric))
        mean.set(`${cell.metric}|${cell.year}`, area.summary.stats[0]?.[c] ?? NaN);
    });
    if (mean.size === 0) continue;
    for (const cell of area.cells) {
      const m = /^change_(.+)_demography$/.exec(cell.metric);
      if (!m?.[1]) continue;
      const metric = m[1];
      const [demography, trend, interventions] = ATTRIBUTION_PARTS.map(
        (p) => mean.get(`change_${metric}_${p}|${cell.year}`) ?? NaN,
      ) as [number, number, number];
      records.push({
        area: area.area,
        year: cell.year,
        metric,
        change: demography + trend + interventions,
        demography,
        trend,
        interventions,
      });
    }
  }
  return records;
}
