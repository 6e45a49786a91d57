/**
 * What a run's report shows, as plain data (no drawing): the headline outcomes with P(meet) and
 * RAG, the net cost, fan charts (the 50, 80 and 95 % central intervals of the replicates, year by
 * year) of each outcome and of the key activity, the waterfall of the change from the base year
 * split into demography, prevalence trend and interventions, and capacity required against
 * available with the probability of a shortfall each year. Quantiles are type 7 (Hyndman & Fan
 * 1996), as in the run's summary.
 */
import type { AreaSummary } from '../../engine/run/run.js';
import { SUMMARY_STATS, type SummaryStat } from '../../engine/run/summary.js';
import { selectQuantiles } from '../../engine/stats/select-quantiles.js';
import { meanOf } from '../../engine/stats/welford.js';
import { assessTargets, outcomeValues, type TargetAssessment } from '../plan/model.js';
import type { Plan, PlanOutcome } from '../plan/schema.js';
import { metricInfo, RESOURCE_METRICS, type MetricUnit } from '../registry/metrics.js';
import { attributionRecords } from '../results/attribution.js';

/** Probabilities of the fan's quantiles: the 95, 80 and 50 % central intervals and the median. */
export const FAN_QUANTILES = [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975] as const;
/** Names of FAN_QUANTILES, in order. */
export const FAN_STATS = ['p2_5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p97_5'] as const;
export type FanStat = (typeof FAN_STATS)[number];

/** One year of a fan: the mean and the quantiles of the replicates. */
export type FanPoint = { readonly year: number; readonly mean: number } & Readonly<
  Record<FanStat, number>
>;

/** A fan chart of one metric (or plan outcome) of one area. */
export interface FanChart {
  readonly area: string;
  /** The metric, or the plan outcome's label. */
  readonly metric: string;
  readonly unit: string;
  readonly points: readonly FanPoint[];
  /** The baseline's median each year, when the baseline was run. */
  readonly baseline?: readonly { readonly year: number; readonly value: number }[];
  /** The plan's target and milestones on this outcome. */
  readonly targets: readonly {
    readonly year: number;
    readonly value: number;
    readonly kind: 'target' | 'milestone';
  }[];
}

/** The change of one metric from the base year to the last year, in its three parts. */
export interface Waterfall {
  readonly area: string;
  readonly metric: string;
  readonly unit: MetricUnit;
  readonly fromYear: number;
  readonly toYear: number;
  /** Means over replicates in the base and the last year. */
  readonly from: number;
  readonly to: number;
  /** The parts, in order, each with where its bar starts and ends (cumulative from 0). */
  readonly steps: readonly {
    readonly part: 'demography' | 'trend' | 'interventions' | 'total';
    readonly value: number;
    readonly start: number;
    readonly end: number;
  }[];
}

/** Capacity of one resource of one area: required (quantiles) against available, by year. */
export interface CapacityChart {
  readonly area: string;
  readonly resource: string;
  readonly unit: MetricUnit;
  readonly years: readonly {
    readonly year: number;
    readonly required: FanPoint;
    /** Mean capacity available (fixed unless a capacity lever is uncertain). */
    readonly available: number;
    /** The share of replicates in which required exceeds available. */
    readonly pShortfall: number;
  }[];
  /** The first year with P(shortfall) above 0.5 (undefined: none). */
  readonly firstLikely?: number;
}

/** The net cost of one area in the last year. */
export interface NetCost {
  readonly area: string;
  readonly year: number;
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
}

/** Everything a report shows. */
export interface ReportModel {
  readonly baseYear: number;
  readonly lastYear: number;
  readonly replicates: number;
  readonly plan?: Plan;
  readonly assessments: readonly TargetAssessment[];
  readonly netCost: readonly NetCost[];
  readonly fans: readonly FanChart[];
  readonly waterfalls: readonly Waterfall[];
  readonly capacity: readonly CapacityChart[];
}

/** What the report is built from: a run with its replicate values and, optionally, its baseline. */
export interface ReportInput {
  readonly baseYear: number;
  readonly horizon: number;
  readonly summaries: readonly AreaSummary[];
  /** The same scenario without interventions, levers or capacity, on the same replicates. */
  readonly baseline?: readonly AreaSummary[];
  readonly plan?: Plan;
}

