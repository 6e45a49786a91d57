/**
 * The scorecard of a plan: for each area and outcome in the target year, the area's projection
 * (mean and Monte Carlo intervals) beside England, the national average and upper quartile of
 * areas and the range of its statistical peers (all from the national baseline benchmarks),
 * its P(meet) and RAG, its mark against England the Fingertips way, and its rank among peers.
 */
import { InputError } from '../../engine/errors.js';
import { selectQuantiles } from '../../engine/stats/select-quantiles.js';
import type { AreaSummary } from '../../engine/run/run.js';
import { outcomeValues, type Rag, type TargetAssessment } from '../plan/model.js';
import type { PlanOutcome } from '../plan/schema.js';
import { benchmarkValue, upperQuartileOf, type Benchmarks } from './benchmarks.js';
import {
  INTERVAL_PROBABILITIES,
  twoLevelMark,
  type Polarity,
  type TwoLevelMark,
} from './compare.js';

/** One outcome of one area on the scorecard. */
export interface ScorecardLine {
  readonly area: string;
  readonly outcome: PlanOutcome;
  /** The target year, the year every figure of the line is for. */
  readonly year: number;
  /** The area's projection under the plan: mean, 95 % and 99.8 % Monte Carlo intervals. */
  readonly value: number;
  readonly interval95: { readonly lo: number; readonly hi: number };
  readonly interval998: { readonly lo: number; readonly hi: number };
  /** Baseline benchmarks: England, the average of areas and the upper quartile. */
  readonly england: number;
  readonly average: number;
  readonly upperQuartile: number;
  /** The peers' baseline range (NaN without peers). */
  readonly peersMin: number;
  readonly peersMax: number;
  /** The area's rank among itself and its peers, 1 = best (0 without peers). */
  readonly peerRank: number;
  readonly peerCount: number;
  readonly pMeet: number;
  readonly rag: Rag;
  readonly vsEngland: TwoLevelMark;
}

/** The rank of `value` among itself and `others` in the direction of `better`: 1 + the number of others strictly better. */
export function rankAmong(value: number, others: readonly number[], better: Polarity): number {
  let rank = 1;
  for (const x of others) if (better === 'higher' ? x > value : x < value) ++rank;
  return rank;
}

/** The benchmark value of `outcome` in `year` for England and for each area (ratios from means). */
export function outcomeBenchmarks(
  benchmarks: Benchmarks,
  outcome: PlanOutcome,
  year: number,
): { england: number; average: number; p25: number; p75: number; byArea: Map<string, number> } {
  const y = benchmarks.years.indexOf(year);
  const metric = (name: string) => {
    const m = benchmarks.metrics[name];
    if (!m || y < 0)
      throw new InputError(
        `scorecard: the national benchmarks (${benchmarks.key.model} model, ${benchmarks.years[0] ?? '?'}-${benchmarks.years.at(-1) ?? '?'}) have no ${name} in ${year}; rebuild them with --build for a model that produces it`,
      );
    return m;
  };
  const value = (pick: (name: string) => number): number =>
    benchmarkValue(pick, outcome.numerator, outcome.denominator, outcome.per);
  const byArea = new Map(
    benchmarks.areas.map((code, i) => [code, value((n) => metric(n).byArea[y]![i]!)]),
  );
  if (outcome.denominator === undefined) {
    const m = metric(outcome.numerator);
    const f = outcome.per;
    return {
      england: m.england[y]! * f,
      average: m.average[y]! * f,
      p25: m.p25[y]! * f,
      p75: m.p75[y]! * f,
      byArea,
    };
  }
  // A ratio's quartiles and average are taken over the areas' ratios.
  const ratios = Float64Array.from(byArea.values());
  const q = new Float64Array(2);
  let sum = 0;
  for (const r of ratios) sum += r;
  selectQuantiles(Float64Array.from(ratios), [0.25, 0.75], q);
  return {
    england: value((n) => metric(n).england[y]!),
    average: sum / ratios.length,
    p25: q[0]!,
    p75: q[1]!,
    byArea,
  };
}

/**
 * The scorecard lines of a plan's assessment.
 * @param summaries - the plan run's areas (replicate values kept), in the assessments' order
 * @param peersOf - an area's peers' codes (empty when it has none, e.g. a region)
 */
export function scorecardLines(
  assessments: readonly TargetAssessment[],
  summaries: readonly AreaSummary[],
  benchmarks: Benchmarks,
  peersOf: (area: string) => readonly string[],
): ScorecardLine[] {
  const q = new Float64Array(INTERVAL_PROBABILITIES.length);
  return assessments.map((a) => {
    const area = summaries.find((s) => s.area === a.area);
    if (!area) throw new Error(`scorecard: no run of ${a.area}`);
    const { outcome } = a;
    const year = outcome.year;
    const values = outcomeValues(area, outcome, year);
    selectQuantiles(values, INTERVAL_PROBABILITIES, q);
    const interval998 = { lo: q[0]!, hi: q[3]! };
    const interval95 = { lo: q[1]!, hi: q[2]! };
    const b = outcomeBenchmarks(benchmarks, outcome, year);
    const peers = peersOf(a.area)
      .map((code) => b.byArea.get(code) ?? NaN)
      .filter((x) => !Number.isNaN(x));
    const value = a.projected.mean;
    return {
      area: a.area,
      outcome,
      year,
      value,
      interval95,
      interval998,
      england: b.england,
      average: b.average,
      upperQuartile: upperQuartileOf(b.p25, b.p75, outcome.better),
      peersMin: peers.length > 0 ? Math.min(...peers) : NaN,
      peersMax: peers.length > 0 ? Math.max(...peers) : NaN,
      peerRank: peers.length > 0 ? rankAmong(value, peers, outcome.better) : 0,
      peerCount: peers.length,
      pMeet: a.pMeet,
      rag: a.rag,
      vsEngland: twoLevelMark(interval95, interval998, b.england, outcome.better),
    };
  });
}
