import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nationalRates } from './national-rates.js';
import { bufferedIo } from '../../../cli/io.js';
import { runCli } from '../../../cli/program.js';
import { AGES, OPEN_AGE } from '../../../engine/kernels/cohort.js';
import { lifeExpectanciesAtBirthOfProducts } from '../../../engine/kernels/life-table.js';
import { createStream } from '../../../engine/rng/stream.js';
import { sample } from '../../../engine/rng/distributions.js';
import { dsr, ESP2013 } from '../../../engine/stats/dsr.js';
import { sii } from '../../../engine/stats/sii.js';
import {
  addDeathsAverted,
  addTreatmentGain,
  calibrateDecileSpread,
  DECILES,
  decileFactors,
  decileInequality,
  decileLifeExpectancy,
  drawExcessMortality,
  drawTreatment,
  excessMortalityStream,
  lifeYearsGained,
  onTreatmentByYear,
  OUTCOME_METRICS,
  outcomesData,
  outcomesWork,
  outcomesYear,
  reachMultipliers,
  siiPoint,
  stepSaved,
  TREATMENTS,
  treatmentStreams,
  u75MortalityDsr,
  YEAR_SLOTS,
  type DecileEntry,
  type OutcomesYearInput,
  type TreatmentDraw,
} from '../../../models/outcomes/index.js';

const data = outcomesData();

/** The area's rates implied by its deciles: national × Σ s(d)·exp(k(d)·w(x)). */
function areaRates(entry: DecileEntry, w: readonly number[], national: Float64Array): Float64Array {
  return Float64Array.from(national, (m, x) => {
    let mean = 0;
    for (let d = 0; d < DECILES; ++d) mean += entry.share[d]! * Math.exp(entry.k[d]! * w[x]!);
    return m * mean;
  });
}

function factorsOf(entry: DecileEntry, sex: 'male' | 'female'): Float64Array {
  const out = new Float64Array(DECILES * AGES);
  decileFactors(entry, data.gradient[sex], out);
  return out;
}

/** A flat population of 1,000 a year of age (10,000 in 90+). */
const flatPop = (): Float64Array =>
  Float64Array.from({ length: AGES }, (_, a) => (a === OPEN_AGE ? 10_000 : 1000));

function yearInput(code: string, extra: Partial<OutcomesYearInput> = {}): OutcomesYearInput {
  const entry = data.areas[code]!;
  return {
    ratesMale: areaRates(entry.male, data.gradient.male, nationalRates('2017-2019', 'male')),
    ratesFemale: areaRates(
      entry.female,
      data.gradient.female,
      nationalRates('2017-2019', 'female'),
    ),
    popMale: flatPop(),
    popFemale: flatPop(),
    decilesMale: entry.male,
    decilesFemale: entry.female,
    factorsMale: factorsOf(entry.male, 'male'),
    factorsFemale: factorsOf(entry.female, 'female'),
    reached: new Float64Array(DECILES).fill(1),
    cvdShare: 0.21,
    ...extra,
  };
}

