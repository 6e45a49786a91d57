import { describe, expect, it } from 'vitest';
import { AGES, OPEN_AGE } from '../../../engine/ages.js';
import { DECILE_TABLES, DecileLifeTables } from '../../../engine/kernels/life-table-wasm.js';
import {
  lifeExpectanciesAtBirthOfProducts,
  type LifeTableSex,
} from '../../../engine/kernels/life-table.js';
import { createStream, type Rng } from '../../../engine/rng/stream.js';

const SEED = 20261201;
const SEXES: readonly LifeTableSex[] = ['male', 'female'];

/** A seeded stream for the test input called `name`. */
const stream = (name: string): Rng => createStream(SEED, 0, `test/life-table-wasm/${name}`);

/**
 * Rates of a plausible shape at a random level, with some ages at zero, some tiny (subnormal
 * products) and, when `harsh`, rates up to 1.9 (rate × factor up to the kernel's limit).
 */
function randomRates(rng: Rng, harsh = false): Float64Array {
  const level = Math.exp(-11 + 4 * rng.next());
  const slope = 0.06 + 0.05 * rng.next();
  return Float64Array.from({ length: AGES }, (_, x) => {
    const u = rng.next();
    if (u < 0.03) return 0;
    if (u < 0.05) return 1e-310 * rng.next();
    const m = x === 0 ? 0.002 + 0.01 * rng.next() : level * Math.exp(slope * x);
    return harsh ? Math.min(1.9, 30 * m) : Math.min(0.9, m);
  });
}

/** Decile factors around 1 (most deprived highest), 10 × 91. */
function randomFactors(rng: Rng): Float64Array {
  return Float64Array.from(
    { length: DECILE_TABLES * AGES },
    (_, i) => (1.5 - 0.1 * Math.floor(i / AGES)) * (0.8 + 0.4 * rng.next()),
  );
}

/** The JavaScript reference of `tables.compute`. */
function reference(rates: Float64Array, factors: Float64Array, sex: LifeTableSex): Float64Array {
  const out = new Float64Array(DECILE_TABLES);
  lifeExpectanciesAtBirthOfProducts(rates, 0, factors, AGES, DECILE_TABLES, sex, out);
  return out;
}

/** Each value of `actual` is `Object.is` the reference's (NaN is NaN, 0 is not −0). */
function expectSame(actual: Float64Array, expected: Float64Array): void {
  const differ = [...actual].flatMap((v, d) => (Object.is(v, expected[d]) ? [] : [d]));
  expect(differ, `deciles ${differ.join(', ')}`).toEqual([]);
}

describe('DecileLifeTables', () => {
  it('equals lifeExpectanciesAtBirthOfProducts bit for bit over seeded rates and factors', () => {
    const rng = stream('random');
    const tables = new DecileLifeTables();
    const out = new Float64Array(DECILE_TABLES);
    for (let trial = 0; trial < 300; ++trial) {
      const rates = randomRates(rng, trial % 3 === 0);
      // Infant rates on both sides of the a(0) rule's bend at 0.107, the other ages as drawn.
      if (trial % 3 === 1) rates[0] = 0.03 + 0.2 * rng.next();
      const factors = randomFactors(rng);
      for (const sex of SEXES) {
        tables.compute(rates, factors, sex, out);
        expectSame(out, reference(rates, factors, sex));
      }
    }
  });

  it('keeps each sex’s factors while the other sex alternates with it, and reloads new ones', () => {
    const rng = stream('alternate');
    const tables = new DecileLifeTables();
    const out = new Float64Array(DECILE_TABLES);
    const male = randomFactors(rng);
    const female = randomFactors(rng);
    for (let year = 0; year < 6; ++year) {
      const rates = randomRates(rng);
      tables.compute(rates, male, 'male', out);
      expectSame(out, reference(rates, male, 'male'));
      tables.compute(rates, female, 'female', out);
      expectSame(out, reference(rates, female, 'female'));
    }
    // Another area's factors: new arrays, laid out again.
    const other = randomFactors(rng);
    const rates = randomRates(rng);
    tables.compute(rates, other, 'male', out);
    expectSame(out, reference(rates, other, 'male'));
  });

  it('marks only the tables a negative, missing or too large rate touches, as the reference does', () => {
    const rng = stream('bad');
    const tables = new DecileLifeTables();
    const out = new Float64Array(DECILE_TABLES);
    const rates = randomRates(rng);
    const factors = randomFactors(rng);
    const cases: [string, (r: Float64Array, f: Float64Array) => void][] = [
      ['negative factor of decile 3', (_, f) => (f[3 * AGES + 40] = -0.5)],
      ['negative rate', (r) => (r[50] = -1e-4)],
      ['missing rate', (r) => (r[20] = NaN)],
      ['missing factor of decile 7', (_, f) => (f[7 * AGES + 20] = NaN)],
      ['rate of 2 (no one survives the age)', (r) => (r[70] = 2)],
      ['rate above 2 in decile 0 only', (_, f) => (f[60] = 1e4)],
      ['open group rate 0', (r) => (r[OPEN_AGE] = 0)],
      ['infant rate negative', (r) => (r[0] = -1)],
    ];
    for (const [name, spoil] of cases) {
      const r = rates.slice();
      const f = factors.slice();
      spoil(r, f);
      for (const sex of SEXES) {
        tables.compute(r, f, sex, out);
        const expected = reference(r, f, sex);
        expect([...expected].some(Number.isNaN) || name.startsWith('rate'), name).toBe(true);
        expectSame(out, expected);
      }
    }
  });

  it('is one instance per thread', () => {
    expect(DecileLifeTables.shared()).toBe(DecileLifeTables.shared());
  });
});
