import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGES, OPEN_AGE } from '../../../engine/kernels/cohort.js';
import {
  infantSeparation,
  LATER_AGE,
  lifeExpectanciesAtBirthOfProducts,
  lifeExpectancyBirthAnd65Into,
  lifeTableInto,
  lifeTableWork,
  type LifeTableSex,
} from '../../../engine/kernels/life-table.js';
import { LE_BANDS, LE_START_AGES, lifeExpectancy } from '../../../engine/stats/life-expectancy.js';

interface Published {
  readonly mx: Float64Array;
  readonly e0: number;
  readonly e65: number;
}

/** The ONS national life tables, England: period|sex → rates 0 … 89, 90+ = 1/e90, published e0, e65. */
function onsTables(): Map<string, Published> {
  const text = readFileSync(
    join(
      process.cwd(),
      'data/raw/ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv',
    ),
    'utf8',
  );
  const out = new Map<string, { mx: Float64Array; e0: number; e65: number }>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [period, sex, age, mx, , , , ex] = line.split(',');
    const key = `${period}|${sex}`;
    let t = out.get(key);
    if (!t) {
      t = { mx: new Float64Array(AGES), e0: NaN, e65: NaN };
      out.set(key, t);
    }
    const a = Number(age);
    if (a < OPEN_AGE) t.mx[a] = Number(mx);
    if (a === OPEN_AGE) t.mx[OPEN_AGE] = 1 / Number(ex);
    if (a === 0) t.e0 = Number(ex);
    if (a === 65) t.e65 = Number(ex);
  }
  return out;
}

describe('lifeTableInto', () => {
  const tables = onsTables();

  it('reproduces the published e0 and e65 of every ONS national life table within 0.05 years', () => {
    expect(tables.size).toBe(76);
    const ex = new Float64Array(AGES);
    const work = lifeTableWork();
    let worst = 0;
    for (const [key, t] of tables) {
      const sex = key.endsWith('female') ? 'female' : 'male';
      const e0 = lifeTableInto(t.mx, infantSeparation(t.mx[0]!, sex), ex, work);
      worst = Math.max(worst, Math.abs(e0 - t.e0), Math.abs(ex[65]! - t.e65));
      expect(Math.abs(e0 - t.e0), `${key} e0`).toBeLessThan(0.05);
      expect(Math.abs(ex[65]! - t.e65), `${key} e65`).toBeLessThan(0.05);
    }
    expect(worst).toBeGreaterThan(0);
  });

  it('agrees with the PHE 20-band abridged table within 0.3 years on the same rates', () => {
    const ex = new Float64Array(AGES);
    const work = lifeTableWork();
    for (const key of [
      '2017-2019|male',
      '2017-2019|female',
      '1980-1982|male',
      '2001-2003|female',
    ]) {
      const t = tables.get(key)!;
      const sex: LifeTableSex = key.endsWith('female') ? 'female' : 'male';
      // Same rates: 20 bands of deaths and person-years from a flat population of 10,000 a year
      // of age (the 90+ band holds 10 years' worth).
      const deaths = new Float64Array(LE_BANDS);
      const pops = new Float64Array(LE_BANDS);
      for (let a = 0; a < AGES; ++a) {
        const band = LE_START_AGES.findLastIndex((s) => s <= a);
        const p = a === OPEN_AGE ? 100_000 : 10_000;
        pops[band] = pops[band]! + p;
        deaths[band] = deaths[band]! + p * t.mx[a]!;
      }
      const abridged = lifeExpectancy(deaths, pops, [95]).value;
      lifeTableInto(t.mx, infantSeparation(t.mx[0]!, sex), ex, work);
      expect(Math.abs(ex[0]! - abridged[0]!), `${key} e0`).toBeLessThan(0.3);
      expect(Math.abs(ex[65]! - abridged[LE_START_AGES.indexOf(65)]!), `${key} e65`).toBeLessThan(
        0.3,
      );
    }
  });

  it('gives e = 1/m for a constant rate (exactly in the open group)', () => {
    const m = 0.02;
    const ex = new Float64Array(AGES);
    const e0 = lifeTableInto(new Float64Array(AGES).fill(m), 0.5, ex, lifeTableWork());
    expect(ex[OPEN_AGE]).toBe(1 / m);
    // Single-year steps with a = 0.5 approximate the exponential: e = 1/m within 0.01 %.
    expect(Math.abs(e0 - 1 / m) / (1 / m)).toBeLessThan(1e-4);
  });

  it('raises life expectancy when deaths are removed at one age, and only at ages up to it', () => {
    const t = tables.get('2017-2019|male')!;
    const base = new Float64Array(AGES);
    const fewer = new Float64Array(AGES);
    const work = lifeTableWork();
    lifeTableInto(t.mx, 0.06, base, work);
    const mx = t.mx.slice();
    mx[70] = mx[70]! * 0.8;
    lifeTableInto(mx, 0.06, fewer, work);
    for (let a = 0; a <= 70; ++a) expect(fewer[a]!).toBeGreaterThan(base[a]!);
    // Above 70 the table is the same (survivors are rescaled, so equal to rounding).
    for (let a = 71; a < AGES; ++a) expect(fewer[a]).toBeCloseTo(base[a]!, 10);
  });

  it('is NaN throughout when the open group has no deaths or a rate is missing', () => {
    const ex = new Float64Array(AGES);
    const mx = new Float64Array(AGES).fill(0.01);
    mx[OPEN_AGE] = 0;
    expect(lifeTableInto(mx, 0.1, ex, lifeTableWork())).toBeNaN();
    expect(ex.every(Number.isNaN)).toBe(true);
    mx[OPEN_AGE] = 0.2;
    mx[40] = NaN;
    expect(lifeTableInto(mx, 0.1, ex, lifeTableWork())).toBeNaN();
  });
});