describe('decile factors', () => {
  it('average to 1 over the deciles at every age (the area keeps its own rates)', () => {
    for (const code of ['England', 'E06000009', 'E06000052', 'E09000030']) {
      for (const sex of ['male', 'female'] as const) {
        const entry = data.areas[code]![sex];
        const f = factorsOf(entry, sex);
        for (let x = 0; x < AGES; ++x) {
          let mean = 0;
          for (let d = 0; d < DECILES; ++d) mean += entry.share[d]! * f[d * AGES + x]!;
          expect(mean).toBeCloseTo(1, 12);
        }
        // Decile 1 (most deprived) has higher rates than decile 10 at every age.
        for (let x = 0; x < AGES; ++x) expect(f[x]!).toBeGreaterThan(f[9 * AGES + x]!);
      }
    }
  });

  it('are exp(k·w)/Σ s·exp(k·w) at every age, bit for bit, where the banded gradient repeats', () => {
    const entry = data.areas.E06000009!.male;
    const w = data.gradient.male;
    const f = factorsOf(entry, 'male');
    for (let x = 0; x < AGES; ++x) {
      let mean = 0;
      for (let d = 0; d < DECILES; ++d) mean += entry.share[d]! * Math.exp(entry.k[d]! * w[x]!);
      for (let d = 0; d < DECILES; ++d)
        expect(f[d * AGES + x]).toBe(Math.exp(entry.k[d]! * w[x]!) / mean);
    }
  });

  it('keep every area’s published gap between deciles 1 and 10 within 0.5 years on later national rates', () => {
    const work = outcomesWork();
    const inequality = { gap: NaN, sii: NaN };
    let areas = 0;
    let worst = 0;
    for (const [code, entry] of Object.entries(data.areas)) {
      for (const sex of ['male', 'female'] as const) {
        const e = entry[sex];
        if (e.suppressed.includes(1) || e.suppressed.includes(10)) continue;
        // Base year: the area's rates on the 2017-19 national schedule, not the calibration's.
        const rates = areaRates(e, data.gradient[sex], nationalRates('2017-2019', sex));
        decileLifeExpectancy(rates, factorsOf(e, sex), sex, work);
        decileInequality(e, work, inequality);
        const published = e.le[9]! - e.le[0]!;
        worst = Math.max(worst, Math.abs(inequality.gap - published));
        expect(Math.abs(inequality.gap - published), `${code} ${sex}`).toBeLessThan(0.5);
        areas += 1;
      }
    }
    expect(areas).toBeGreaterThan(700);
    expect(worst).toBeGreaterThan(0);
  });
});

describe('calibrateDecileSpread', () => {
  it('scales the decile levels so the gap on other rates is the published one, keeping shares and order', () => {
    const work = outcomesWork();
    const scratch = new Float64Array(DECILES * AGES);
    const inequality = { gap: NaN, sii: NaN };
    for (const [code, higher] of [
      ['E06000009', 1.3],
      ['E09000030', 0.7],
    ] as const) {
      const entry = data.areas[code]!.male;
      const rates = areaRates(entry, data.gradient.male, nationalRates('2017-2019', 'male')).map(
        (m) => m * higher,
      );
      decileLifeExpectancy(rates, factorsOf(entry, 'male'), 'male', work);
      decileInequality(entry, work, inequality);
      const published = entry.le[9]! - entry.le[0]!;
      const before = inequality.gap;
      const calibrated = calibrateDecileSpread(
        entry,
        data.gradient.male,
        rates,
        'male',
        work,
        scratch,
      );
      decileLifeExpectancy(rates, factorsOf(calibrated, 'male'), 'male', work);
      decileInequality(calibrated, work, inequality);
      expect(Math.abs(before - published), code).toBeGreaterThan(0.2);
      expect(inequality.gap, code).toBeCloseTo(published, 6);
      expect(calibrated.share).toEqual(entry.share);
      const lambda = calibrated.k[0]! / entry.k[0]!;
      calibrated.k.forEach((k, d) => expect(k).toBeCloseTo(lambda * entry.k[d]!, 12));
    }
  });

  it('finds exactly the levels of a bisection whose gap is read from every decile’s factors', () => {
    // The search as first written: each step's entry made whole and all ten rows of its factors.
    const reference = (entry: DecileEntry, rates: Float64Array): readonly number[] => {
      const factors = new Float64Array(DECILES * AGES);
      const pair = new Float64Array(2);
      const sign = Math.sign(entry.le[9]! - entry.le[0]!);
      const target = sign * (entry.le[9]! - entry.le[0]!);
      const levels = (lambda: number): number[] => entry.k.map((k) => lambda * k);
      const gapAt = (lambda: number): number => {
        decileFactors({ ...entry, k: levels(lambda) }, data.gradient.male, factors);
        lifeExpectanciesAtBirthOfProducts(rates, 0, factors, 9 * AGES, 2, 'male', pair);
        return sign * (pair[1]! - pair[0]!);
      };
      let low = 0;
      let high = 8;
      while (high - low > 1e-12) {
        const mid = (low + high) / 2;
        const gap = gapAt(mid);
        if (Math.abs(gap - target) < 1e-9) return levels(mid);
        if (gap < target) low = mid;
        else high = mid;
      }
      return levels((low + high) / 2);
    };
    for (const [code, higher] of [
      ['E06000009', 1.3],
      ['E09000030', 0.7],
      ['E08000025', 1],
    ] as const) {
      const entry = data.areas[code]!.male;
      const rates = areaRates(entry, data.gradient.male, nationalRates('2017-2019', 'male')).map(
        (m) => m * higher,
      );
      const scratch = new Float64Array(DECILES * AGES);
      const calibrated = calibrateDecileSpread(
        entry,
        data.gradient.male,
        rates,
        'male',
        outcomesWork(),
        scratch,
      );
      expect(calibrated.k, code).toEqual(reference(entry, rates));
    }
  });

  it('leaves an entry whose decile 1 or 10 is suppressed unchanged', () => {
    const entry = { ...data.areas.E06000009!.male, suppressed: [10] };
    const rates = nationalRates('2017-2019', 'male');
    const scratch = new Float64Array(DECILES * AGES);
    expect(
      calibrateDecileSpread(entry, data.gradient.male, rates, 'male', outcomesWork(), scratch),
    ).toBe(entry);
  });
});

