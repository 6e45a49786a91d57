import { describe, expect, it } from 'vitest';
import { distributionMean } from '../../../engine/rng/distributions.js';
import { AGE_GROUPS, loadReferenceData } from '../../../engine/io/reference-data.js';
import { CONDITIONS } from '../../../models/prevalence/types.js';
import { loadDemandReference } from '../../../models/demand/reference.js';
import { QUINTILES, SETTINGS, type Setting } from '../../../models/demand/types.js';

const demand = loadDemandReference();
const data = loadReferenceData();
const lads = data.areas.filter((a) => a.kind === 'lad').map((a) => a.code);
const rowsOf = (s: Setting) => demand.mapping.filter((r) => r.setting === s);
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('demand reference data', () => {
  it('has every setting once, in output order', () => {
    expect(demand.settings.map((s) => s.setting)).toEqual([...SETTINGS]);
  });

  it('gives every setting finite, non-negative rates by quintile and age, 85+ shared', () => {
    for (const s of demand.settings) {
      expect(s.rates).toHaveLength(QUINTILES * AGE_GROUPS);
      for (const r of s.rates) expect(Number.isFinite(r) && r >= 0, s.setting).toBe(true);
      for (let q = 0; q < QUINTILES; ++q)
        for (let a = 86; a < AGE_GROUPS; ++a)
          expect(s.rates[q * AGE_GROUPS + a]).toBe(s.rates[q * AGE_GROUPS + 85]);
    }
  });

  it('reproduces England’s total of every setting from the 2020 population and quintile mix', () => {
    for (const s of demand.settings) {
      let activity = 0;
      for (const code of lads) {
        const series = data.population.get(code)!;
        const offset = (s.scalingPopulationYear - series.firstYear) * AGE_GROUPS;
        const shares = demand.quintileShares[code]!;
        for (let q = 0; q < QUINTILES; ++q)
          for (let a = 0; a < AGE_GROUPS; ++a)
            activity += series.values[offset + a]! * shares[q]! * s.rates[q * AGE_GROUPS + a]!;
      }
      expect(relative(activity, s.englandTotal), s.setting).toBeLessThan(1e-9);
      expect(s.scalingPopulationYear).toBe(2020);
    }
  });

  it('gives all 296 local authorities quintile shares summing to 1', () => {
    expect(Object.keys(demand.quintileShares).sort()).toEqual([...lads].sort());
    expect(lads).toHaveLength(296);
    for (const code of lads) {
      const shares = demand.quintileShares[code]!;
      expect(shares).toHaveLength(QUINTILES);
      for (const x of shares) expect(x).toBeGreaterThanOrEqual(0);
      expect(shares.reduce((t, x) => t + x, 0)).toBeCloseTo(1, 10);
    }
  });

  it('maps each NCC currency row once, to one setting, with positive activity and cost', () => {
    const keys = demand.mapping.map((r) => `${r.serviceCode}|${r.currency}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of demand.mapping) {
      expect(SETTINGS).toContain(r.setting);
      expect(r.activity).toBeGreaterThan(0);
      expect(r.unitCost).toBeGreaterThanOrEqual(0);
      expect(r.currency).toBe(r.currency.trim());
    }
    // Outpatient first and follow-up attendances are told apart by the currency description.
    for (const r of rowsOf('op_first')) expect(r.description).toMatch(/First/);
    for (const r of rowsOf('op_followup')) expect(r.description).toMatch(/Follow-up/);
  });

  /** Admissions per NCC episode of a setting (1 for settings counted as the NCC counts them). */
  const perEpisode = (s: (typeof demand.settings)[number]): number => {
    const d = s.spellsPerEpisode?.distribution;
    if (d === undefined) return 1;
    return d.dist === 'pert' ? d.mode : d.dist === 'fixed' ? d.value : NaN;
  };

  it('sets each NCC-sourced England total to the sum of its mapped rows’ activity (admissions: × spells per episode)', () => {
    const fromNcc = demand.settings.filter((s) => rowsOf(s.setting).length > 0);
    // All but GP appointments (NHS Digital) and bed days (spells × mean stay) come from NCC.
    const notNcc: readonly Setting[] = ['gp_appointments', 'nel_bed_days', 'el_bed_days'];
    expect(fromNcc.map((s) => s.setting)).toEqual(SETTINGS.filter((s) => !notNcc.includes(s)));
    for (const s of fromNcc) {
      const sum = rowsOf(s.setting).reduce((t, r) => t + r.activity, 0);
      expect(relative(s.englandTotal, sum * perEpisode(s)), s.setting).toBeLessThan(1e-9);
    }
    const admitted = demand.settings.filter((s) => s.spellsPerEpisode !== undefined);
    expect(admitted.map((s) => s.setting)).toEqual([
      'el_admissions',
      'daycase_admissions',
      'nel_admissions',
    ]);
    for (const s of admitted) expect(perEpisode(s), s.setting).toBeLessThanOrEqual(1);
  });

  it('sets each NCC-sourced unit cost to the activity-weighted mean of its mapped rows (per admission: the same total cost)', () => {
    for (const s of demand.settings) {
      const rows = rowsOf(s.setting);
      if (rows.length === 0) continue;
      const activity = rows.reduce((t, r) => t + r.activity, 0);
      const mean = rows.reduce((t, r) => t + r.activity * r.unitCost, 0) / activity;
      const d = s.unitCost.distribution;
      const perUnit = mean / perEpisode(s);
      expect(relative(distributionMean(d), perUnit), s.setting).toBeLessThan(1e-9);
      expect(d.dist === 'pert' && d.min < perUnit && perUnit < d.max).toBe(true);
      // Episodes × episode cost = admissions × admission cost.
      expect(
        relative(s.englandTotal * distributionMean(d), activity * mean),
        s.setting,
      ).toBeLessThan(1e-9);
    }
  });

  it('has sourced, non-negative unit costs for every setting (bed days costed in their spells)', () => {
    for (const s of demand.settings) {
      expect(distributionMean(s.unitCost.distribution)).toBeGreaterThanOrEqual(0);
      expect(s.unitCost.source.length).toBeGreaterThan(20);
      expect(s.profileSource.length).toBeGreaterThan(20);
      expect(s.totalSource.length).toBeGreaterThan(20);
    }
    const beds = demand.settings.filter((s) => s.unit === 'bed days');
    expect(beds.map((s) => s.setting)).toEqual(['nel_bed_days', 'el_bed_days']);
    for (const s of beds) expect(s.unitCost.distribution).toEqual({ dist: 'fixed', value: 0 });
  });

  it('has more admissions per person in the most deprived quintile than the least at most ages', () => {
    for (const setting of ['el_admissions', 'daycase_admissions', 'nel_admissions'] as const) {
      const s = demand.settings.find((x) => x.setting === setting)!;
      let steeper = 0;
      for (let a = 0; a < AGE_GROUPS; ++a)
        if (s.rates[a]! >= s.rates[(QUINTILES - 1) * AGE_GROUPS + a]!) ++steeper;
      expect(steeper, setting).toBeGreaterThan(0.8 * AGE_GROUPS);
    }
  });

  it('gives condition excess use as sourced positive distributions', () => {
    expect(demand.conditionUse.length).toBeGreaterThan(0);
    for (const u of demand.conditionUse) {
      expect(CONDITIONS).toContain(u.condition);
      expect(SETTINGS).toContain(u.setting);
      const d = u.extraPerCase.distribution;
      expect(d.dist === 'pert' && d.min > 0 && d.min <= d.mode && d.mode < d.max).toBe(true);
      expect(u.extraPerCase.source).toMatch(/Derivation|Multimorbidity pool|First-year workload/);
    }
  });

  it('has capacity norms in their valid ranges', () => {
    const { bedOccupancy, casesPerTheatreSession, attendancesPerClinicSession } = demand.capacity;
    expect(bedOccupancy.distribution).toEqual({ dist: 'pert', min: 0.85, mode: 0.88, max: 0.92 });
    expect(distributionMean(casesPerTheatreSession.distribution)).toBeGreaterThan(1);
    expect(distributionMean(attendancesPerClinicSession.distribution)).toBeGreaterThan(1);
    const gp = distributionMean(demand.capacity.gpAppointmentsPerWteYear.distribution);
    expect(gp).toBeGreaterThan(5000);
    expect(gp).toBeLessThan(20000);
  });
});