describe('infantSeparation', () => {
  it('follows Coale–Demeny: 0.045 + 2.684·m0 (males), 0.053 + 2.8·m0 (females), constant from m0 = 0.107', () => {
    expect(infantSeparation(0.004, 'male')).toBeCloseTo(0.045 + 2.684 * 0.004, 15);
    expect(infantSeparation(0.004, 'female')).toBeCloseTo(0.053 + 2.8 * 0.004, 15);
    expect(infantSeparation(0.2, 'male')).toBe(0.33);
    expect(infantSeparation(0.2, 'female')).toBe(0.35);
  });
});

describe('lifeExpectancyBirthAnd65Into', () => {
  it('gives the full table’s e0 and e65 (to rounding) for every ONS period, and NaN on bad rates', () => {
    const text = readFileSync(
      join(
        process.cwd(),
        'data/raw/ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv',
      ),
      'utf8',
    );
    const rates = new Map<string, Float64Array>();
    for (const line of text.trim().split('\n').slice(1)) {
      const [period, sex, age, mx, , , , ex] = line.split(',');
      const key = `${period}|${sex}`;
      const m = rates.get(key) ?? new Float64Array(AGES);
      rates.set(key, m);
      const a = Number(age);
      if (a < OPEN_AGE) m[a] = Number(mx);
      if (a === OPEN_AGE) m[a] = 1 / Number(ex);
    }
    const ex = new Float64Array(AGES);
    const work = lifeTableWork();
    const out = new Float64Array(2);
    for (const [key, mx] of rates) {
      const e0 = lifeTableInto(mx, 0.07, ex, work);
      lifeExpectancyBirthAnd65Into(mx, 0.07, out);
      expect(out[0], key).toBeCloseTo(e0, 10);
      expect(out[1], key).toBeCloseTo(ex[LATER_AGE]!, 10);
    }
    const bad = new Float64Array(AGES).fill(0.01);
    bad[10] = -1;
    lifeExpectancyBirthAnd65Into(bad, 0.1, out);
    expect([...out]).toEqual([NaN, NaN]);
  });
});

