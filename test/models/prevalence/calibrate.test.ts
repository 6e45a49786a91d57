import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPrevalence, calibratePrevalence } from '../../../data/build-prevalence.js';
import { builtDataDir, packageRoot } from '../../../engine/io/paths.js';
import { distributionMean } from '../../../engine/rng/distributions.js';
import { curveByAge, loadPrevalenceCalibration } from '../../../models/prevalence/calibration.js';
import {
  CONDITIONS,
  type ConditionCalibration,
  type PrevalenceCalibration,
} from '../../../models/prevalence/types.js';

/**
 * Largest factor between the fitted curve, rescaled to the published level (the geometric mean
 * ratio of the anchor points), and any anchor point of 1 % or more; survey and register levels
 * differ, their age patterns should not.
 */
const ANCHOR_FACTOR = 2;
/**
 * The same for anchor points under 1 %, where a small change of gradient is a large ratio (AF at
 * ages 0-34, 0.02 %, sits at 3.1 on the Census-2021-rebased 2019 populations).
 */
const SMALL_ANCHOR_FACTOR = 3.5;
/** Registers whose prevalence must rise from 45 to 75 (chronic diseases of later life). */
const RISING = [
  'AF',
  'CAN',
  'CHD',
  'CKD',
  'COPD',
  'DEM',
  'DM',
  'HF',
  'HYP',
  'OST',
  'PAD',
  'PC',
  'RA',
  'STIA',
];

let run: ReturnType<typeof calibratePrevalence>;
let calibration: PrevalenceCalibration;

function curve(c: ConditionCalibration, z = 0): Float64Array {
  const out = new Float64Array(91);
  curveByAge(c, z, out);
  return out;
}

/** The curve at a fractional age (linear between single years). */
function at(p: Float64Array, age: number): number {
  const lo = Math.floor(age);
  const t = age - lo;
  return (1 - t) * p[lo]! + t * p[Math.min(90, lo + 1)]!;
}

/** England-population-weighted mean of the curve over ages lo … hi. */
function bandMean(p: Float64Array, lo: number, hi: number): number {
  const england = run.sources.input.profiles.england;
  let s = 0;
  let w = 0;
  for (let a = lo; a <= hi; ++a) {
    s += p[a]! * england[a]!;
    w += england[a]!;
  }
  return s / w;
}

beforeAll(() => {
  run = calibratePrevalence(packageRoot());
  calibration = run.calibration;
}, 60_000);

