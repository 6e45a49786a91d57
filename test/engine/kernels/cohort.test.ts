import { describe, expect, it } from 'vitest';
import {
  AGES,
  CohortProjection,
  cohortStep,
  OPEN_AGE,
  survivalFromRates,
  survivalFromScaledRates,
  YEAR_CELLS,
  type StepFlows,
} from '../../../engine/kernels/cohort.js';

const flows = (): StepFlows => ({ births: 0, deaths: 0, netMigration: 0 });
const sum = (v: Float64Array): number => v.reduce((s, x) => s + x, 0);

describe('cohortStep', () => {
  it('with no births, deaths or migration keeps the total and ages everyone one year', () => {
    const pop = Float64Array.from({ length: AGES }, (_, a) => 1000 + a);
    const out = new Float64Array(AGES);
    const f = flows();
    cohortStep(pop, new Float64Array(AGES).fill(1), 0, 1, new Float64Array(AGES), out, f);
    expect(sum(out)).toBe(sum(pop));
    expect(out[0]).toBe(0);
    for (let a = 1; a < OPEN_AGE; ++a) expect(out[a]).toBe(pop[a - 1]);
    expect(out[OPEN_AGE]).toBe(pop[OPEN_AGE - 1]! + pop[OPEN_AGE]!);
    expect(f).toEqual({ births: 0, deaths: 0, netMigration: 0 });
  });

  it('balances: next total = total + births − deaths + net migration', () => {
    const pop = Float64Array.from({ length: AGES }, (_, a) => 500 + ((a * 37) % 101));
    const mx = Float64Array.from({ length: AGES }, (_, a) => 0.0005 * Math.exp(0.09 * a));
    const survival = new Float64Array(AGES);
    survivalFromRates(mx, survival);
    const migration = Float64Array.from({ length: AGES }, (_, a) => (a % 7) - 3);
    const out = new Float64Array(AGES);
    const f = flows();
    cohortStep(pop, survival, 612.5, 0.997, migration, out, f);
    expect(sum(out)).toBeCloseTo(sum(pop) + f.births - f.deaths + f.netMigration, 8);
    expect(f.births).toBe(612.5);
    expect(f.netMigration).toBe(sum(migration));
  });

  it('never makes an age negative: emigration beyond the survivors is not applied', () => {
    const pop = new Float64Array(AGES).fill(10);
    const migration = new Float64Array(AGES);
    migration[5] = -25; // only 10 survivors arrive at age 5
    const out = new Float64Array(AGES);
    const f = flows();
    cohortStep(pop, new Float64Array(AGES).fill(1), 0, 1, migration, out, f);
    expect(out[5]).toBe(0);
    expect(f.netMigration).toBe(-10);
    expect(sum(out)).toBe(sum(pop) - 10);
  });

  it('matches a hand-computed two-year projection', () => {
    // Three people aged 0, 1 and 90+ … a tiny population: 100 at age 0, 200 at age 1, 50 at 90+.
    // Rates: m = 0.02 at every age but 90+ where m = 0.2. Survival s = e^(−0.02) below 89,
    // s(89) = e^(−(0.02 + 0.2)/2) = e^(−0.11), s(90+) = e^(−0.2). Births 30 a year, infant
    // survival 0.99, net migration +5 at age 2 each year.
    const mx = new Float64Array(AGES).fill(0.02);
    mx[OPEN_AGE] = 0.2;
    const survival = new Float64Array(AGES);
    survivalFromRates(mx, survival);
    expect(survival[0]).toBeCloseTo(Math.exp(-0.02), 15);
    expect(survival[89]).toBeCloseTo(Math.exp(-0.11), 15);
    expect(survival[OPEN_AGE]).toBeCloseTo(Math.exp(-0.2), 15);
    const pop = new Float64Array(AGES);
    pop[0] = 100;
    pop[1] = 200;
    pop[OPEN_AGE] = 50;
    const migration = new Float64Array(AGES);
    migration[2] = 5;
    const year1 = new Float64Array(AGES);
    const year2 = new Float64Array(AGES);
    const f = flows();
    cohortStep(pop, survival, 30, 0.99, migration, year1, f);
    const s = Math.exp(-0.02);
    // Year 1: age 0 = 30·0.99 = 29.7; age 1 = 100·s; age 2 = 200·s + 5; 90+ = 50·e^(−0.2).
    expect(year1[0]).toBeCloseTo(29.7, 12);
    expect(year1[1]).toBeCloseTo(100 * s, 12);
    expect(year1[2]).toBeCloseTo(200 * s + 5, 12);
    expect(year1[OPEN_AGE]).toBeCloseTo(50 * Math.exp(-0.2), 12);
    expect(f.deaths).toBeCloseTo(30 * 0.01 + 300 * (1 - s) + 50 * (1 - Math.exp(-0.2)), 12);
    cohortStep(year1, survival, 30, 0.99, migration, year2, f);
    // Year 2: age 0 = 29.7; age 1 = 29.7·s; age 2 = 100·s² + 5; age 3 = (200·s + 5)·s; 90+ = 50·e^(−0.4).
    expect(year2[0]).toBeCloseTo(29.7, 12);
    expect(year2[1]).toBeCloseTo(29.7 * s, 12);
    expect(year2[2]).toBeCloseTo(100 * s * s + 5, 12);
    expect(year2[3]).toBeCloseTo((200 * s + 5) * s, 12);
    expect(year2[OPEN_AGE]).toBeCloseTo(50 * Math.exp(-0.4), 12);
    expect(sum(year2)).toBeCloseTo(
      29.7 + 29.7 * s + 100 * s * s + 5 + (200 * s + 5) * s + 50 * Math.exp(-0.4),
      10,
    );
  });
});

