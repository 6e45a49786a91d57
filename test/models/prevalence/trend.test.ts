import { describe, expect, it } from 'vitest';
import {
  assumedTrendCoefficients,
  chooseTrend,
  dampedSum,
  fitSlope,
  fitTrend,
  foldErrors,
  forecastNet,
  netLevel,
  qofYear,
  trendCoefficients,
  trendPath,
} from '../../../models/prevalence/trend.js';
import type { RegisterSeries } from '../../../models/prevalence/types.js';

/** A register whose prevalence is p0·e^(slope·(year − 2013)), list 1e6, ageing 0. */
function exponential(
  code: string,
  slope: number,
  years: readonly number[],
  p0 = 0.05,
  breaks: readonly number[] = [],
  shift = 0,
): RegisterSeries {
  return {
    code: code as RegisterSeries['code'],
    points: years.map((year) => ({
      year,
      register:
        1e6 * p0 * Math.exp(slope * (year - 2013) + (breaks.some((b) => year >= b) ? shift : 0)),
      list: 1e6,
      ageing: 0,
    })),
    breaks,
  };
}

const YEARS = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2022];

describe('damped trend', () => {
  it('sums the damping factors: D(h) = φ + … + φ^h', () => {
    expect(dampedSum(0.5, 3)).toBe(0.875);
    expect(dampedSum(1, 4)).toBe(4);
    expect(dampedSum(0.8, 0)).toBe(0);
    expect(dampedSum(0.85, 2)).toBeCloseTo(0.85 + 0.7225, 15);
  });

  it('names QOF years', () => {
    expect(qofYear(2019)).toBe('2019-20');
    expect(qofYear(2099)).toBe('2099-00');
  });

  it('recovers the slope of an exact exponential series, with no error', () => {
    const s = exponential('DM', 0.03, YEARS);
    const fit = fitSlope(s, 2022);
    expect(fit.slope).toBeCloseTo(0.03, 12);
    expect(fit.se).toBeCloseTo(0, 12);
    expect(fit.points).toBe(8);
    expect(fitSlope(s, 2016).points).toBe(4);
  });

  it('nets the ageing of each year out of the level', () => {
    const s = exponential('DM', 0.03, YEARS);
    const aged: RegisterSeries = {
      ...s,
      points: s.points.map((p) => ({ ...p, ageing: 0.01 * (p.year - 2013) })),
    };
    expect(fitSlope(aged, 2022).slope).toBeCloseTo(0.02, 12);
    expect(netLevel(aged.points[1]!)).toBeCloseTo(Math.log(0.05) + 0.03 - 0.01, 12);
  });

  it('lets a new register definition shift the level without bending the slope', () => {
    const s = exponential('AST', 0.02, YEARS, 0.06, [2020], -0.1);
    expect(fitSlope(s, 2022).slope).toBeCloseTo(0.02, 12);
    // Without the break the drop would pull the slope down.
    expect(fitSlope({ ...s, breaks: [] }, 2022).slope).toBeLessThan(0.015);
  });

  it('makes no held-out error on a straight line undamped, and chooses no damping there', () => {
    const series = [exponential('AF', 0.03, YEARS), exponential('CHD', -0.01, YEARS)];
    const errors = foldErrors(series, 2019, 1);
    // Origins 2015 … 2018 (three years needed) and every later year through 2019.
    expect(errors).toHaveLength(2 * (4 + 3 + 2 + 1));
    for (const e of errors) expect(e.error).toBeCloseTo(0, 12);
    const choice = chooseTrend(series, 2019);
    expect(choice.damping).toBe(1);
    expect(choice.unitSd).toBeCloseTo(0, 12);
    expect(choice.folds).toBe(20);
  });

  it('chooses damping where trends flatten, and sizes the error per year of horizon', () => {
    // Growth that halves every year: ln p rises by 0.1, 0.05, 0.025 …
    const flattening: RegisterSeries = {
      code: 'DEP',
      points: YEARS.slice(0, 7).map((year, i) => ({
        year,
        register: 1e6 * 0.1 * Math.exp(0.2 * (1 - 0.5 ** i)),
        list: 1e6,
        ageing: 0,
      })),
      breaks: [],
    };
    const choice = chooseTrend([flattening], 2019);
    expect(choice.damping).toBeLessThan(1);
    expect(choice.meanAbsError).toBeLessThan(choice.meanAbsErrorLinear);
    const errors = foldErrors([flattening], 2019, choice.damping);
    const u2 = errors.reduce((a, e) => a + (e.error / e.h) ** 2, 0) / errors.length;
    expect(choice.unitSd).toBeCloseTo(Math.sqrt(u2), 15);
  });

  it('forecasts from the newest fitted year along the damped slope, sd growing with h', () => {
    const series = [exponential('AF', 0.03, YEARS), exponential('CHD', -0.01, YEARS)];
    const choice = { ...chooseTrend(series, 2019), damping: 0.8, unitSd: 0.02 };
    const t = fitTrend(series[0]!, 2019, choice);
    expect(t.lastYear).toBe(2019);
    expect(t.sd).toBeCloseTo(0.02, 12); // se 0 on an exact line
    const f = forecastNet(t, 2022);
    expect(f.mean).toBeCloseTo(Math.log(0.05) + 0.03 * 6 + 0.03 * (0.8 + 0.64 + 0.512), 12);
    expect(f.sd).toBeCloseTo(0.06, 12);
    expect(t.distribution).toEqual({ dist: 'normal', mean: t.mean, sd: t.sd });
  });

  it('takes a filling register’s slope from its assumed interval, not its history', () => {
    const s: RegisterSeries = { ...exponential('OST', 0.25, YEARS), filling: [0, 0.05] };
    const t = fitTrend(s, 2019, chooseTrend([exponential('AF', 0.03, YEARS)], 2019));
    expect(t.mean).toBeCloseTo(0.025, 15);
    expect(t.sd).toBeCloseTo(0.05 / (2 * 1.2815515655446004), 12);
    expect(t.fit.slope).toBeCloseTo(0.25, 12);
  });

  it('follows the observed path, interpolating the missing years, then damps', () => {
    const s = exponential('DM', 0.03, YEARS);
    const path = trendPath(s, 0.5);
    expect(path.years).toEqual(YEARS);
    expect(path.offsets[6]).toBe(0); // 2019 is the reference
    expect(path.offsets[0]).toBeCloseTo(-0.18, 12);
    const a = new Float64Array(7);
    const b = new Float64Array(7);
    trendCoefficients(path, 0.04, 2018, a, b); // 2018 … 2024
    expect(Array.from(b)).toEqual([0, 0, 0, 0, 0, 1, 2]);
    expect(a[0]).toBeCloseTo(-0.03, 12);
    expect(a[2]).toBeCloseTo(0.03, 12); // 2020: a third of the way to 2022
    expect(a[4]).toBeCloseTo(0.09, 12);
    // 2023, with the slope drawn at its mean 0.04: 0.09 + 0.04·φ.
    expect(a[5]! + b[5]! * 0.04).toBeCloseTo(0.09 + 0.04 * 0.5, 12);
    expect(a[6]! + b[6]! * 0.04).toBeCloseTo(0.09 + 0.04 * 0.75, 12);
    // Before the first year: the straight slope back from 2013.
    const early = new Float64Array(1);
    const slope = new Float64Array(1);
    trendCoefficients(path, 0.04, 2010, early, slope);
    expect(slope[0]).toBe(-3);
    expect(early[0]).toBeCloseTo(-0.18, 12);
  });

  it("holds a scenario's slope straight from the first year's default level", () => {
    const path = trendPath(exponential('DM', 0.03, YEARS), 0.5);
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    assumedTrendCoefficients(path, 0.04, 2021, a, b); // 2021 … 2024
    expect(Array.from(b)).toEqual([0, 1, 2, 3]);
    for (const v of a) expect(v).toBeCloseTo(0.06, 12); // 2021: two thirds of 2019 → 2022
    assumedTrendCoefficients(path, 0.04, 2024, a, b); // from 2024: the default's mean level
    for (const v of a) expect(v).toBeCloseTo(0.09 + 0.04 * (0.5 + 0.25), 12);
  });

  it('refuses a register with no 2019/20 value or no years to fit', () => {
    expect(() => trendPath(exponential('DM', 0.03, [2013, 2014]), 0.8)).toThrow(/no 2019 register/);
    expect(() =>
      fitTrend(
        exponential('DM', 0.03, [2019]),
        2019,
        chooseTrend([exponential('AF', 0.03, YEARS)], 2019),
      ),
    ).toThrow(/too few years/);
  });
});
