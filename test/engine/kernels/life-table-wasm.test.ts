import { describe, expect, it } from 'vitest';
import { AGES, OPEN_AGE } from '../../../engine/ages.js';
import {
  DECILE_TABLES,
  DecileLifeTables,
  SexLifeTables,
} from '../../../engine/kernels/life-table-wasm.js';
import {
  infantSeparation,
  lifeExpectanciesAtBirthOfProducts,
  lifeExpectanciesAtBirthOfReached,
  lifeExpectancyBirthAnd65Into,
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

/**
 * Trial `trial`'s rates and factors: every third trial harsh, and the next one's infant rate
 * moved to either side of the a(0) rule's bend at 0.107.
 */
function trialInputs(rng: Rng, trial: number): { rates: Float64Array; factors: Float64Array } {
  const rates = randomRates(rng, trial % 3 === 0);
  if (trial % 3 === 1) rates[0] = 0.03 + 0.2 * rng.next();
  return { rates, factors: randomFactors(rng) };
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
      const { rates, factors } = trialInputs(rng, trial);
      // Rates given alone, and as the first 91 values of a longer array.
      const longer = new Float64Array(AGES + 9).fill(7);
      longer.set(rates);
      for (const sex of SEXES) {
        tables.compute(rates, factors, sex, out);
        expectSame(out, reference(rates, factors, sex));
        tables.compute(longer, factors, sex, out);
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

describe('DecileLifeTables.computeReached', () => {
  /** The JavaScript reference of `tables.computeReached`. */
  function reached(
    rates: Float64Array,
    factors: Float64Array,
    multipliers: Float64Array,
    sex: LifeTableSex,
  ): Float64Array {
    const out = new Float64Array(DECILE_TABLES);
    const products = new Float64Array(DECILE_TABLES * AGES);
    lifeExpectanciesAtBirthOfReached(
      rates,
      factors,
      multipliers,
      DECILE_TABLES,
      sex,
      out,
      products,
    );
    return out;
  }

  /** Multipliers of an intervention: 1 in the deciles it misses, below 1 (some 0) in those reached. */
  function randomMultipliers(rng: Rng): Float64Array {
    const reachedDeciles = new Set([0, 1, 2].filter(() => rng.next() < 0.8));
    return Float64Array.from({ length: DECILE_TABLES * AGES }, (_, i) => {
      if (!reachedDeciles.has(Math.floor(i / AGES))) return 1;
      const u = rng.next();
      return u < 0.05 ? 0 : u < 0.1 ? 1 : 0.7 + 0.3 * rng.next();
    });
  }

  it('equals lifeExpectanciesAtBirthOfReached bit for bit, between calls of compute', () => {
    const rng = stream('reached');
    const tables = new DecileLifeTables();
    const out = new Float64Array(DECILE_TABLES);
    for (let trial = 0; trial < 300; ++trial) {
      const { rates, factors } = trialInputs(rng, trial);
      const multipliers = randomMultipliers(rng);
      for (const sex of SEXES) {
        tables.computeReached(rates, factors, multipliers, sex, out);
        expectSame(out, reached(rates, factors, multipliers, sex));
        // The plain tables of the same factors, then the reached ones again.
        tables.compute(rates, factors, sex, out);
        expectSame(out, reference(rates, factors, sex));
        tables.computeReached(rates, factors, multipliers, sex, out);
        expectSame(out, reached(rates, factors, multipliers, sex));
      }
    }
  });

  it('follows the reference where a multiplier is negative, missing or too large', () => {
    const rng = stream('reached-bad');
    const tables = new DecileLifeTables();
    const out = new Float64Array(DECILE_TABLES);
    const rates = randomRates(rng);
    const factors = randomFactors(rng);
    const cases: [string, (m: Float64Array) => void][] = [
      ['negative multiplier of decile 1', (m) => (m[AGES + 30] = -0.1)],
      ['missing multiplier of decile 2', (m) => (m[2 * AGES + 60] = NaN)],
      ['a multiplier that makes a rate above 2 in decile 0', (m) => (m[80] = 1e5)],
      ['a zero infant multiplier of decile 4', (m) => (m[4 * AGES] = 0)],
      ['a zero open-group multiplier of decile 5', (m) => (m[5 * AGES + OPEN_AGE] = 0)],
    ];
    for (const [name, spoil] of cases) {
      const m = randomMultipliers(rng);
      spoil(m);
      for (const sex of SEXES) {
        tables.computeReached(rates, factors, m, sex, out);
        const expected = reached(rates, factors, m, sex);
        expect(
          [...expected].some((v) => Number.isNaN(v)) ||
            name.includes('above 2') ||
            name.includes('infant'),
          name,
        ).toBe(true);
        expectSame(out, expected);
      }
    }
  });
});

describe('SexLifeTables', () => {
  /** [e(0), e(65)] of `lifeExpectancyBirthAnd65Into`, the kernel's reference. */
  const pair = (rates: Float64Array, sex: LifeTableSex): Float64Array => {
    const out = new Float64Array(2);
    lifeExpectancyBirthAnd65Into(rates, infantSeparation(rates[0]!, sex), out);
    return out;
  };

  /** Checks one call against the reference of each sex. */
  function expectBoth(tables: SexLifeTables, male: Float64Array, female: Float64Array): void {
    tables.male.set(male);
    tables.female.set(female);
    tables.compute();
    const m = pair(male, 'male');
    const f = pair(female, 'female');
    expectSame(tables.results, Float64Array.of(m[0]!, f[0]!, m[1]!, f[1]!));
  }

  it('equals lifeExpectancyBirthAnd65Into of each sex bit for bit over seeded rates', () => {
    const rng = stream('sexes');
    const tables = new SexLifeTables();
    for (let trial = 0; trial < 500; ++trial) {
      const male = randomRates(rng, trial % 3 === 0);
      const female = randomRates(rng, trial % 4 === 0);
      // Infant rates on both sides of the a(0) rule's bend at 0.107.
      if (trial % 5 === 0) male[0] = 0.05 + 0.2 * rng.next();
      if (trial % 7 === 0) female[0] = 0.05 + 0.2 * rng.next();
      expectBoth(tables, male, female);
      // The same tables with the sexes swapped: each lane has its own a(0) rule.
      expectBoth(tables, female, male);
    }
  });

  it('follows the reference where no one survives, and where a table is invalid', () => {
    const rng = stream('edges');
    const tables = new SexLifeTables();
    const base = (): Float64Array => randomRates(rng);
    const cases: [string, (r: Float64Array) => void][] = [
      ['q(x) of 1 at 40 (no one reaches 65)', (r) => (r[40] = 2)],
      ['q(x) above 1 at 70', (r) => (r[70] = 7)],
      ['an infinite rate at 64', (r) => (r[64] = Infinity)],
      ['q(0) of 1', (r) => (r[0] = 1e6)],
      ['a negative rate at 30', (r) => (r[30] = -1e-4)],
      ['a missing rate at 89', (r) => (r[89] = NaN)],
      ['a missing infant rate', (r) => (r[0] = NaN)],
      ['an open rate of 0', (r) => (r[OPEN_AGE] = 0)],
      ['a negative open rate', (r) => (r[OPEN_AGE] = -1)],
      ['every rate 0 but the open one', (r) => r.fill(0, 0, OPEN_AGE)],
      ['−0 rates', (r) => r.fill(-0, 0, OPEN_AGE)],
    ];
    for (const [name, edit] of cases) {
      const odd = base();
      edit(odd);
      const plain = base();
      for (const [male, female] of [
        [odd, plain],
        [plain, odd],
        [odd, odd],
      ] as const)
        expect(() => expectBoth(tables, male, female), name).not.toThrow();
    }
  });

  it('is one instance per thread', () => {
    expect(SexLifeTables.shared()).toBe(SexLifeTables.shared());
  });
});
