/**
 * When capacity runs short: for each resource with stated capacity, the probability of a
 * shortfall each year (the mean of `p_shortfall_<r>`) and the first year in which a shortfall is
 * more likely than not.
 */
import type { AreaSummary } from '../../engine/run/run.js';

/** One resource's chance of running short by year. */
export interface ShortfallOutlook {
  readonly area: string;
  readonly resource: string;
  /** Years in order with the probability of a shortfall in each. */
  readonly years: readonly { readonly year: number; readonly p: number }[];
  /** The first year with a probability above 0.5 (undefined: none). */
  readonly firstLikely?: number;
}

/** The shortfall outlook of every area and resource with stated capacity. */
export function shortfallOutlook(summaries: readonly AreaSummary[]): ShortfallOutlook[] {
  const outlooks: ShortfallOutlook[] = [];
  for (const area of summaries) {
    const byResource = new Map<string, { year: number; p: number }[]>();
    area.cells.forEach((cell, c) => {
      const m = /^p_shortfall_(.+)$/.exec(cell.metric);
      if (!m?.[1]) return;
      const list = byResource.get(m[1]) ?? [];
      list.push({ year: cell.year, p: area.summary.stats[0]?.[c] ?? NaN });
      byResource.set(m[1], list);
    });
    for (const [resource, list] of byResource) {
      const years = [...list].sort((a, b) => a.year - b.year);
      const first = years.find((y) => y.p > 0.5);
      outlooks.push({
        area: area.area,
        resource,
        years,
        ...(first ? { firstLikely: first.year } : {}),
      });
    }
  }
  return outlooks;
}
