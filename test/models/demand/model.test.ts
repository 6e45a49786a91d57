import { describe, expect, it } from 'vitest';
import { AGES } from '../../../engine/kernels/cohort.js';
import { sample } from '../../../engine/rng/distributions.js';
import { reuseStream, streamName } from '../../../engine/rng/stream.js';
import type { DemandLever, DemandPlan } from '../../../models/demand/model.js';
import { loadDemandReference } from '../../../models/demand/reference.js';
import { SETTINGS } from '../../../models/demand/types.js';
import type { PrevalencePlan } from '../../../models/prevalence/model.js';
import { runChain } from '../run-chain.js';
import { CONDITIONS } from '../../../models/prevalence/types.js';

const reference = loadDemandReference();

const noTrend: PrevalencePlan = {
  conditions: [...CONDITIONS],
  interventions: [],
  assumptions: {
    trend: Object.fromEntries(CONDITIONS.map((c) => [c, { dist: 'fixed', value: 0 }])),
  },
  route: 'auto',
};
const withTrend: PrevalencePlan = {
  conditions: [...CONDITIONS],
  interventions: [],
  assumptions: {},
  route: 'auto',
};

function demandPlan(over: Partial<DemandPlan> = {}): DemandPlan {
  return {
    observed: {},
    capacity: {},
    capacityChanges: {},
    costUplift: { dist: 'fixed', value: 0 },
    levers: [],
    attribution: false,
    ...over,
  };
}

function run(code: string, prevalence: PrevalencePlan, demand: DemandPlan, replicate = 0) {
  return runChain(code, { prevalence, demand, replicate, seed: 8 });
}

const lever = (over: Partial<DemandLever>): DemandLever => ({
  name: 'lever',
  kind: 'avoid',
  setting: 'nel_admissions',
  conversion: 1,
  effect: { dist: 'fixed', value: 0.1 },
  startYear: 2021,
  rampYears: 0,
  quintiles: [],
  costPerYear: { dist: 'fixed', value: 0 },
  ...over,
});