/** Metrics that are health outcomes (life expectancy, its inequality, deaths averted …). */
const OUTCOME_PATTERN = /^(le_|hle_|sii_|gap_|deaths_averted|cases_avoided_)/;
/** Key activity and cost shown as fans, in order, when the run has them. */
export const KEY_ACTIVITY = [
  'nel_admissions',
  'ae_attendances',
  'gp_appointments',
  'op_followup',
  'cost_net',
] as const;
/** Fallbacks for runs without activity: registers, else population. */
const FALLBACK_PATTERN = [/^register_/, /^population_(total|65_84|85_plus)$/] as const;
/** At most this many fallback metrics. */
const MAX_FALLBACK = 4;
/** Metrics whose change is drawn as a waterfall, when attributed. */
export const WATERFALL_METRICS = ['nel_admissions', 'gp_appointments', 'cost_net'] as const;

/** The metrics of an area, once each, in model order. */
function metricsOf(area: AreaSummary): string[] {
  return [...new Set(area.cells.map((c) => c.metric))];
}

function valuesOf(area: AreaSummary): Float64Array {
  if (!area.values) throw new Error('report: the run kept no replicate values');
  return area.values;
}

/** The replicates' values of cell `c` (replicate-major storage). */
function column(area: AreaSummary, c: number): Float64Array {
  const values = valuesOf(area);
  const n = area.cells.length;
  const replicates = values.length / n;
  const out = new Float64Array(replicates);
  for (let r = 0; r < replicates; ++r) out[r] = values[r * n + c]!;
  return out;
}

/** Mean and fan quantiles of `values` (reordered in place). */
export function fanPoint(year: number, values: Float64Array): FanPoint {
  const mean = meanOf(values, values.length);
  const q = new Float64Array(FAN_QUANTILES.length);
  selectQuantiles(values, FAN_QUANTILES, q);
  return {
    year,
    mean,
    ...(Object.fromEntries(FAN_STATS.map((s, k) => [s, q[k]!])) as Record<FanStat, number>),
  };
}

/** The fan of `metric` in `area`, one point per year the run holds. */
function metricFan(area: AreaSummary, metric: string): FanPoint[] {
  const points: FanPoint[] = [];
  area.cells.forEach((cell, c) => {
    if (cell.metric === metric) points.push(fanPoint(cell.year, column(area, c)));
  });
  return points.sort((a, b) => a.year - b.year);
}

const yearsOf = (area: AreaSummary): number[] =>
  [...new Set(area.cells.map((c) => c.year))].sort((a, b) => a - b);

const outcomeUnit = (o: PlanOutcome): string =>
  o.denominator === undefined
    ? metricInfo(o.numerator).unit
    : `${metricInfo(o.numerator).unit} per ${o.per === 1 ? '' : `${o.per.toLocaleString('en-GB')} `}${metricInfo(o.denominator).unit}`;

/** A plan outcome's fan (its ratio when it is one), with the target and milestones marked. */
function outcomeFan(area: AreaSummary, outcome: PlanOutcome, baseline?: AreaSummary): FanChart {
  const read = (a: AreaSummary, year: number): Float64Array => outcomeValues(a, outcome, year);
  const years = yearsOf(area);
  return {
    area: area.area,
    metric: outcome.label,
    unit: outcomeUnit(outcome),
    points: years.map((y) => fanPoint(y, read(area, y))),
    ...(baseline
      ? { baseline: years.map((y) => ({ year: y, value: fanPoint(y, read(baseline, y)).p50 })) }
      : {}),
    targets: [
      ...outcome.milestones.map((m) => ({ ...m, kind: 'milestone' as const })),
      { year: outcome.year, value: outcome.target, kind: 'target' as const },
    ],
  };
}

/** The metrics drawn as fans for an area of a run without a plan naming them. */
export function fanMetrics(metrics: readonly string[], planned: ReadonlySet<string>): string[] {
  const outcomes = metrics.filter((m) => OUTCOME_PATTERN.test(m) && !planned.has(m));
  const activity = KEY_ACTIVITY.filter((m) => metrics.includes(m) && !planned.has(m));
  if (activity.length > 0) return [...outcomes, ...activity];
  for (const pattern of FALLBACK_PATTERN) {
    const found = metrics.filter((m) => pattern.test(m)).slice(0, MAX_FALLBACK);
    if (found.length > 0) return [...outcomes, ...found];
  }
  return outcomes;
}

