/**
 * How likely a plan is to meet its targets: for each area and outcome, the base-year value, the
 * projection in the target year (mean and 80 % interval), P(meet) (the share of replicates that
 * meet the target), its red / amber / green rating, the P(meet) of each milestone, and the first
 * year the trajectory is more likely than not to be off track; beside them the same under the
 * baseline on the same replicates, so the plan's own contribution shows.
 */
import type { Probability } from '../../engine/stats/probability-of-meeting.js';
import { areaSummariser } from '../../engine/run/area-summariser.js';
import type { AreaSummary, DerivedCells, ThresholdCount } from '../../engine/run/run.js';
import { SUMMARY_STATS, type CellSummary, type SummaryStat } from '../../engine/run/summary.js';
import type { CellSpec } from '../../engine/run/types.js';
import type { Plan, PlanOutcome } from './schema.js';

/** A red / amber / green rating of P(meet). */
export type Rag = 'green' | 'amber' | 'red';

/** The rating of `p` under the plan's thresholds. */
export function ragOf(p: number, rag: Plan['rag']): Rag {
  return p >= rag.green ? 'green' : p >= rag.amber ? 'amber' : 'red';
}

/** One outcome of one area, assessed. */
export interface TargetAssessment {
  readonly area: string;
  readonly outcome: PlanOutcome;
  /** The outcome's mean in the base year. */
  readonly baseValue: number;
  /** The projection in the target year: mean, 10th and 90th percentiles. */
  readonly projected: { readonly mean: number; readonly p10: number; readonly p90: number };
  readonly pMeet: Probability;
  readonly rag: Rag;
  readonly milestones: readonly { year: number; value: number; pMeet: Probability }[];
  /** First year whose aspiration (milestone, else the straight line to the target) is met with P < 0.5. */
  readonly offTrackYear?: number;
  /** The same under the baseline, when assessed. */
  readonly baseline?: { readonly mean: number; readonly pMeet: Probability; readonly rag: Rag };
}

/** The replicates' values of `outcome` in `year` for one area (numerator / denominator × per). */
export function outcomeValues(area: AreaSummary, outcome: PlanOutcome, year: number): Float64Array {
  const values = area.values;
  if (!values) throw new Error('targets: the run kept no replicate values');
  const n = area.cells.length;
  const replicates = values.length / n;
  const at = (metric: string): number => {
    const i = area.cells.findIndex((c) => c.metric === metric && c.year === year);
    if (i < 0) throw new Error(`targets: no cell ${metric} in ${year} for ${area.area}`);
    return i;
  };
  const num = at(outcome.numerator);
  const den = outcome.denominator === undefined ? -1 : at(outcome.denominator);
  const out = new Float64Array(replicates);
  for (let r = 0; r < replicates; ++r) {
    const x = values[r * n + num]!;
    out[r] = den < 0 ? x * outcome.per : (x / values[r * n + den]!) * outcome.per;
  }
  return out;
}

/** The aspiration of each year after the base year up to the target: milestones, else a straight line between them. */
export function aspirations(
  outcome: PlanOutcome,
  baseYear: number,
  baseValue: number,
): { year: number; value: number }[] {
  const points = [{ year: baseYear, value: baseValue }, ...outcome.milestones];
  if (points.at(-1)!.year !== outcome.year)
    points.push({ year: outcome.year, value: outcome.target });
  const out: { year: number; value: number }[] = [];
  for (let k = 1; k < points.length; ++k) {
    const a = points[k - 1]!;
    const b = points[k]!;
    for (let y = a.year + 1; y <= b.year; ++y)
      out.push({
        year: y,
        value: a.value + ((b.value - a.value) * (y - a.year)) / (b.year - a.year),
      });
  }
  return out;
}

/** Where each outcome's derived cells lie: outcome i in year y is cell `first[i] + y − baseYear`. */
function derivedLayout(plan: Plan, baseYear: number): { cells: CellSpec[]; first: number[] } {
  const cells: CellSpec[] = [];
  const first: number[] = [];
  plan.outcomes.forEach((o, i) => {
    first.push(cells.length);
    for (let y = baseYear; y <= o.year; ++y) cells.push({ year: y, metric: `outcome ${i}` });
  });
  return { cells, first };
}

/** The counts asked of the derived cells, in order: per outcome its target, milestones, aspirations. */
function planThresholds(plan: Plan, baseYear: number, summary: CellSummary): ThresholdCount[] {
  const { first } = derivedLayout(plan, baseYear);
  const out: ThresholdCount[] = [];
  plan.outcomes.forEach((o, i) => {
    const at = (year: number): number => first[i]! + year - baseYear;
    const baseValue = summary.stats[0]![at(baseYear)]!;
    out.push({ cell: at(o.year), threshold: o.target, better: o.better });
    for (const m of o.milestones)
      out.push({ cell: at(m.year), threshold: m.value, better: o.better });
    for (const a of aspirations(o, baseYear, baseValue))
      out.push({ cell: at(a.year), threshold: a.value, better: o.better });
  });
  return out;
}

