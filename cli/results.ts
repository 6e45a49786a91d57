/** Formats run summaries for people (tables per area) and tools (CSV, JSON). No maths. */
import { SUMMARY_STATS } from '../engine/run/summary.js';
import type { ScenarioResult } from '../models/run-scenario.js';
import {
  attributionRecords,
  isAttributionMetric,
  type AttributionRecord,
} from '../models/results/attribution.js';
import { shortfallOutlook, type ShortfallOutlook } from '../models/results/shortfall.js';
import {
  SUMMARY_COLUMNS,
  forEachSummaryRow,
  summaryRecords,
  type SummaryRecord,
} from '../models/results/summary.js';
import { describeRun } from './describe-run.js';
import { metricInfo } from '../models/registry/metrics.js';
import { assessTargets } from '../models/plan/model.js';
import { TARGET_COLUMNS, targetRows } from './targets-table.js';
import { baseYearShortfalls } from '../models/demand/base-year-check.js';
import {
  csvHeader,
  csvNumber,
  csvText,
  formatNumber,
  formatRows,
  formatTable,
  TextLines,
  type OutputFormat,
} from './format.js';

export { SUMMARY_COLUMNS };

/** Summary rows: one per area, year and metric, areas in run order, cells in model order. */
export function summaryRows(result: Pick<ScenarioResult, 'summaries'>): SummaryRecord[] {
  return summaryRecords(result.summaries);
}

/** Appends `value` to the list of `key` in `groups`. */
function pushTo<T>(groups: Map<string, T[]>, key: string, value: T): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

/** Columns of the attribution in JSON: the keys of each AttributionRecord, in order. */
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
function wideTable(areaRows: readonly SummaryRecord[]): string {
  const years = [...new Set(areaRows.map((r) => r.year))].sort((a, b) => a - b);
  const last = years.at(-1) ?? 0;
  const metrics = [...new Set(areaRows.map((r) => r.metric))];
  const byKey = new Map(areaRows.map((r) => [`${r.metric}|${r.year}`, r]));
  const interval = `${last} p10 … p90`;
  const rows = metrics.map((metric) => {
    const end = byKey.get(`${metric}|${last}`);
    const row: Record<string, string | number> = { metric, unit: end?.unit ?? '' };
    for (const y of years) row[String(y)] = byKey.get(`${metric}|${y}`)?.mean ?? NaN;
    row[interval] =
      end && !Number.isNaN(end.p10) ? `${formatCell(end.p10)} … ${formatCell(end.p90)}` : '';
    return row;
  });
  return formatTable(['metric', 'unit', ...years.map(String), interval], rows, { digits: 4 });
}

function formatCell(value: number): string {
  return formatNumber(value, 4);
}

/** The lines saying, per resource, when a shortfall becomes more likely than not. */
export function shortfallLines(outlooks: readonly ShortfallOutlook[]): string[] {
  return outlooks.map((o) => {
    const chances = o.years.map((y) => `${y.year} ${Math.round(100 * y.p)} %`).join(', ');
    return o.firstLikely !== undefined
      ? `${o.resource}: a shortfall is more likely than not from ${o.firstLikely} (chance by year: ${chances})`
      : `${o.resource}: a shortfall is less likely than not in every year (chance by year: ${chances})`;
  });
}

/** The summary formats of `wcc run`: the output formats plus `wide` (one row per metric). */
export type SummaryFormat = OutputFormat | 'wide';

/** Long table rows of one area, by metric then year, with every summary statistic. */
function longTable(areaRows: readonly SummaryRecord[]): string {
  const metrics = [...new Set(areaRows.map((r) => r.metric))];
  const order = new Map(metrics.map((m, i) => [m, i]));
  const rows = [...areaRows]
    .sort((a, b) => (order.get(a.metric) ?? 0) - (order.get(b.metric) ?? 0) || a.year - b.year)
    .map((r) => {
      const row: Record<string, string | number> = { ...r, year: String(r.year) };
      // A probability is one figure: its quantiles (of 0/1 values) are left blank.
      if (r.unit === 'probability') for (const s of SUMMARY_STATS.slice(1)) row[s] = '';
      return row;
    });
  return formatTable(['metric', 'unit', 'year', ...SUMMARY_STATS], rows, { digits: 4 });
}

/**
 * The CSV summary, written line by line from the summaries' statistics (no record object per
 * row). Each text field is quoted once per distinct value, and a statistic equal to the one
 * before it in its row (a metric the same in every replicate) reuses that one's text.
 */
function csvSummary(result: ScenarioResult, keep: (metric: string) => boolean): string {
  const quoted = new Map<string, string>();
  const text = (value: string): string => {
    let field = quoted.get(value);
    if (field === undefined) {
      field = csvText(value);
      quoted.set(value, field);
    }
    return field;
  };
  const lines = new TextLines();
  lines.push(csvHeader(SUMMARY_COLUMNS));
  forEachSummaryRow(result.summaries, keep, (area, cell, unit, stats) => {
    let line = `${text(area)},${csvNumber(cell.year)},${text(cell.metric)},${text(unit)}`;
    let last = NaN;
    let lastText = '';
    for (let s = 0, n = stats.length; s < n; ++s) {
      const value = stats[s] ?? NaN;
      // NaN never equals the last value, so a missing statistic is always written afresh.
      if (value !== last) {
        last = value;
        lastText = csvNumber(value);
      }
      line += `,${lastText}`;
    }
    lines.push(line);
  });
  return lines.text();
}

