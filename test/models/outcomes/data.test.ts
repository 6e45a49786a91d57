import { describe, expect, it } from 'vitest';
import { nationalRates } from './national-rates.js';
import { AGES } from '../../../engine/kernels/cohort.js';
import {
  infantSeparation,
  lifeTableInto,
  lifeTableWork,
} from '../../../engine/kernels/life-table.js';
import { InputError } from '../../../engine/errors.js';
import {
  decilesByDataCode,
  DECILES,
  outcomesData,
  TREATMENTS,
} from '../../../models/outcomes/index.js';

const data = outcomesData();

const referenceRates = (sex: 'male' | 'female'): Float64Array => nationalRates('2014-2016', sex);

describe('outcomes.json', () => {
  it('has every district, county, region and England of the PHE data with ten deciles (not the one-decile Isles of Scilly)', () => {
    const codes = Object.keys(data.areas);
    expect(codes).toContain('England');
    expect(codes).toContain('E06000009');
    expect(codes).not.toContain('E06000053');
    expect(codes.length).toBe(361);
    for (const code of codes)
      for (const sex of ['male', 'female'] as const) {
        const e = data.areas[code]![sex];
        expect(e.k.length).toBe(DECILES);
        expect(e.share.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      }
  });

  it('solves each decile’s level so the reference rates reproduce its published life expectancy', () => {
    const ex = new Float64Array(AGES);
    const work = lifeTableWork();
    const mx = new Float64Array(AGES);
    for (const code of ['England', 'E06000009', 'E06000052', 'E09000030', 'E06000017'])
      for (const sex of ['male', 'female'] as const) {
        const rates = referenceRates(sex);
        const e = data.areas[code]![sex];
        e.k.forEach((k, d) => {
          if (e.suppressed.includes(d + 1)) return;
          for (let a = 0; a < AGES; ++a) mx[a] = rates[a]! * Math.exp(k * data.gradient[sex][a]!);
          const e0 = lifeTableInto(mx, infantSeparation(mx[0]!, sex), ex, work);
          expect(Math.abs(e0 - e.le[d]!), `${code} ${sex} decile ${d + 1}`).toBeLessThan(1e-6);
        });
      }
    // Rutland's female decile 3 (published 108.0 years, se 15.8) follows the area's line.
    expect(data.areas.E06000017!.female.suppressed).toEqual([3]);
  });

  it('gives every treatment a relative risk below 1 and uptake and persistence inside their sourced ranges', () => {
    for (const t of TREATMENTS) {
      const { rrAllCause, uptake, persistence, conditions } = data.treatments[t];
      expect(conditions.length).toBeGreaterThan(0);
      expect(rrAllCause.distribution.dist).toBe('lognormal');
      if (rrAllCause.distribution.dist === 'lognormal')
        expect(Math.exp(rrAllCause.distribution.meanlog)).toBeCloseTo(rrAllCause.value, 9);
      expect(rrAllCause.high).toBeLessThan(1);
      for (const p of [uptake, persistence]) {
        expect(p.distribution).toEqual({ dist: 'pert', min: p.low, mode: p.value, max: p.high });
        expect(p.source).toMatch(/http/);
      }
    }
    expect(data.treatments.antihypertensive.conditions).toEqual(['HYP']);
    expect(data.treatments.anticoagulation.conditions).toEqual(['AF']);
    expect(data.treatments.statin.conditions).toEqual(['DM', 'CVDPP']);
  });

  it('refuses an area the decile data do not have, naming the codes it expects', () => {
    expect(() => decilesByDataCode(data, 'E06000053')).toThrow(InputError);
    expect(() => decilesByDataCode(data, 'X1')).toThrow(
      /expected a code of the PHE life expectancy by deprivation decile data.*got X1/,
    );
    expect(decilesByDataCode(data, 'England').male.le[0]).toBeCloseTo(73.94399889, 8);
  });
});