/** A small deterministic generator (LCG) for test inputs. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Persons of year `j` (males + females) and its stock cells, as the population model defines them. */
function stocks(males: Float64Array, females: Float64Array, j: number, cells: number[]): number[] {
  const bands = [
    [0, 15],
    [16, 64],
    [65, 84],
    [85, OPEN_AGE],
  ];
  let male = 0;
  let female = 0;
  const persons: number[] = [];
  const bandCells: number[] = [];
  for (const [from, to] of bands) {
    let band = 0;
    for (let a = from!; a <= to!; ++a) {
      male += males[j * AGES + a]!;
      female += females[j * AGES + a]!;
      const both = males[j * AGES + a]! + females[j * AGES + a]!;
      persons.push(both);
      band += both;
    }
    bandCells.push(band);
  }
  cells.push(male + female, male, female, ...bandCells);
  return persons;
}

describe('CohortProjection (WebAssembly)', () => {
  it('is bit-identical to survivalFromScaledRates and cohortStep step by step, emigration clamps included', () => {
    const rnd = lcg(14);
    for (let trial = 0; trial < 200; ++trial) {
      const horizon = 1 + (trial % 6);
      const steps = trial % 7 === 0 ? horizon - 1 : horizon; // fewer steps than the buffers hold
      const kernel = new CohortProjection(horizon);
      const scale = trial % 5 === 0 ? 3 : 1; // some high mortality: arguments beyond 0.5·ln2
      for (let i = 0; i < kernel.ratesMale.length; ++i) {
        const age = i % AGES;
        kernel.ratesMale[i] = scale * 0.0002 * Math.exp(0.085 * age) * (0.8 + 0.4 * rnd());
        kernel.ratesFemale[i] = scale * 0.00015 * Math.exp(0.088 * age) * (0.8 + 0.4 * rnd());
      }
      for (let k = 0; k <= horizon; ++k) kernel.factors[k] = 0.7 + 0.6 * rnd();
      for (let a = 0; a < AGES; ++a) {
        kernel.males[a] = rnd() < 0.05 ? 0 : 5 + 4000 * rnd();
        kernel.females[a] = 5 + 4000 * rnd();
        // Some ages lose more migrants than they have (the step applies only what there is).
        kernel.migrationMale[a] = (rnd() - 0.55) * (rnd() < 0.1 ? 10_000 : 80);
        kernel.migrationFemale[a] = (rnd() - 0.45) * 80;
      }
      const fertility = 0.03 + 0.05 * rnd();
      const males = kernel.males.slice();
      const females = kernel.females.slice();
      kernel.project(steps, fertility, 0.512, 0.1);

      // The reference: the JavaScript kernels, step by step.
      const survivalM = new Float64Array(AGES);
      const survivalF = new Float64Array(AGES);
      const flowsM: StepFlows = { births: 0, deaths: 0, netMigration: 0 };
      const flowsF: StepFlows = { births: 0, deaths: 0, netMigration: 0 };
      const expected: number[] = [];
      const persons = stocks(males, females, 0, expected);
      expected.push(0, 0, 0);
      const infant = (m0: number): number => 1 - (1 - 0.1) * (m0 / (1 + (1 - 0.1) * m0));
      for (let k = 0; k < steps; ++k) {
        const factor = kernel.factors[k]!;
        survivalFromScaledRates(kernel.ratesMale, k * AGES, factor, survivalM);
        survivalFromScaledRates(kernel.ratesFemale, k * AGES, factor, survivalF);
        let women = 0;
        for (let a = 15; a <= 44; ++a) women += females[k * AGES + a]!;
        const births = fertility * women;
        const boys = births * 0.512;
        const from = k * AGES;
        const m0 = kernel.ratesMale[from]!;
        const f0 = kernel.ratesFemale[from]!;
        cohortStep(
          males,
          survivalM,
          boys,
          infant(factor * m0),
          kernel.migrationMale,
          males,
          flowsM,
          from,
          from + AGES,
        );
        cohortStep(
          females,
          survivalF,
          births - boys,
          infant(factor * f0),
          kernel.migrationFemale,
          females,
          flowsF,
          from,
          from + AGES,
        );
        persons.push(...stocks(males, females, k + 1, expected));
        expected.push(
          flowsM.births + flowsF.births,
          flowsM.deaths + flowsF.deaths,
          flowsM.netMigration + flowsF.netMigration,
        );
        expect(kernel.survivalMale.subarray(k * AGES, (k + 1) * AGES)).toEqual(survivalM);
        expect(kernel.survivalFemale.subarray(k * AGES, (k + 1) * AGES)).toEqual(survivalF);
      }
      const years = (steps + 1) * AGES;
      expect(kernel.males.subarray(0, years)).toEqual(males.subarray(0, years));
      expect(kernel.females.subarray(0, years)).toEqual(females.subarray(0, years));
      expect(Array.from(kernel.persons.subarray(0, years))).toEqual(persons);
      expect(Array.from(kernel.cells.subarray(YEAR_CELLS, (steps + 1) * YEAR_CELLS))).toEqual(
        expected.slice(YEAR_CELLS),
      );
      expect(Array.from(kernel.cells.subarray(0, 7))).toEqual(expected.slice(0, 7));
    }
  });

  it('refuses more steps than its buffers hold', () => {
    expect(() => new CohortProjection(2).project(3, 0.05, 0.5, 0.1)).toThrow(
      /expected 0 … 2, found 3/,
    );
  });
});