/** The waterfalls of a run with attribution: the change to the last year of each WATERFALL_METRICS. */
function waterfalls(summaries: readonly AreaSummary[], baseYear: number): Waterfall[] {
  const out: Waterfall[] = [];
  const records = attributionRecords(summaries);
  for (const area of summaries) {
    const last = Math.max(...yearsOf(area));
    for (const metric of WATERFALL_METRICS) {
      const r = records.find((x) => x.area === area.area && x.metric === metric && x.year === last);
      if (!r) continue;
      const mean = (year: number): number => {
        const c = area.cells.findIndex((x) => x.metric === metric && x.year === year);
        return c < 0 ? NaN : (area.summary.stats[0]?.[c] ?? NaN);
      };
      let at = 0;
      const steps: Waterfall['steps'][number][] = [];
      for (const part of ['demography', 'trend', 'interventions'] as const) {
        steps.push({ part, value: r[part], start: at, end: at + r[part] });
        at += r[part];
      }
      steps.push({ part: 'total', value: r.change, start: 0, end: r.change });
      out.push({
        area: area.area,
        metric,
        unit: metricInfo(metric).unit,
        fromYear: baseYear,
        toYear: last,
        from: mean(baseYear),
        to: mean(last),
        steps,
      });
    }
  }
  return out;
}

/** Capacity charts of every resource with stated capacity. */
function capacityCharts(summaries: readonly AreaSummary[]): CapacityChart[] {
  const out: CapacityChart[] = [];
  for (const area of summaries) {
    const metrics = new Set(metricsOf(area));
    for (const r of RESOURCE_METRICS) {
      const available = `capacity_${r.resource}`;
      const p = `p_shortfall_${r.resource}`;
      if (!metrics.has(available) || !metrics.has(r.required) || !metrics.has(p)) continue;
      const required = metricFan(area, r.required);
      const availableMean = metricFan(area, available);
      const shortfall = metricFan(area, p);
      const years = required.map((q, k) => ({
        year: q.year,
        required: q,
        available: availableMean[k]?.mean ?? NaN,
        pShortfall: shortfall[k]?.mean ?? NaN,
      }));
      const first = years.find((y) => y.pShortfall > 0.5);
      out.push({
        area: area.area,
        resource: r.resource,
        unit: r.unit,
        years,
        ...(first ? { firstLikely: first.year } : {}),
      });
    }
  }
  return out;
}

/** The run's own summary (mean and 80 % interval) of `metric` in the area's last year. */
function lastYearSummary(area: AreaSummary, metric: string): NetCost | undefined {
  let c = -1;
  area.cells.forEach((cell, k) => {
    if (cell.metric === metric && (c < 0 || cell.year > area.cells[c]!.year)) c = k;
  });
  if (c < 0) return undefined;
  const stat = (s: SummaryStat): number => area.summary.stats[SUMMARY_STATS.indexOf(s)]?.[c] ?? NaN;
  return {
    area: area.area,
    year: area.cells[c]!.year,
    mean: stat('mean'),
    p10: stat('p10'),
    p90: stat('p90'),
  };
}

/** Builds everything a report shows from a run's replicate values. */
export function buildReport(input: ReportInput): ReportModel {
  const { summaries, baseline, plan, baseYear } = input;
  const assessments = plan ? assessTargets(plan, baseYear, summaries, baseline) : [];
  const planned = new Set(plan?.outcomes.map((o) => o.numerator) ?? []);
  const fans: FanChart[] = [];
  const netCost: NetCost[] = [];
  summaries.forEach((area, k) => {
    const other = baseline?.[k];
    for (const outcome of plan?.outcomes ?? []) fans.push(outcomeFan(area, outcome, other));
    for (const metric of fanMetrics(metricsOf(area), planned)) {
      // A metric the baseline does not make (cases avoided by interventions) has no baseline.
      const base = other ? metricFan(other, metric) : [];
      fans.push({
        area: area.area,
        metric,
        unit: metricInfo(metric).unit,
        points: metricFan(area, metric),
        ...(base.length > 0 ? { baseline: base.map((b) => ({ year: b.year, value: b.p50 })) } : {}),
        targets: [],
      });
    }
    const cost = lastYearSummary(area, 'cost_net');
    if (cost) netCost.push(cost);
  });
  const replicates = summaries[0]?.values
    ? summaries[0].values.length / summaries[0].cells.length
    : 0;
  return {
    baseYear,
    lastYear: baseYear + input.horizon,
    replicates,
    ...(plan ? { plan } : {}),
    assessments,
    netCost,
    fans,
    waterfalls: waterfalls(summaries, baseYear),
    capacity: capacityCharts(summaries),
  };
}