describe('prevalence calibration', () => {
  it('is deterministic and equals the committed data/built/prevalence.json', () => {
    const text = buildPrevalence(packageRoot());
    expect(buildPrevalence(packageRoot())).toBe(text);
    expect(readFileSync(join(builtDataDir(), 'prevalence.json'), 'utf8')).toBe(text);
    expect(loadPrevalenceCalibration().conditions.map((c) => c.code)).toEqual([...CONDITIONS]);
  }, 60_000);

  it('fits every register across the 296 local authorities', () => {
    expect(calibration.conditions.map((c) => c.code)).toEqual([...CONDITIONS]);
    for (const c of calibration.conditions) {
      expect(c.fit.areas, c.code).toBe(296);
      expect(c.fit.deviance, c.code).toBeLessThan(c.fit.nullDeviance);
      expect(c.fit.dispersion, c.code).toBeGreaterThan(1);
      expect(c.covariance, c.code).toHaveLength(9);
      for (const k of [0, 4, 8]) expect(c.covariance[k], c.code).toBeGreaterThan(0);
      expect(c.covariance[1]).toBeCloseTo(c.covariance[3]!, 12);
      expect(c.tilt, c.code).toBeGreaterThan(0.8);
      expect(c.tilt, c.code).toBeLessThan(1.5);
    }
  });

  it('gives every register a plausible curve by age', () => {
    for (const c of calibration.conditions) {
      const p = curve(c);
      for (let a = 0; a < 91; ++a) {
        if (a < c.ageMin || a > c.ageMax) expect(p[a], `${c.code} age ${a}`).toBe(0);
        else {
          expect(p[a], `${c.code} age ${a}`).toBeGreaterThan(0);
          expect(p[a], `${c.code} age ${a}`).toBeLessThan(0.6);
        }
      }
      if (RISING.includes(c.code)) expect(p[75], c.code).toBeGreaterThan(2 * p[45]!);
    }
  });

  it('keeps each curve close to its published profile', () => {
    for (const c of calibration.conditions) {
      const anchors = (c.published ?? []).filter((q) => q.anchor && q.age >= c.ageMin);
      if (anchors.length === 0) continue;
      const p = curve(c);
      const logRatios = anchors.map((q) => Math.log(q.prevalence / at(p, q.age)));
      const level = logRatios.reduce((s, v) => s + v, 0) / logRatios.length;
      anchors.forEach((q, i) => {
        const factor = q.prevalence >= 0.01 ? ANCHOR_FACTOR : SMALL_ANCHOR_FACTOR;
        const off = Math.exp(Math.abs(logRatios[i]! - level));
        expect(off, `${c.code} ${q.source} ages ${q.ageLow}-${q.ageHigh ?? ''}`).toBeLessThan(
          factor,
        );
      });
    }
  });

  it('never makes diabetes peak in middle age and vanish at 75+ (DESIGN.md pitfall)', () => {
    const dm = calibration.conditions.find((c) => c.code === 'DM')!;
    const p = curve(dm);
    const middle = bandMean(p, 45, 54);
    const old = bandMean(p, 75, 90);
    expect(old).toBeGreaterThan(1.5 * middle);
    expect(old).toBeGreaterThan(0.1);
    expect(middle).toBeGreaterThan(0.04);
    expect(middle).toBeLessThan(0.1);
    let peak = 17;
    for (let a = 17; a <= 90; ++a) if (p[a]! > p[peak]!) peak = a;
    expect(peak).toBeGreaterThanOrEqual(65);
    // True prevalence at 75+ (registered / mean detection) near the PHE model's 23.8 %.
    const detection = calibration.parameters.find((q) => q.code === 'DM')!.detection!;
    const trueOld = old / distributionMean(detection.distribution);
    expect(trueOld).toBeGreaterThan(0.15);
    expect(trueOld).toBeLessThan(0.3);
  });

  it('reproduces every area register exactly through its area factor', () => {
    const { areas, population, deprivationZ, registers } = run.sources.input;
    for (const c of calibration.conditions) {
      const counts = registers.get(c.code)!;
      areas.forEach((code, i) => {
        const p = curve(c, deprivationZ[i]);
        let cases = 0;
        let people = 0;
        for (let a = c.ageMin; a <= c.ageMax; ++a) {
          cases += population[i * 91 + a]! * p[a]!;
          people += population[i * 91 + a]!;
        }
        const expected = (counts.list[i]! * cases) / people;
        const rebuilt = expected * c.areaFactor[code]!;
        expect(Math.abs(rebuilt / c.register[code]! - 1), `${c.code} ${code}`).toBeLessThan(1e-9);
        expect(c.listRatio[code], `${c.code} ${code}`).toBeCloseTo(counts.list[i]! / people, 9);
      });
    }
  });

  it('standardises deprivation and shares each area between the IMD deciles', () => {
    const z = Object.values(calibration.deprivationZ);
    expect(z).toHaveLength(296);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1);
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    expect(variance).toBeCloseTo(1, 9);
    for (const shares of Object.values(calibration.decileShares)) {
      expect(shares).toHaveLength(10);
      expect(shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('prevalence parameters', () => {
  it('gives sourced distributions for detection, excess mortality and trend', () => {
    expect(calibration.parameters.map((p) => p.code)).toEqual([...CONDITIONS]);
    const detected = calibration.parameters.filter((p) => p.detection !== undefined);
    expect(detected.map((p) => p.code).sort()).toEqual(
      ['AF', 'CKD', 'COPD', 'DEM', 'DM', 'HF', 'HYP'].sort(),
    );
    for (const p of calibration.parameters) {
      const d = p.detection?.distribution;
      if (d !== undefined) {
        expect(d.dist).toBe('pert');
        if (d.dist === 'pert') {
          expect(d.min).toBeGreaterThan(0);
          expect(d.min).toBeLessThan(d.mode);
          expect(d.mode).toBeLessThan(d.max);
          expect(d.max).toBeLessThan(1);
        }
        expect(p.detection!.source).toMatch(/detect_/);
      }
      expect(p.excessMortality.distribution.dist).toBe('lognormal');
      expect(distributionMean(p.excessMortality.distribution)).toBeGreaterThan(1);
      expect(p.trend.distribution.dist).toBe('normal');
      expect(p.trend.source).toMatch(/qof_england_prevalence/);
    }
    const dm = calibration.parameters.find((p) => p.code === 'DM')!;
    expect(dm.detection!.distribution).toEqual({ dist: 'pert', min: 0.7, mode: 0.75, max: 0.8 });
    expect(dm.excessMortality.source).toMatch(/mort_excess_risk_vs_general_pop DM/);
  });

  it('nets ageing out of the QOF trend', () => {
    // Hypertension's crude England prevalence rose (13.73 % to 14.42 %, 2013-14 to 2022-23)
    // about as fast as ageing alone explains, so its net trend is near zero.
    const hyp = calibration.parameters.find((p) => p.code === 'HYP')!.trend.distribution;
    expect(hyp.dist === 'normal' && Math.abs(hyp.mean)).toBeLessThan(0.01);
    const dep = calibration.parameters.find((p) => p.code === 'DEP')!.trend.distribution;
    expect(dep.dist === 'normal' && dep.mean).toBeGreaterThan(0.05);
  });
});