describe('lifeExpectanciesAtBirthOfProducts', () => {
  // Rates of a plausible shape times decile-like factors and multipliers.
  const rates = Float64Array.from({ length: AGES }, (_, x) =>
    x === 0 ? 0.004 : Math.exp(-9.5 + 0.088 * x),
  );
  const ROWS = 7;
  const factors = Float64Array.from({ length: ROWS * AGES }, (_, i) => 0.7 + 0.01 * (i % 53));
  const multipliers = Float64Array.from({ length: ROWS * AGES }, (_, i) => 1 - 0.002 * (i % 7));

  it('equals e(0) of lifeExpectancyBirthAnd65Into on the product rates, to 1e-14 relative', () => {
    // The product form divides once where the table divides at every age: the same table,
    // rounded differently (measured: within 2e-15 relative here).
    const mx = new Float64Array(AGES);
    const pair = new Float64Array(2);
    const products = new Float64Array(ROWS * AGES);
    for (let i = 0; i < ROWS * AGES; ++i) products[i] = rates[i % AGES]! * factors[i]!;
    const out = new Float64Array(ROWS);
    for (const sex of ['male', 'female'] as const)
      for (const mult of [undefined, multipliers]) {
        if (mult) lifeExpectanciesAtBirthOfProducts(products, AGES, mult, AGES, ROWS, sex, out);
        else lifeExpectanciesAtBirthOfProducts(rates, 0, factors, AGES, ROWS, sex, out);
        for (let d = 0; d < ROWS; ++d) {
          const o = d * AGES;
          for (let x = 0; x < AGES; ++x) {
            const m = rates[x]! * factors[o + x]!;
            mx[x] = mult ? m * mult[o + x]! : m;
          }
          lifeExpectancyBirthAnd65Into(mx, infantSeparation(mx[0]!, sex), pair);
          expect(Math.abs(out[d]! - pair[0]!) / pair[0]!).toBeLessThan(1e-14);
        }
      }
  });

  it('matches the table where no one survives an age (q = 1 from m = 2) and at high mortality', () => {
    const mx = new Float64Array(AGES);
    const pair = new Float64Array(2);
    const out = new Float64Array(1);
    const one = new Float64Array(AGES).fill(1);
    for (const cut of [2, 3.5]) {
      const harsh = rates.map((m, x) => (x === 60 ? cut : 40 * m));
      lifeExpectanciesAtBirthOfProducts(harsh, 0, one, AGES, 1, 'male', out);
      mx.set(harsh);
      lifeExpectancyBirthAnd65Into(mx, infantSeparation(mx[0]!, 'male'), pair);
      expect(Math.abs(out[0]! - pair[0]!) / pair[0]!).toBeLessThan(1e-14);
    }
  });

  it('reads the rows at their strides (rows 0 and 2 of the factors)', () => {
    const all = new Float64Array(3);
    const ends = new Float64Array(2);
    lifeExpectanciesAtBirthOfProducts(rates, 0, factors, AGES, 3, 'male', all);
    lifeExpectanciesAtBirthOfProducts(rates, 0, factors, 2 * AGES, 2, 'male', ends);
    expect([...ends]).toEqual([all[0], all[2]]);
  });

  it('is NaN for a row with a negative rate or a non-positive open-group rate', () => {
    const out = new Float64Array(2);
    const bad = rates.slice();
    bad[40] = -1e-3;
    lifeExpectanciesAtBirthOfProducts(bad, 0, factors, AGES, 2, 'male', out);
    expect([...out]).toEqual([NaN, NaN]);
    const open = factors.slice();
    open[2 * AGES - 1] = 0;
    lifeExpectanciesAtBirthOfProducts(rates, 0, open, AGES, 2, 'female', out);
    expect(out[0]).toBeGreaterThan(0);
    expect(out[1]).toBeNaN();
  });
});