describe('siiPoint', () => {
  it('equals the PHE method’s point estimate (engine/stats sii) on England’s decile data', () => {
    for (const sex of ['male', 'female'] as const) {
      const e = data.areas.England![sex];
      const values = Float64Array.from(e.le);
      const reference = sii(
        { pops: Float64Array.from(e.share), values, se: new Float64Array(DECILES).fill(0.05) },
        {
          levels: [],
          valueType: 0,
          transform: false,
          multiplier: 1,
          repetitions: 1,
          random: () => 0.5,
          rii: false,
        },
      );
      expect(siiPoint(e.share, values)).toBeCloseTo(reference.sii, 10);
      expect(siiPoint(e.share, values)).toBeGreaterThan(5);
    }
  });
});

describe('England’s SII from the decile data', () => {
  it('equals what `wcc indicators sii` gives on the same rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcc-outcomes-'));
    for (const sex of ['male', 'female'] as const) {
      // The published rows: person-years, life expectancy and its standard error by decile.
      const rows = readFileSync(
        join(process.cwd(), 'data/raw/phe-le-by-la-deprivation-decile/LE_testdata.csv'),
        'utf8',
      )
        .split('\n')
        .map((line) => line.split(','))
        .filter((r) => r[1] === 'England' && r[0] === (sex === 'male' ? '1' : '2'));
      const file = join(dir, `${sex}.csv`);
      writeFileSync(
        file,
        ['quantile,pop,value,se', ...rows.map((r) => `${r[2]},${r[3]},${r[5]},${r[6]}`)].join('\n'),
      );
      const io = bufferedIo(dir);
      const code = await runCli(
        ['indicators', 'sii', file, '--se', '--repetitions', '1000', '--format', 'json'],
        io,
      );
      expect(code, io.stderr).toBe(0);
      const cli = (JSON.parse(io.stdout) as { sii: number }[])[0]!.sii;
      const e = data.areas.England![sex];
      expect(siiPoint(e.share, Float64Array.from(e.le))).toBeCloseTo(cli, 6);
    }
  });
});

