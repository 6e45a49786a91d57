/** Formats run summaries for people (tables per area) and tools (CSV, JSON). No maths. */
import { SUMMARY_STATS } from '../engine/run/summary.js';
import type { ScenarioResult } from '../models/run-scenario.js';
import {
  formatCsv,
  formatNumber,
  formatTable,
  type OutputFormat,
  type OutputRow,
} from './format.js';

/** Columns of the summary in CSV and JSON, exactly as documented. */
export const SUMMARY_COLUMNS = ['area', 'year', 'metric', ...SUMMARY_STATS] as const;

/** Summary rows: one per area, year and metric, areas in run order, cells in model order. */
export function summaryRows(result: ScenarioResult): OutputRow[] {
  const rows: OutputRow[] = [];
  for (const area of result.summaries) {
    area.cells.forEach((cell, c) => {
      const row: Record<string, string | number> = {
        area: area.area,
        year: cell.year,
        metric: cell.metric,
      };
      SUMMARY_STATS.forEach((stat, s) => {
        row[stat] = area.summary.stats[s]?.[c] ?? NaN;
      });
      rows.push(row);
    });
  }
  return rows;
}

const isAttribution = (metric: string): boolean => metric.startsWith('change_');

/** The attribution rows of a run: per area, year and metric, the change from the base year and its parts (means). */
export function attributionRows(result: ScenarioResult): OutputRow[] {
  const rows: OutputRow[] = [];
  for (const area of result.summaries) {
    const mean = new Map<string, number>();
    area.cells.forEach((cell, c) =>
      mean.set(`${cell.metric}|${cell.year}`, area.summary.stats[0]?.[c] ?? NaN),
    );
    for (const cell of area.cells) {
      const m = /^change_(.+)_demography$/.exec(cell.metric);
      if (!m) continue;
      const metric = m[1] ?? '';
      const part = (p: string): number => mean.get(`change_${metric}_${p}|${cell.year}`) ?? NaN;
      const demography = part('demography');
      const trend = part('trend');
      const interventions = part('interventions');
      rows.push({
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
  return rows;
}

/** Columns of the attribution table. */
export const ATTRIBUTION_COLUMNS = [
  'area',
  'year',
  'metric',
  'change',
  'demography',
  'trend',
  'interventions',
] as const;

/** One row per metric, the mean of each year in columns, then the last year's 80 % interval. */
function wideTable(areaRows: readonly OutputRow[]): string {
  const years = [...new Set(areaRows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  const last = years.at(-1) ?? 0;
  const metrics = [...new Set(areaRows.map((r) => String(r.metric)))].filter(
    (m) => !isAttribution(m),
  );
  const byKey = new Map(areaRows.map((r) => [`${String(r.metric)}|${String(r.year)}`, r]));
  const interval = `${last} p10 … p90`;
  const rows = metrics.map((metric) => {
    const row: Record<string, string | number> = { metric };
    for (const y of years)
      row[String(y)] = (byKey.get(`${metric}|${y}`)?.mean as number | undefined) ?? NaN;
    const end = byKey.get(`${metric}|${last}`);
    row[interval] = end ? `${formatCell(end.p10)} … ${formatCell(end.p90)}` : 'NA';
    return row;
  });
  return formatTable(['metric', ...years.map(String), interval], rows, { digits: 4 });
}

function formatCell(value: OutputRow[string]): string {
  return typeof value === 'number' ? formatNumber(value, 4) : 'NA';
}

/**
 * For each resource with stated capacity: the first year in which running short is more
 * likely than not (the mean of p_shortfall_<r> is that year's probability of a shortfall).
 */
export function shortfallLines(areaRows: readonly OutputRow[]): string[] {
  const byResource = new Map<string, { year: number; p: number }[]>();
  for (const r of areaRows) {
    const m = /^p_shortfall_(.+)$/.exec(String(r.metric));
    if (!m?.[1]) continue;
    const list = byResource.get(m[1]) ?? [];
    list.push({ year: Number(r.year), p: Number(r.mean) });
    byResource.set(m[1], list);
  }
  return [...byResource].map(([resource, years]) => {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    const first = sorted.find((y) => y.p > 0.5);
    const chances = sorted.map((y) => `${y.year} ${Math.round(100 * y.p)} %`).join(', ');
    return first
      ? `${resource}: a shortfall is more likely than not from ${first.year} (chance by year: ${chances})`
      : `${resource}: a shortfall is less likely than not in every year (chance by year: ${chances})`;
  });
}

/** The summary formats of `wcc run`: the output formats plus `wide` (one row per metric). */
export type SummaryFormat = OutputFormat | 'wide';

/**
 * A filter of metric names from `--metrics`: each item matches a metric exactly, or as a
 * prefix when it ends with `*` (e.g. `cost_*`).
 */
export function metricFilter(items: readonly string[]): (metric: string) => boolean {
  return (metric) =>
    items.some((item) =>
      item.endsWith('*') ? metric.startsWith(item.slice(0, -1)) : metric === item,
    );
}

/** Long table rows of one area, by metric then year, with every summary statistic. */
function longTable(areaRows: readonly OutputRow[]): string {
  const metrics = [...new Set(areaRows.map((r) => String(r.metric)))].filter(
    (m) => !isAttribution(m),
  );
  const order = new Map(metrics.map((m, i) => [m, i]));
  const rows = areaRows
    .filter((r) => order.has(String(r.metric)))
    .sort(
      (a, b) =>
        (order.get(String(a.metric)) ?? 0) - (order.get(String(b.metric)) ?? 0) ||
        Number(a.year) - Number(b.year),
    )
    .map((r) => ({ ...r, year: String(r.year) }));
  return formatTable(['metric', 'year', ...SUMMARY_STATS], rows, { digits: 4 });
}

/**
 * Formats a run's summary in `format`, keeping the metrics `keep` accepts (all by default).
 * `table` lists every statistic per metric and year; `wide` is one row per metric.
 */
export function formatSummary(
  result: ScenarioResult,
  format: SummaryFormat,
  keep: (metric: string) => boolean = () => true,
): string {
  const rows = summaryRows(result).filter((r) => keep(String(r.metric)));
  const attribution = attributionRows(result).filter((r) => keep(String(r.metric)));
  if (format === 'csv') return formatCsv(SUMMARY_COLUMNS, rows);
  if (format === 'json') {
    const s = result.scenario;
    const clean = (r: OutputRow, columns: readonly string[]): Record<string, unknown> =>
      Object.fromEntries(columns.map((c) => [c, Number.isNaN(r[c]) ? null : r[c]]));
    return `${JSON.stringify(
      {
        scenario: {
          name: s.name,
          model: s.model,
          base_year: s.baseYear,
          horizon: s.horizon,
          seed: s.seed,
          replicates: { from: result.range.from, to: result.range.to },
        },
        areas: result.areas.map((a) => ({ code: a.code, name: a.name, members: a.members.length })),
        summary: rows.map((r) => clean(r, SUMMARY_COLUMNS)),
        ...(attribution.length > 0
          ? { attribution: attribution.map((r) => clean(r, ATTRIBUTION_COLUMNS)) }
          : {}),
      },
      null,
      2,
    )}\n`;
  }
  const s = result.scenario;
  const n = result.range.to - result.range.from;
  const parts: string[] = [];
  for (const area of result.areas) {
    const areaRows = rows.filter((r) => r.area === area.code);
    const members = area.members.length > 1 ? `, ${area.members.length} local authorities` : '';
    parts.push(
      `${area.name} (${area.code}${members}): ${s.model} projection from mid-${s.baseYear}, ${n} replicates, seed ${s.seed}\n` +
        (format === 'wide'
          ? `mean by year; the last column is the 80 % interval of the last year (--format table for every quantile)\n\n` +
            wideTable(areaRows)
          : `mean and quantiles over replicates (p2_5 … p97_5: 95 % interval; p10 … p90: 80 %; --format wide for a row per metric)\n\n` +
            longTable(areaRows)),
    );
    const shortfalls = shortfallLines(areaRows);
    if (shortfalls.length > 0) parts.push(`\n${shortfalls.join('\n')}\n`);
    const own = attribution.filter((r) => r.area === area.code);
    if (own.length > 0)
      parts.push(
        `\nChange from ${s.baseYear} split into demography, prevalence trend and interventions (means over replicates)\n\n` +
          formatTable(
            ['metric', 'year', 'change', 'demography', 'trend', 'interventions'],
            own.map((r) => ({ ...r, year: String(r.year) })),
            { digits: 4 },
          ),
      );
  }
  return parts.join('\n');
}
