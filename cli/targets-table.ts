/** The targets table of `wcc targets` and of a run whose scenario has a plan. No maths. */
import type { TargetAssessment } from '../models/plan/model.js';
import { formatNumber, type OutputRow } from './format.js';

/** Columns of the targets table, in CSV and JSON. */
export const TARGET_COLUMNS = [
  'area',
  'outcome',
  'better',
  'base_value',
  'target_year',
  'target',
  'mean',
  'p10',
  'p90',
  'p_meet',
  'rag',
  'milestones',
  'off_track_from',
  'baseline_mean',
  'baseline_p_meet',
  'plan_adds',
] as const;

/** RAG in tables: a letter and a symbol, so it reads without colour. */
export const RAG_MARK = { green: 'G ●', amber: 'A ◐', red: 'R ○' } as const;

/** The rows of the targets table (numbers for tools, RAG marked in words and symbols for people). */
export function targetRows(assessments: readonly TargetAssessment[], table: boolean): OutputRow[] {
  return assessments.map((a) => ({
    area: a.area,
    outcome: a.outcome.label,
    better: a.outcome.better,
    base_value: a.baseValue,
    target_year: table ? String(a.outcome.year) : a.outcome.year,
    target: a.outcome.target,
    mean: a.projected.mean,
    p10: a.projected.p10,
    p90: a.projected.p90,
    p_meet: a.pMeet,
    rag: table ? RAG_MARK[a.rag] : a.rag,
    milestones: a.milestones
      .map((m) => `${m.year}: ${formatNumber(m.value, 4)} P=${formatNumber(m.pMeet, 3)}`)
      .join('; '),
    off_track_from:
      a.offTrackYear === undefined ? '' : table ? String(a.offTrackYear) : a.offTrackYear,
    baseline_mean: a.baseline?.mean ?? NaN,
    baseline_p_meet: a.baseline?.pMeet ?? NaN,
    plan_adds: a.baseline ? a.pMeet - a.baseline.pMeet : NaN,
  }));
}