describe('u75MortalityDsr', () => {
  it('equals the DSR of engine/stats on the ESP2013 bands 0-4 … 70-74', () => {
    const deaths = Float64Array.from({ length: AGES }, (_, a) => 0.2 * Math.exp(0.08 * a));
    const pop = Float64Array.from({ length: AGES }, (_, a) => 900 + ((a * 53) % 200));
    const bandDeaths = new Float64Array(15);
    const bandPop = new Float64Array(15);
    for (let a = 0; a < 75; ++a) {
      bandDeaths[Math.floor(a / 5)] = bandDeaths[Math.floor(a / 5)]! + deaths[a]!;
      bandPop[Math.floor(a / 5)] = bandPop[Math.floor(a / 5)]! + pop[a]!;
    }
    const reference = dsr(bandDeaths, bandPop, ESP2013.slice(0, 15), {
      levels: [],
      multiplier: 100_000,
    });
    expect(u75MortalityDsr(deaths, pop)).toBeCloseTo(reference.value, 9);
  });
});

describe('health gain', () => {
  it('carries the found on treatment with uptake and annual persistence', () => {
    const found = new Float64Array(3 * AGES);
    found[60] = 100;
    found[2 * AGES + 60] = 10;
    const out = new Float64Array(3 * AGES);
    onTreatmentByYear(found, 3, 0.5, 0.8, out);
    expect(out[60]).toBe(50);
    expect(out[AGES + 60]).toBe(40);
    expect(out[2 * AGES + 60]).toBeCloseTo(32 + 5, 12);
    expect(out[61]).toBe(0);
  });

  it('averts people × rate × (from − to) deaths and values them at the saved people’s life expectancy', () => {
    const people = new Float64Array(AGES);
    people[70] = 1000;
    const rates = new Float64Array(AGES).fill(0.02);
    const averted = new Float64Array(AGES);
    addDeathsAverted(people, 0, rates, 2, 2 * 0.8, averted);
    expect(averted[70]).toBeCloseTo(1000 * 0.02 * 0.4, 12);
    expect(averted.reduce((s, v) => s + v, 0)).toBeCloseTo(8, 12);
    // Constant rate 0.02 × 1.6: remaining life expectancy ≈ 1/0.032 = 31.25 years.
    expect(lifeYearsGained(averted, rates, 1.6, outcomesWork())).toBeCloseTo(8 * 31.25, 0);
  });

  it('draws each treatment from its own stream: the same seed and replicate give the same draw', () => {
    const a: TreatmentDraw = { rr: NaN, uptake: NaN, persistence: NaN };
    const b: TreatmentDraw = { rr: NaN, uptake: NaN, persistence: NaN };
    for (const t of TREATMENTS) {
      drawTreatment(data.treatments[t], treatmentStreams(t), 101, 7, a);
      drawTreatment(data.treatments.statin, treatmentStreams('statin'), 101, 8, b);
      drawTreatment(data.treatments[t], treatmentStreams(t), 101, 7, b);
      expect(b).toEqual(a);
      expect(a.rr).toBeGreaterThan(0.4);
      expect(a.rr).toBeLessThanOrEqual(1);
      const u = data.treatments[t].uptake;
      expect(a.uptake).toBeGreaterThanOrEqual(u.low);
      expect(a.uptake).toBeLessThanOrEqual(u.high);
    }
  });

  it('uses the prevalence model’s excess-mortality draw for the same area and condition', () => {
    const d = { dist: 'lognormal' as const, meanlog: Math.log(1.5), sdlog: 0.3 };
    const mine = drawExcessMortality(excessMortalityStream('E06000052', 'HYP'), d, 5, 3);
    const theirs = sample(d, createStream(5, 3, 'E06000052/prevalence/HYP/excess_mortality'));
    expect(mine).toBe(Math.max(1, theirs));
  });
});

