/**
 * How likely a plan is to meet its targets: for each area and outcome, the base-year value, the
 * projection in the target year (mean and 80 % interval), P(meet) (the share of replicates that
 * meet the target), its red / amber / green rating, the P(meet) of each milestone, and the first
 * year the trajectory is more likely than not to be off track; beside them the same under the
 * baseline on the same replicates, so the plan's own contribution shows.
 */
import { selectQuantiles } from '../../engine/stats/select-quantiles.js';
import { meanOf } from '../../engine/stats/welford.js';
import {
  probabilityOfMeeting,
  type Probability,
} from '../../engine/stats/probability-of-meeting.js';
import type { AreaSummary } from '../../engine/run/run.js';
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

const QUANTILES = [0.1, 0.9];

/** Assesses every outcome of `plan` in every area of a run (replicate values kept). */
export function assessTargets(
  plan: Plan,
  baseYear: number,
  summaries: readonly AreaSummary[],
  baseline?: readonly AreaSummary[],
): TargetAssessment[] {
  const out: TargetAssessment[] = [];
  const q = new Float64Array(QUANTILES.length);
  summaries.forEach((area, k) => {
    for (const outcome of plan.outcomes) {
      const base = outcomeValues(area, outcome, baseYear);
      const baseValue = meanOf(base, base.length);
      const final = outcomeValues(area, outcome, outcome.year);
      const pMeet = probabilityOfMeeting(final, outcome.target, outcome.better);
      selectQuantiles(Float64Array.from(final), QUANTILES, q);
      const milestones = outcome.milestones.map((m) => ({
        ...m,
        pMeet: probabilityOfMeeting(outcomeValues(area, outcome, m.year), m.value, outcome.better),
      }));
      const offTrack = aspirations(outcome, baseYear, baseValue).find(
        (a) =>
          probabilityOfMeeting(outcomeValues(area, outcome, a.year), a.value, outcome.better) < 0.5,
      );
      const other = baseline?.[k];
      let baselineResult: TargetAssessment['baseline'];
      if (other) {
        const b = outcomeValues(other, outcome, outcome.year);
        const p = probabilityOfMeeting(b, outcome.target, outcome.better);
        baselineResult = { mean: meanOf(b, b.length), pMeet: p, rag: ragOf(p, plan.rag) };
      }
      out.push({
        area: area.area,
        outcome,
        baseValue,
        projected: { mean: meanOf(final, final.length), p10: q[0]!, p90: q[1]! },
        pMeet,
        rag: ragOf(pMeet, plan.rag),
        milestones,
        ...(offTrack ? { offTrackYear: offTrack.year } : {}),
        ...(baselineResult ? { baseline: baselineResult } : {}),
      });
    }
  });
  return out;
}