/**
 * The JSON summary: the whole scenario (plan included), the areas, the summary and attribution.
 * The records go to JSON as they are: their keys are the columns in order, and JSON writes a
 * missing (NaN) statistic as null.
 */
function jsonSummary(
  result: ScenarioResult,
  rows: readonly SummaryRecord[],
  attribution: readonly AttributionRecord[],
): string {
  return `${JSON.stringify(
    {
      scenario: { ...result.scenario, replicates: result.scenario.replicates },
      range: { from: result.range.from, to: result.range.to },
      areas: result.areas.map((a) => ({
        code: a.code,
        name: a.name,
        members: a.members,
        capacity: result.capacity[a.code] ?? {},
      })),
      summary: rows,
      ...(attribution.length > 0 ? { attribution } : {}),
    },
    null,
    2,
  )}\n`;
}

/**
 * Formats a run's summary in `format`, keeping the metrics `keep` accepts (all by default).
 * `table` lists every statistic per metric and year; `wide` is one row per metric. Tables start
 * with what was run and the plan in force.
 */
export function formatSummary(
  result: ScenarioResult,
  format: SummaryFormat,
  keep: (metric: string) => boolean = () => true,
): string {
  if (format === 'csv') return csvSummary(result, keep);
  const rows = summaryRecords(result.summaries, keep);
  const attribution = attributionRecords(result.summaries).filter((r) => keep(r.metric));
  if (format === 'json') return jsonSummary(result, rows, attribution);
  const s = result.scenario;
  const outlooks = shortfallOutlook(result.summaries);
  const parts: string[] = [describeRun(result)];
  const warnings = baseYearShortfalls(result.summaries, s.baseYear);
  if (warnings.length > 0)
    parts.push(`${warnings.map((w) => `warning: ${w.message}`).join('\n')}\n`);
  // Rows grouped by area in one pass (outcomes apart, attribution parts left out), each metric's
  // model looked up once: filtering every row for every area was quadratic in the areas.
  const isOutcome = new Map<string, boolean>();
  const areaRows = new Map<string, SummaryRecord[]>();
  const outcomeRows = new Map<string, SummaryRecord[]>();
  for (const r of rows) {
    let outcome = isOutcome.get(r.metric);
    if (outcome === undefined) {
      outcome = metricInfo(r.metric).model === 'outcomes';
      isOutcome.set(r.metric, outcome);
    }
    if (outcome) pushTo(outcomeRows, r.area, r);
    else if (!isAttributionMetric(r.metric)) pushTo(areaRows, r.area, r);
  }
  const areaOutlooks = new Map<string, ShortfallOutlook[]>();
  for (const o of outlooks) pushTo(areaOutlooks, o.area, o);
  const areaAttribution = new Map<string, AttributionRecord[]>();
  for (const r of attribution) pushTo(areaAttribution, r.area, r);
  for (const area of result.areas) {
    const members = area.members.length > 1 ? `, ${area.members.length} local authorities` : '';
    const own = areaRows.get(area.code) ?? [];
    parts.push(
      `\n${area.name} (${area.code}${members})\n` +
        (format === 'wide'
          ? `mean by year; the last column is the 80 % interval of the last year (--format table for every quantile)\n\n` +
            wideTable(own)
          : `mean and quantiles over replicates (p2_5 … p97_5: 95 % interval; p10 … p90: 80 %; a probability is its mean alone)\n\n` +
            longTable(own)),
    );
    const shortfalls = shortfallLines(areaOutlooks.get(area.code) ?? []);
    if (shortfalls.length > 0) parts.push(`\n${shortfalls.join('\n')}\n`);
    const changes = areaAttribution.get(area.code) ?? [];
    if (changes.length > 0)
      parts.push(
        `\nChange from ${s.baseYear} split into demography, prevalence trend and interventions (means over replicates; cost_net's interventions part includes programme costs)\n\n` +
          formatTable(
            ['metric', 'year', 'change', 'demography', 'trend', 'interventions'],
            changes.map((r) => ({ ...r, year: String(r.year) })),
            { digits: 4 },
          ),
      );
  }
  // The chain ends in health: the outcomes last, then the plan's targets.
  for (const area of result.areas) {
    const own = outcomeRows.get(area.code) ?? [];
    if (own.length > 0)
      parts.push(
        `\nHealth outcomes, ${area.name} (${area.code}): mean by year and the last year's 80 % interval\n\n` +
          wideTable(own),
      );
  }
  const plan = result.scenario.plan;
  if (plan && result.summaries.every((a) => a.derived ?? a.values)) {
    const assessed = assessTargets(plan, s.baseYear, result.summaries).filter((a) =>
      keep(a.outcome.numerator),
    );
    if (assessed.length > 0)
      parts.push(
        `\nTargets: P(meet) is the share of replicates meeting the target; RAG green ≥ ${plan.rag.green}, amber ≥ ${plan.rag.amber} (\`wcc targets\` adds the baseline and the plan's own contribution)\n\n` +
          formatRows(
            'table',
            TARGET_COLUMNS.filter((c) => !c.startsWith('baseline') && c !== 'plan_adds'),
            targetRows(assessed, true),
            { digits: 4 },
          ),
      );
  }
  return parts.join('');
}