describe('demand model', () => {
  it("gives England's base-year activity equal to the national totals the rates were scaled to", () => {
    const r = run('E92000001', withTrend, demandPlan());
    for (const s of reference.settings) {
      // Admissions carry the replicate's draw of admissions per episode (mode: the total).
      const d = s.spellsPerEpisode?.distribution;
      const f =
        d?.dist === 'pert'
          ? sample(
              d,
              reuseStream(8, 0, streamName(`E92000001/demand/spells_per_episode/${s.setting}`)),
            ) / d.mode
          : 1;
      expect(r.get(s.setting, 2020) / (s.englandTotal * f), s.setting).toBeCloseTo(1, 6);
      // The cost of the NCC episodes is kept whatever the draw: total × the unit-cost draw.
      const unit = sample(
        s.unitCost.distribution,
        reuseStream(8, 0, streamName(`E92000001/demand/unit_cost/${s.setting}`)),
      );
      if (unit === 0) expect(r.get(`cost_${s.setting}`, 2020), s.setting).toBe(0);
      else
        expect(r.get(`cost_${s.setting}`, 2020) / (s.englandTotal * unit), s.setting).toBeCloseTo(
          1,
          6,
        );
    }
    expect(
      reference.settings.filter((s) => s.spellsPerEpisode?.distribution.dist === 'pert'),
    ).toHaveLength(2);
  });

  it('draws admissions per episode per replicate, unless the area states its own admissions', () => {
    const draws = [0, 1, 2, 3].map((r) => run('E08000025', withTrend, demandPlan(), r));
    const nel = draws.map((r) => r.get('nel_admissions', 2020));
    expect(new Set(nel).size).toBe(4);
    const observed = demandPlan({ observed: { nel_admissions: 250_000 } });
    for (const r of [0, 1, 2, 3])
      expect(run('E08000025', withTrend, observed, r).get('nel_admissions', 2020)).toBeCloseTo(
        250_000,
        6,
      );
  });

  it('grows each setting by exactly the demographic factor when prevalence is frozen at base-year age rates', () => {
    const r = run('E08000025', noTrend, demandPlan());
    const { rates, quintiles: Q } = r.demand!;
    expect(Q).toBe(1); // no lever reaches only some quintiles: the rates are summed over them
    SETTINGS.forEach((setting, s) => {
      const at = (j: number): number => {
        let sum = 0;
        for (let q = 0; q < Q; ++q)
          for (let a = 0; a < AGES; ++a)
            sum += r.trajectory[j * AGES + a]! * rates[(s * Q + q) * AGES + a]!;
        return sum;
      };
      for (let j = 1; j <= 5; ++j) {
        const factor = at(j) / at(0);
        expect(
          r.get(setting, 2020 + j) / r.get(setting, 2020),
          `${setting} ${2020 + j}`,
        ).toBeCloseTo(factor, 12);
      }
    });
  });

  it('matches observed base-year activity exactly when the scenario gives it', () => {
    const r = run(
      'E08000025',
      withTrend,
      demandPlan({ observed: { nel_admissions: 250_000, gp_appointments: 9e6 } }),
    );
    expect(r.get('nel_admissions', 2020)).toBeCloseTo(250_000, 6);
    expect(r.get('gp_appointments', 2020)).toBeCloseTo(9e6, 4);
  });

  it('adds condition-driven activity when prevalence moves beyond ageing (the secular trend)', () => {
    const frozen = run('E08000025', noTrend, demandPlan());
    const trending = run('E08000025', withTrend, demandPlan());
    expect(trending.get('nel_admissions', 2020)).toBeCloseTo(frozen.get('nel_admissions', 2020), 6);
    expect(trending.get('nel_bed_days', 2025)).not.toBeCloseTo(frozen.get('nel_bed_days', 2025), 0);
    // A&E has no condition use: it moves only with the population.
    expect(trending.get('ae_attendances', 2025) / frozen.get('ae_attendances', 2025)).toBeCloseTo(
      1,
      12,
    );
  });

  it("groups the uses of care by setting, each setting's in the reference's order", () => {
    const inputs = run('E08000025', withTrend, demandPlan()).demand!;
    const { uses, settingUses } = inputs;
    expect(settingUses[0]).toBe(0);
    expect(settingUses[SETTINGS.length]).toBe(uses.length);
    SETTINGS.forEach((setting, s) => {
      const mine = uses
        .slice(settingUses[s], settingUses[s + 1])
        .map((u) => [CONDITIONS[u.condition], u.perNewCase]);
      const theirs = reference.conditionUse
        .filter((u) => u.setting === setting)
        .map((u) => [u.condition, u.perNewCase]);
      expect(mine).toEqual(theirs);
    });
  });

  it('moves activity with a shift, never creating or losing it beyond the conversion ratio', () => {
    const base = run('E08000025', noTrend, demandPlan());
    const shift = lever({
      kind: 'shift',
      setting: 'op_followup',
      to: 'gp_appointments',
      conversion: 1.5,
      effect: { dist: 'fixed', value: 0.3 },
      rampYears: 2,
    });
    const r = run('E08000025', noTrend, demandPlan({ levers: [shift] }));
    for (let year = 2021; year <= 2025; ++year) {
      const moved = base.get('op_followup', year) - r.get('op_followup', year);
      const ramp = Math.min(1, (year - 2021 + 1) / 2);
      expect(moved).toBeCloseTo(0.3 * ramp * base.get('op_followup', year), 4);
      expect(r.get('gp_appointments', year) - base.get('gp_appointments', year)).toBeCloseTo(
        1.5 * moved,
        4,
      );
    }
    // Costs: the total is the sum of the settings and the medicines.
    const total = SETTINGS.reduce(
      (s, setting) => s + r.get(`cost_${setting}`, 2024),
      r.get('cost_extra_medicines', 2024),
    );
    expect(r.get('cost_services', 2024)).toBeCloseTo(total, 2);
  });

  it('avoids admissions and the bed days that go with them, in the quintiles reached', () => {
    const base = run('E08000025', noTrend, demandPlan());
    const r = run('E08000025', noTrend, demandPlan({ levers: [lever({})] }));
    expect(r.get('nel_admissions', 2023) / base.get('nel_admissions', 2023)).toBeCloseTo(0.9, 12);
    expect(r.get('nel_bed_days', 2023) / base.get('nel_bed_days', 2023)).toBeCloseTo(0.9, 12);
    const deprived = run('E08000025', noTrend, demandPlan({ levers: [lever({ quintiles: [1] })] }));
    const cut = 1 - deprived.get('nel_admissions', 2023) / base.get('nel_admissions', 2023);
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(0.1);
    const shorter = run(
      'E08000025',
      noTrend,
      demandPlan({
        levers: [
          lever({ kind: 'los', setting: 'nel_bed_days', effect: { dist: 'fixed', value: -0.2 } }),
        ],
      }),
    );
    expect(shorter.get('nel_bed_days', 2023) / base.get('nel_bed_days', 2023)).toBeCloseTo(0.8, 12);
    expect(shorter.get('nel_admissions', 2023)).toBe(base.get('nel_admissions', 2023));
  });

  it('converts activity to capacity as stated: a hand-computed bed case', () => {
    const r = run(
      'E08000025',
      noTrend,
      demandPlan({
        occupancy: { dist: 'fixed', value: 0.85 },
        capacity: { beds: 2500 },
        capacityChanges: { beds: { '2023': 100 } },
      }),
    );
    for (let year = 2020; year <= 2025; ++year) {
      const beds = (r.get('nel_bed_days', year) + r.get('el_bed_days', year)) / 365 / 0.85;
      expect(r.get('beds_required', year)).toBeCloseTo(beds, 8);
      const available = 2500 + (year >= 2023 ? 100 : 0);
      expect(r.get('capacity_beds', year)).toBe(available);
      expect(r.get('shortfall_beds', year)).toBeCloseTo(beds - available, 8);
      expect(r.get('p_shortfall_beds', year)).toBe(beds > available ? 1 : 0);
    }
  });

  it('splits each change into demography, trend and interventions that add up to the total exactly', () => {
    const plan = demandPlan({
      attribution: true,
      levers: [lever({ effect: { dist: 'fixed', value: 0.05 } })],
    });
    const r = run('E08000025', withTrend, plan, 3);
    for (const metric of [...SETTINGS, 'cost_services'])
      for (let year = 2021; year <= 2025; ++year) {
        const parts = ['demography', 'trend', 'interventions'].map((p) =>
          r.get(`change_${metric}_${p}`, year),
        );
        const total = r.get(metric, year) - r.get(metric, 2020);
        expect(Math.abs(parts[0]! + parts[1]! + parts[2]! - total)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(r.get(metric, year))),
        );
      }
    expect(r.get('change_nel_admissions_interventions', 2023)).toBeLessThan(0);
    expect(r.get('change_ae_attendances_trend', 2023)).toBe(0);
  });

  it('leaves every result unchanged when a lever has no effect (common random numbers)', () => {
    const a = run('E08000025', withTrend, demandPlan(), 6);
    const b = run(
      'E08000025',
      withTrend,
      demandPlan({ levers: [lever({ effect: { dist: 'fixed', value: 0 } })] }),
      6,
    );
    for (const [i, cell] of a.cells.entries())
      expect(b.get(cell.metric, cell.year), cell.metric).toBe(a.out[i]);
  });

  it('turns hypertension case-finding into GP appointments, GP WTE, medicines and cost, and nothing else', () => {
    const findHyp = (effect: number): PrevalencePlan => ({
      ...noTrend,
      interventions: [
        {
          name: 'hypertension case-finding',
          condition: 'HYP',
          actsOn: 'detection',
          effect: { dist: 'fixed', value: effect },
          startYear: 2021,
          rampYears: 0,
          deciles: [],
          costPerYear: { dist: 'fixed', value: 0 },
        },
      ],
    });
    const base = run('E06000052', findHyp(0), demandPlan());
    const found = run('E06000052', findHyp(0.1), demandPlan());
    const extra = (j: number): number =>
      found.get('register_HYP', 2020 + j) - base.get('register_HYP', 2020 + j);
    expect(extra(0)).toBe(0);
    expect(extra(1)).toBeGreaterThan(1000);
    const uses = reference.conditionUse.filter(
      (u) => u.condition === 'HYP' && u.setting === 'gp_appointments',
    );
    expect(uses.map((u) => u.perNewCase).sort()).toEqual([false, true]);
    // extra GP appointments = a × extra(j) + f × max(0, extra(j) − extra(j−1)), with a the
    // annual excess and f the first-year workload drawn for this replicate: solve years 1 and 2
    // for a and f, then predict years 3-5 exactly.
    const gp = (j: number): number =>
      found.get('gp_appointments', 2020 + j) - base.get('gp_appointments', 2020 + j);
    const growth = (j: number): number => Math.max(0, extra(j) - extra(j - 1));
    expect(gp(0)).toBe(0);
    const a =
      growth(2) === 0
        ? gp(2) / extra(2)
        : (gp(1) * growth(2) - gp(2) * extra(1)) / (extra(1) * growth(2) - extra(2) * extra(1));
    const f = gp(1) / extra(1) - a;
    const annual = uses.find((u) => !u.perNewCase)!.extraPerCase.distribution;
    const first = uses.find((u) => u.perNewCase)!.extraPerCase.distribution;
    if (annual.dist !== 'pert' || first.dist !== 'pert') throw new Error('expected PERT');
    expect(a).toBeGreaterThanOrEqual(annual.min);
    expect(a).toBeLessThanOrEqual(annual.max);
    expect(f).toBeGreaterThanOrEqual(first.min);
    expect(f).toBeLessThanOrEqual(first.max);
    for (let j = 3; j <= 5; ++j) expect(gp(j) / (a * extra(j) + f * growth(j))).toBeCloseTo(1, 9);
    // People found were already ill: hospital, community and mental-health care do not move.
    for (let year = 2020; year <= 2025; ++year)
      for (const setting of SETTINGS.filter((x) => x !== 'gp_appointments'))
        // (equal up to rounding: the found cases are taken back out of the raised register)
        expect(
          found.get(setting, year) / base.get(setting, year),
          `${setting} ${year}`,
        ).toBeCloseTo(1, 12);
    expect(found.get('gp_wte_required', 2022)).toBeGreaterThan(base.get('gp_wte_required', 2022));
    expect(found.get('cost_services', 2022)).toBeGreaterThan(base.get('cost_services', 2022));
    // Medicines: the replicate's cost per case × the extra cases, inside cost_services.
    const medicines = reference.treatmentCost.find((t) => t.condition === 'HYP')!.perCase;
    const perCase =
      (found.get('cost_extra_medicines', 2022) - base.get('cost_extra_medicines', 2022)) / extra(2);
    const m = medicines.distribution;
    if (m.dist !== 'pert') throw new Error('expected PERT');
    expect(perCase).toBeGreaterThanOrEqual(m.min);
    expect(perCase).toBeLessThanOrEqual(m.max);
    for (const run of [base, found])
      expect(
        SETTINGS.reduce(
          (t, setting) => t + run.get(`cost_${setting}`, 2022),
          run.get('cost_extra_medicines', 2022),
        ) / run.get('cost_services', 2022),
      ).toBeCloseTo(1, 12);
    const unitCost = found.get('cost_gp_appointments', 2022) / found.get('gp_appointments', 2022);
    expect(
      (found.get('cost_gp_appointments', 2022) - base.get('cost_gp_appointments', 2022)) /
        (gp(2) * unitCost),
    ).toBeCloseTo(1, 9);
  });

  it('gives every QOF register extra use in GP, outpatient, admitted, community and mental-health care', () => {
    for (const c of CONDITIONS) {
      const settings = new Set(
        reference.conditionUse
          .filter((u) => u.condition === c && !u.perNewCase)
          .map((u) => u.setting),
      );
      for (const s of [
        'gp_appointments',
        'op_followup',
        'nel_admissions',
        'nel_bed_days',
        'community_contacts',
      ] as const)
        expect(settings.has(s), `${c} ${s}`).toBe(true);
      expect(
        reference.conditionUse.some((u) => u.condition === c && u.perNewCase),
        c,
      ).toBe(true);
      for (const u of reference.conditionUse.filter((x) => x.condition === c)) {
        expect(u.extraPerCase.distribution.dist, `${c} ${u.setting}`).toBe('pert');
        expect(u.extraPerCase.source.length, `${c} ${u.setting}`).toBeGreaterThan(40);
      }
    }
    const mh = new Set(
      reference.conditionUse.filter((u) => u.setting === 'mh_contacts').map((u) => u.condition),
    );
    expect([...mh].sort()).toEqual(['DEM', 'DEP', 'LD', 'MH']);
  });

  it('shares the multimorbidity pool over register entries: England’s registers × per-case excess = the pool', () => {
    // Known answer from the published figures (Cassell et al. 2018: 52.9 % of GP consultations
    // by the 27.2 % with 2+ conditions; Soley-Bori et al. 2021: adjusted IRR 2.30): the excess
    // of the multimorbid is T·(s − p)/(1 − p), age-adjusted by (IRR − 1)/(crude − 1).
    const [s0, p, irr] = [0.529, 0.272, 2.3];
    const crude = s0 / p / ((1 - s0) / (1 - p));
    const total = reference.settings.find((x) => x.setting === 'gp_appointments')!.englandTotal;
    const pool = ((total * (s0 - p)) / (1 - p)) * ((irr - 1) / (crude - 1));
    const england = run('E92000001', noTrend, demandPlan());
    let shared = 0;
    for (const u of reference.conditionUse)
      if (u.setting === 'gp_appointments' && !u.perNewCase) {
        const d = u.extraPerCase.distribution;
        if (d.dist !== 'pert') throw new Error('expected PERT');
        shared += d.mode * england.get(`register_${u.condition}`, 2020);
      }
    // The built figures use the QOF 2019/20 registers; the model's 2020 registers are within a
    // few per cent of them.
    expect(shared / pool).toBeGreaterThan(0.95);
    expect(shared / pool).toBeLessThan(1.05);
    expect(pool / total).toBeLessThan(0.3); // a minority of all appointments
  });
});
