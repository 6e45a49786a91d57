import { describe, expect, it } from 'vitest';
import {
  AGES,
  cohortStep,
  OPEN_AGE,
  survivalFromRates,
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