describe('stepSaved', () => {
  it('ages the saved a year, adds the step’s averted deaths and returns the deaths among those saved earlier', () => {
    const saved = new Float64Array(AGES);
    const survival = new Float64Array(AGES).fill(0.9);
    const averted = new Float64Array(AGES);
    const next = new Float64Array(AGES).fill(NaN);
    saved[40] = 10;
    saved[OPEN_AGE - 1] = 2;
    saved[OPEN_AGE] = 4;
    averted[60] = 3;
    averted[OPEN_AGE] = 1;
    const died = stepSaved(saved, survival, averted, next);
    expect(died).toBeCloseTo(1 + 0.2 + 0.4, 12);
    expect(next[0]).toBe(0);
    expect(next[41]).toBeCloseTo(9, 12);
    expect(next[61]).toBe(3);
    // The open group keeps its survivors and takes those reaching it.
    expect(next[OPEN_AGE]).toBeCloseTo(1.8 + 3.6 + 1, 12);
    // Conservation: the saved change by the averted deaths less their own deaths.
    const sum = (a: Float64Array): number => a.reduce((s, x) => s + x, 0);
    expect(sum(next)).toBeCloseTo(sum(saved) + sum(averted) - died, 12);
  });
});

describe('outcomesYear', () => {
  const slots = Object.keys(YEAR_SLOTS).length;

  it('declares every metric it writes, in slot order, with a unit and a description', () => {
    const names = OUTCOME_METRICS.map((m) => m.name);
    expect(names.slice(0, slots)).toEqual(Object.keys(YEAR_SLOTS));
    expect(names).toContain('life_years_gained');
    for (const m of OUTCOME_METRICS) {
      expect(m.unit.length).toBeGreaterThan(0);
      expect(m.description.length).toBeGreaterThan(10);
    }
  });

  it('leaves every outcome identical under a zero-effect intervention', () => {
    const work = outcomesWork();
    const base = new Float64Array(slots);
    const zero = new Float64Array(slots);
    outcomesYear(yearInput('E06000009'), work, base);
    outcomesYear(yearInput('E06000009', { averted: new Float64Array(AGES) }), work, zero);
    expect([...zero]).toEqual([...base]);
    expect(base[YEAR_SLOTS.deaths_averted]).toBe(0);
    expect(base[YEAR_SLOTS.le_birth_male]).toBeGreaterThan(70);
    expect(base[YEAR_SLOTS.u75_cvd_mortality_dsr]).toBeCloseTo(
      0.21 * base[YEAR_SLOTS.u75_mortality_dsr]!,
      12,
    );
  });

  it('copies the known life expectancies (withoutGain) only in a year that averts no deaths', () => {
    const work = outcomesWork();
    const computed = new Float64Array(slots);
    const copied = new Float64Array(slots);
    outcomesYear(yearInput('E06000009'), work, computed);
    const known = Float64Array.from({ length: slots }, (_, s) => 100 + s);
    outcomesYear(yearInput('E06000009', { withoutGain: known }), work, copied);
    const le = YEAR_SLOTS.gap_le_female + 1;
    expect([...copied.subarray(0, le)]).toEqual([...known.subarray(0, le)]);
    expect([...copied.subarray(le)]).toEqual([...computed.subarray(le)]);
    // With deaths averted the year is computed, whatever is known.
    const averted = new Float64Array(AGES);
    averted[60] = 1;
    const gained = new Float64Array(slots);
    const ignored = new Float64Array(slots);
    outcomesYear(yearInput('E06000009', { averted }), work, gained);
    outcomesYear(yearInput('E06000009', { averted, withoutGain: known }), work, ignored);
    expect([...ignored]).toEqual([...gained]);
  });

  it('raises life expectancy and lowers under-75 mortality when deaths are removed', () => {
    const work = outcomesWork();
    const base = new Float64Array(slots);
    const fewer = new Float64Array(slots);
    const averted = new Float64Array(AGES);
    for (let a = 50; a < 75; ++a) averted[a] = 0.5;
    outcomesYear(yearInput('E06000052'), work, base);
    outcomesYear(yearInput('E06000052', { averted }), work, fewer);
    expect(fewer[YEAR_SLOTS.deaths_averted]).toBeCloseTo(12.5, 12);
    for (const s of ['le_birth_male', 'le_birth_female', 'le_65_male', 'le_65_female'] as const)
      expect(fewer[YEAR_SLOTS[s]]!).toBeGreaterThan(base[YEAR_SLOTS[s]]!);
    expect(fewer[YEAR_SLOTS.u75_mortality_dsr]!).toBeLessThan(base[YEAR_SLOTS.u75_mortality_dsr]!);
  });

  it('narrows the gap when only deciles 1-3 are reached, leaves decile 10 unchanged, and averts exactly the deaths it removes', () => {
    const input = yearInput('E06000009');
    const work = outcomesWork();
    const entry = input.decilesMale;
    const reached = Float64Array.of(1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    const deaths = Float64Array.from(input.ratesMale, (m, x) => m * input.popMale[x]!);
    const averted = Float64Array.from(deaths, (d, x) => (x >= 40 && x < 80 ? 0.05 * d : 0));
    const multipliers = new Float64Array(DECILES * AGES);
    reachMultipliers(averted, deaths, entry, input.factorsMale, reached, multipliers, work.reach);
    const base = new Float64Array(DECILES);
    decileLifeExpectancy(input.ratesMale, input.factorsMale, 'male', work);
    base.set(work.le);
    decileLifeExpectancy(input.ratesMale, input.factorsMale, 'male', work, multipliers);
    expect(work.le[9]).toBe(base[9]);
    for (let d = 0; d < 3; ++d) expect(work.le[d]!).toBeGreaterThan(base[d]!);
    expect(work.le[9]! - work.le[0]!).toBeLessThan(base[9]! - base[0]!);
    // Deaths in the deciles (each with the area's age structure), with and without.
    let before = 0;
    let after = 0;
    for (let d = 0; d < DECILES; ++d)
      for (let x = 0; x < AGES; ++x) {
        const dx =
          entry.share[d]! *
          input.popMale[x]! *
          input.ratesMale[x]! *
          input.factorsMale[d * AGES + x]!;
        before += dx;
        after += dx * multipliers[d * AGES + x]!;
      }
    expect(before - after).toBeCloseTo(
      averted.reduce((s, v) => s + v, 0),
      9,
    );
    // Through outcomesYear: the SII falls and the paired difference is the deaths averted.
    const all = new Float64Array(slots);
    const some = new Float64Array(slots);
    const persons = Float64Array.from(averted, (v) => 2 * v);
    outcomesYear({ ...input, averted: persons }, work, all);
    outcomesYear({ ...input, averted: persons, reached }, work, some);
    const none = new Float64Array(slots);
    outcomesYear(input, work, none);
    expect(some[YEAR_SLOTS.sii_le_male]!).toBeLessThan(none[YEAR_SLOTS.sii_le_male]!);
    expect(some[YEAR_SLOTS.gap_le_male]!).toBeLessThan(none[YEAR_SLOTS.gap_le_male]!);
    expect(some[YEAR_SLOTS.le_birth_male]).toBe(all[YEAR_SLOTS.le_birth_male]);
  });

  it('adds each treatment’s deaths averted into the year’s total', () => {
    const work = outcomesWork();
    const onTreatment = new Float64Array(2 * AGES);
    onTreatment[AGES + 65] = 1000;
    const rates = nationalRates('2017-2019', 'male');
    const total = new Float64Array(AGES);
    const years = addTreatmentGain(onTreatment, 1, rates, 1.5, 0.87, work, total);
    expect(total[65]).toBeCloseTo(1000 * rates[65]! * 1.5 * 0.13, 12);
    expect(years).toBeGreaterThan(total[65]! * 10);
    expect(years).toBeLessThan(total[65]! * 25);
  });
});