/**
 * What a run must derive for a plan's assessment without keeping every replicate: each
 * outcome's value (its ratio when it is one) in every year from the base year to its target year,
 * summarised like any cell, and the replicates meeting its target, milestones and aspirations
 * (`runMonteCarlo`'s `derive` option).
 */
export function planDerivation(
  plan: Plan,
  baseYear: number,
): (area: string, cells: readonly CellSpec[]) => DerivedCells {
  return (area, cells) => {
    const layout = derivedLayout(plan, baseYear);
    const n = cells.length;
    const index = (metric: string, year: number): number => {
      const i = cells.findIndex((c) => c.metric === metric && c.year === year);
      if (i < 0) throw new Error(`targets: no cell ${metric} in ${year} for ${area}`);
      return i;
    };
    const k = layout.cells.length;
    const num = new Int32Array(k);
    const den = new Int32Array(k).fill(-1);
    const per = new Float64Array(k);
    plan.outcomes.forEach((o, i) => {
      for (let y = baseYear; y <= o.year; ++y) {
        const j = layout.first[i]! + y - baseYear;
        num[j] = index(o.numerator, y);
        if (o.denominator !== undefined) den[j] = index(o.denominator, y);
        per[j] = o.per;
      }
    });
    return {
      cells: layout.cells,
      derive(values, replicates, out) {
        for (let r = 0; r < replicates; ++r)
          for (let j = 0; j < k; ++j) {
            const x = values[r * n + num[j]!]!;
            const d = den[j]!;
            // As `outcomeValues`: a ratio is (x / y)·per, anything else x·per.
            out[r * k + j] = d < 0 ? x * per[j]! : (x / values[r * n + d]!) * per[j]!;
          }
      },
      thresholds: (summary) => planThresholds(plan, baseYear, summary),
    };
  };
}

/**
 * The derived statistics of an area: those the run streamed (`planDerivation`), else computed
 * from the replicate values it kept (the same numbers either way).
 */
function derivedOf(
  plan: Plan,
  baseYear: number,
  area: AreaSummary,
): NonNullable<AreaSummary['derived']> {
  if (area.derived) return area.derived;
  const values = area.values;
  if (!values) throw new Error('targets: the run kept no replicate values');
  const replicates = values.length / area.cells.length;
  const spec = planDerivation(plan, baseYear)(area.area, area.cells);
  const k = spec.cells.length;
  const derived = new Float64Array(replicates * k);
  spec.derive(values, replicates, derived);
  const summariser = areaSummariser(k, replicates, Infinity);
  summariser.fold(derived, replicates);
  summariser.endPass();
  summariser.count(spec.thresholds!(summariser.summary()));
  return {
    cells: spec.cells,
    summary: summariser.summary(),
    counts: summariser.counts(),
    replicates,
  };
}

/** Assesses every outcome of `plan` in every area of a run (derived statistics or values kept). */
export function assessTargets(
  plan: Plan,
  baseYear: number,
  summaries: readonly AreaSummary[],
  baseline?: readonly AreaSummary[],
): TargetAssessment[] {
  const out: TargetAssessment[] = [];
  const { first } = derivedLayout(plan, baseYear);
  summaries.forEach((area, k) => {
    const d = derivedOf(plan, baseYear, area);
    const other = baseline?.[k] ? derivedOf(plan, baseYear, baseline[k]) : undefined;
    const share = (count: number, n: number): Probability => (count / n) as Probability;
    let q = 0;
    plan.outcomes.forEach((outcome, i) => {
      const at = (year: number): number => first[i]! + year - baseYear;
      const stat = (s: SummaryStat, year: number): number =>
        d.summary.stats[SUMMARY_STATS.indexOf(s)]![at(year)]!;
      const baseValue = stat('mean', baseYear);
      // The counts come in `planThresholds`' order: target, milestones, aspirations.
      const targetAt = q;
      const pMeet = share(d.counts[q++]!, d.replicates);
      const milestones = outcome.milestones.map((m) => ({
        ...m,
        pMeet: share(d.counts[q++]!, d.replicates),
      }));
      const aspired = aspirations(outcome, baseYear, baseValue);
      const offTrack = aspired.find((_, j) => share(d.counts[q + j]!, d.replicates) < 0.5);
      q += aspired.length;
      let baselineResult: TargetAssessment['baseline'];
      if (other) {
        const p = share(other.counts[targetAt]!, other.replicates);
        baselineResult = {
          mean: other.summary.stats[0]![at(outcome.year)]!,
          pMeet: p,
          rag: ragOf(p, plan.rag),
        };
      }
      out.push({
        area: area.area,
        outcome,
        baseValue,
        projected: {
          mean: stat('mean', outcome.year),
          p10: stat('p10', outcome.year),
          p90: stat('p90', outcome.year),
        },
        pMeet,
        rag: ragOf(pMeet, plan.rag),
        milestones,
        ...(offTrack ? { offTrackYear: offTrack.year } : {}),
        ...(baselineResult ? { baseline: baselineResult } : {}),
      });
    });
  });
  return out;
}
