import { describe, expect, it } from 'vitest';
import { backtestPrevalence, observedYears } from '../../../models/prevalence/backtest.js';
import { loadPrevalenceCalibration } from '../../../models/prevalence/calibration.js';
import type { RegisterSeries } from '../../../models/prevalence/types.js';

const { england } = loadPrevalenceCalibration();

describe('prevalence back-test', () => {
  it('holds the England series 2013-14 … 2019-20 and 2022-23', () => {
    expect(observedYears(england)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2022]);
    const dep = england.find((s) => s.code === 'DEP')!;
    const last = dep.points.at(-1)!;
    // NHS England QOF 2022-23: depression 13.25 % of patients aged 18+ (PROVENANCE check).
    expect(last.year).toBe(2022);
    expect((100 * last.register) / last.list).toBeCloseTo(13.25, 2);
  });

  it('sums the 2022-23 practices to the published England registers and to 106 sub-ICBs', () => {
    const { subIcb2022 } = loadPrevalenceCalibration();
    const at2022 = (code: string) => england.find((s) => s.code === code)!.points.at(-1)!;
    // NHS England QOF 2022-23 national prevalence (PROVENANCE checks), % of each age scope.
    const published: Record<string, number> = {
      HYP: 14.42,
      DM: 7.45,
      DEP: 13.25,
      AF: 2.13,
      CKD: 4.19,
      DEM: 0.74,
    };
    for (const [code, value] of Object.entries(published)) {
      const p = at2022(code);
      expect(p.year).toBe(2022);
      expect((100 * p.register) / p.list, code).toBeCloseTo(value, 2);
    }
    expect(at2022('AF').list).toBe(62378057);
    // Asthma (ages 6+ from 2020-21) over the all-ages list, as in the years before.
    expect(at2022('AST')).toMatchObject({ register: 3826470, list: 62378057 });
    expect(england.find((s) => s.code === 'CVDPP')!.points.at(-1)!.year).toBe(2019);
    expect(subIcb2022).toHaveLength(106);
    expect(new Set(subIcb2022.map((p) => p.icb)).size).toBe(42);
    expect(subIcb2022.reduce((a, p) => a + p.practices, 0)).toBe(6378);
    for (const code of ['DM', 'PC'])
      expect(subIcb2022.reduce((a, p) => a + (p.register[code] ?? 0), 0)).toBe(
        at2022(code).register,
      );
  });

  it('forecasts 2022-23 from 2019-20 for the 20 registers QOF still publishes', () => {
    const b = backtestPrevalence(england, 2019, 2022);
    expect(b.rows.map((r) => r.code)).not.toContain('CVDPP');
    expect(b.registers).toBe(20);
    expect(b.rows.every((r) => r.fitThrough === 2019 && r.target === 2022)).toBe(true);
    for (const r of b.rows) {
      expect(r.p10).toBeLessThan(r.p50);
      expect(r.p50).toBeLessThan(r.p90);
      expect(r.inside80).toBe(r.actual >= r.p10 && r.actual <= r.p90);
      expect(r.error).toBeCloseTo(r.p50 - r.actual, 12);
    }
    // Only the asthma register changed its definition (ages 6+ from 2020-21) on the way.
    expect(b.rows.filter((r) => r.definitionChange).map((r) => r.code)).toEqual(['AST']);
    // What the damped trends achieve, held out honestly (17 of 20 when this was written).
    expect(b.inside80).toBeGreaterThanOrEqual(14);
    expect(b.inside80).toBe(b.rows.filter((r) => r.inside80).length);
  });

  it('never looks past the fit year: changing 2022-23 changes only the actual values', () => {
    const doubled: RegisterSeries[] = england.map((s) => ({
      ...s,
      points: s.points.map((p) => (p.year === 2022 ? { ...p, register: 2 * p.register } : p)),
    }));
    const a = backtestPrevalence(england, 2019, 2022);
    const b = backtestPrevalence(doubled, 2019, 2022);
    expect(b.choice).toEqual(a.choice);
    a.rows.forEach((r, i) => {
      expect(b.rows[i]!.p50).toBe(r.p50);
      expect(b.rows[i]!.actual).toBeCloseTo(2 * r.actual, 10);
    });
  });

  it('fits through earlier years too, choosing the damping on those years only', () => {
    const b = backtestPrevalence(england, 2016, 2019);
    expect(b.choice.fitThrough).toBe(2016);
    expect(b.registers).toBe(21);
    expect(b.choice.folds).toBeGreaterThan(0);
    expect(() => backtestPrevalence(england, 2019, 2019)).toThrow(/must follow/);
  });
});
