/**
 * What a report shows, as data: fan quantiles with known answers, headline P(meet) identical to
 * the targets table's, a waterfall whose parts add up to the change, capacity with P(shortfall)
 * read from the run, and the metrics chosen for fans.
 */
import { describe, expect, it } from 'vitest';
import type { AreaSummary } from '../../engine/run/run.js';
import { summarise } from '../../engine/run/summary.js';
import type { CellSpec } from '../../engine/run/types.js';
import { assessTargets } from '../../models/plan/model.js';
import type { Plan } from '../../models/plan/schema.js';
import { buildReport, fanMetrics, fanPoint } from '../../models/report/model.js';
import { targetRows } from '../../cli/targets-table.js';

const YEARS = [2023, 2024, 2025];

/**
 * One area with `n` replicates; replicate r has, in year index t: nel_admissions = 100 + r + 10 t,
 * population_total = 1000, beds_required = 50 + r, capacity_beds = 60, p_shortfall_beds
 * = [required > available], and attribution parts demography t, trend 2t, interventions −t.
 */
function syntheticArea(n: number, shift = 0): AreaSummary {
  const metrics = [
    'nel_admissions',
    'population_total',
    'beds_required',
    'capacity_beds',
    'p_shortfall_beds',
    'change_nel_admissions_demography',
    'change_nel_admissions_trend',
    'change_nel_admissions_interventions',
  ];
  const cells: CellSpec[] = YEARS.flatMap((year) => metrics.map((metric) => ({ year, metric })));
  const values = new Float64Array(n * cells.length);
  for (let r = 0; r < n; ++r)
    cells.forEach((cell, c) => {
      const t = cell.year - 2023;
      const v: Record<string, number> = {
        nel_admissions: 100 + r + 10 * t + shift,
        population_total: 1000,
        beds_required: 50 + r,
        capacity_beds: 60,
        p_shortfall_beds: 50 + r > 60 ? 1 : 0,
        change_nel_admissions_demography: t,
        change_nel_admissions_trend: 2 * t,
        change_nel_admissions_interventions: -t,
      };
      values[r * cells.length + c] = v[cell.metric]!;
    });
  return { area: 'E06000001', cells, values, summary: summarise(values, n, cells.length) };
}

const PLAN: Plan = {
  outcomes: [
    {
      label: 'nel_admissions',
      numerator: 'nel_admissions',
      per: 1,
      target: 140,
      year: 2025,
      better: 'lower',
      milestones: [{ year: 2024, value: 120 }],
    },
    {
      label: 'nel_admissions / population_total',
      numerator: 'nel_admissions',
      denominator: 'population_total',
      per: 1000,
      target: 150,
      year: 2025,
      better: 'lower',
      milestones: [],
    },
  ],
  rag: { green: 0.8, amber: 0.5 },
};

describe('fan quantiles', () => {
  it('are the type-7 quantiles and the mean of the replicates', () => {
    const p = fanPoint(
      2030,
      Float64Array.from({ length: 101 }, (_, i) => 100 - i),
    );
    expect(p).toEqual({
      year: 2030,
      mean: 50,
      p2_5: 2.5,
      p10: 10,
      p25: 25,
      p50: 50,
      p75: 75,
      p90: 90,
      p97_5: 97.5,
    });
  });
});

describe('the report model', () => {
  const area = syntheticArea(101);
  const baseline = syntheticArea(101, 5);
  const model = buildReport({
    baseYear: 2023,
    horizon: 2,
    summaries: [area],
    baseline: [baseline],
    plan: PLAN,
  });

  it('shows the same P(meet), RAG and projection as the targets table', () => {
    const expected = targetRows(assessTargets(PLAN, 2023, [area], [baseline]), false);
    const shown = targetRows(model.assessments, false);
    expect(shown).toEqual(expected);
    // nel_admissions in 2025 is 120 … 220: 21 of 101 replicates at or below 140.
    expect(model.assessments[0]!.pMeet).toBe(21 / 101);
    expect(model.assessments[0]!.rag).toBe('red');
    expect(model.assessments[0]!.baseline!.pMeet).toBe(16 / 101);
  });

  it('draws each plan outcome with its target, milestones and the baseline median', () => {
    const fan = model.fans.find((f) => f.metric === 'nel_admissions / population_total')!;
    expect(fan.unit).toBe('admissions per 1,000 persons');
    expect(fan.points.map((p) => p.p50)).toEqual([150, 160, 170]);
    expect(fan.baseline!.map((b) => b.value)).toEqual([155, 165, 175]);
    expect(fan.targets).toEqual([{ year: 2025, value: 150, kind: 'target' }]);
    const counts = model.fans.find((f) => f.metric === 'nel_admissions' && f.targets.length > 0)!;
    expect(counts.targets).toEqual([
      { year: 2024, value: 120, kind: 'milestone' },
      { year: 2025, value: 140, kind: 'target' },
    ]);
  });

  it('splits the change into parts that add up to the total, bar after bar', () => {
    expect(model.waterfalls).toHaveLength(1);
    const w = model.waterfalls[0]!;
    expect(w).toMatchObject({ metric: 'nel_admissions', fromYear: 2023, toYear: 2025 });
    expect(w.from).toBe(150);
    expect(w.to).toBe(170);
    expect(w.steps).toEqual([
      { part: 'demography', value: 2, start: 0, end: 2 },
      { part: 'trend', value: 4, start: 2, end: 6 },
      { part: 'interventions', value: -2, start: 6, end: 4 },
      { part: 'total', value: 4, start: 0, end: 4 },
    ]);
  });

  it('sets capacity required against available with P(shortfall) each year', () => {
    expect(model.capacity).toHaveLength(1);
    const c = model.capacity[0]!;
    expect(c.resource).toBe('beds');
    // beds_required = 50 … 150 exceeds 60 in 90 of 101 replicates.
    expect(c.years.map((y) => y.pShortfall)).toEqual([90 / 101, 90 / 101, 90 / 101]);
    expect(c.years[0]!.available).toBe(60);
    expect(c.years[0]!.required.p50).toBe(100);
    expect(c.firstLikely).toBe(2023);
  });

  it('gives the net cost from the run summary, and none when the run has no cost', () => {
    expect(model.netCost).toEqual([]);
    expect(model.replicates).toBe(101);
    expect(model.lastYear).toBe(2025);
  });
});

describe('the metrics drawn as fans', () => {
  it('are the outcomes the run has, then key activity, else registers, else population', () => {
    expect(
      fanMetrics(['population_total', 'le_birth_male', 'gp_appointments', 'cost_net'], new Set()),
    ).toEqual(['le_birth_male', 'gp_appointments', 'cost_net']);
    expect(fanMetrics(['le_birth_male', 'sii_le_male'], new Set(['le_birth_male']))).toEqual([
      'sii_le_male',
    ]);
    expect(fanMetrics(['population_total', 'register_DM', 'register_HYP'], new Set())).toEqual([
      'register_DM',
      'register_HYP',
    ]);
    expect(fanMetrics(['births', 'population_total'], new Set())).toEqual(['population_total']);
  });
});
