import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { LE_START_AGES, lifeExpectancy } from '../../../engine/stats/life-expectancy.js';
import { lifeTableFromRates } from '../../../engine/stats/life-table.js';
import { LE_CASE_DEATHS, LE_CASE_POPS } from './helpers.js';

// The public PHE known-answer area (methods-cases/le_case1_input.csv): e₀ = 80.16960813.
const DEATHS = LE_CASE_DEATHS;
const POPS = LE_CASE_POPS;

describe('lifeTableFromRates', () => {
  it('reproduces the PHE abridged life expectancy at every start age', () => {
    const table = lifeTableFromRates(
      LE_START_AGES,
      DEATHS.map((d, i) => d / POPS[i]!),
    );
    expect(table.e[0]).toBeCloseTo(80.16960813, 8);
    const phe = lifeExpectancy(DEATHS, POPS, [95]);
    table.e.forEach((e, i) => expect(e).toBeCloseTo(phe.value[i]!, 10));
    expect(table.T[0]).toBeCloseTo(table.e[0]! * 100_000, 6);
  });
  it('gives e = 1/m for a constant rate in a single open group, and 1/m + … for two groups', () => {
    expect(Array.from(lifeTableFromRates([0], Float64Array.of(0.04)).e)).toEqual([25]);
    // One year at m = 0.5, a = 0.1: q = 0.5/(1 + 0.45), then the open group at m = 1.
    const t = lifeTableFromRates([0, 1], Float64Array.of(0.5, 1), 1);
    const q = 0.5 / 1.45;
    expect(t.l[1]).toBeCloseTo(1 - q, 15);
    expect(t.e[0]).toBeCloseTo(1 - q + 0.1 * q + (1 - q), 15);
  });
  it('refuses mismatched lengths, ages that do not increase and an open group without deaths', () => {
    expect(() => lifeTableFromRates([0, 1], Float64Array.of(0.1))).toThrow(InputError);
    expect(() => lifeTableFromRates([0, 0], Float64Array.of(0.1, 0.2))).toThrow(/increasing ages/);
    expect(() => lifeTableFromRates([0, 1], Float64Array.of(0.1, 0))).toThrow(
      /open group\): expected a death rate > 0, found 0/,
    );
  });
});
