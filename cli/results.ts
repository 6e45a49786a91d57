/** Formats run summaries for people (tables per area) and tools (CSV, JSON). No maths. */
import { SUMMARY_STATS } from '../engine/run/summary.js';
import type { ScenarioResult } from '../models/run-scenario.js';
import { formatCsv, formatTable, type OutputFormat, type OutputRow } from './format.js';

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

/** Sorts rows by metric then year (the model's metric order), for reading. */
function byMetricThenYear(rows: OutputRow[], metrics: readonly string[]): OutputRow[] {
  const order = new Map(metrics.map((m, i) => [m, i]));
  return [...rows].sort(
    (a, b) =>
      (order.get(String(a.metric)) ?? 0) - (order.get(String(b.metric)) ?? 0) ||
      Number(a.year) - Number(b.year),
  );
}

/** Formats a run's summary in `format`. */
export function formatSummary(result: ScenarioResult, format: OutputFormat): string {
  const rows = summaryRows(result);
  if (format === 'csv') return formatCsv(SUMMARY_COLUMNS, rows);
  if (format === 'json') {
    const s = result.scenario;
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
        summary: rows.map((r) =>
          Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, Number.isNaN(r[c]) ? null : r[c]])),
        ),
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
    const metrics = [...new Set(areaRows.map((r) => String(r.metric)))];
    const members = area.members.length > 1 ? `, ${area.members.length} local authorities` : '';
    parts.push(
      `${area.name} (${area.code}${members}): ${s.model} projection from mid-${s.baseYear}, ${n} replicates, seed ${s.seed}\n` +
        `mean and quantiles over replicates (p2_5 … p97_5: 95 % interval; p10 … p90: 80 %)\n\n` +
        formatTable(
          ['metric', 'year', ...SUMMARY_STATS],
          byMetricThenYear(areaRows, metrics).map((r) => ({ ...r, year: String(r.year) })),
          { digits: 4 },
        ),
    );
  }
  return parts.join('\n');
}
