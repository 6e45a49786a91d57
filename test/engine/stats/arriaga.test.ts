import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { arriaga, arriagaByCause } from '../../../engine/stats/arriaga.js';
import { LE_START_AGES } from '../../../engine/stats/life-expectancy.js';
import { lifeTableFromRates } from '../../../engine/stats/life-table.js';
import { LE_CASE_DEATHS, LE_CASE_POPS } from './helpers.js';

// Two three-group tables on radix 1 whose every ratio is a power of two, so the arithmetic is
// exact in binary floating point (worked by hand below).
const FROM = { l: Float64Array.of(1, 0.5, 0.25), L: Float64Array.of(0.75, 0.375, 0.5) };
const TO = { l: Float64Array.of(1, 0.5, 0.125), L: Float64Array.of(0.875, 0.25, 0.25) };

/** Σ of an array, left to right. */
const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

/** Death rates of the PHE example area by the 20 life-expectancy bands. */
const RATES = LE_CASE_DEATHS.map((d, i) => d / LE_CASE_POPS[i]!);

describe('arriaga', () => {
  it('gives the hand-worked contributions of a small example exactly', () => {
    // T¹ = 1.625, 0.875, 0.5 and T² = 1.375, 0.5, 0.25, so e₀¹ = 1.625, e₀² = 1.375, gap −0.25.
    // Δ₀ = 1·(0.875 − 0.75) + 0.5·(1/1 − 0.5/0.5) = 0.125
    // Δ₁ = 0.5·(0.25/0.5 − 0.375/0.5) + 0.25·(0.5/0.5 − 0.25/0.125) = −0.125 − 0.25 = −0.375
    // Δ₂ = 0.25·(0.25/0.125 − 0.5/0.25) = 0 (open group)
    const out = arriaga(FROM, TO);
    expect(out.e0From).toBe(1.625);
    expect(out.e0To).toBe(1.375);
    expect(Array.from(out.direct)).toEqual([0.125, -0.125, 0]);
    expect(Array.from(out.indirect)).toEqual([0, -0.25, 0]);
    expect(Array.from(out.contributions)).toEqual([0.125, -0.375, 0]);
    expect(sum(out.contributions)).toBe(out.e0To - out.e0From);
  });
  it('does not depend on the radix of either table', () => {
    const scaled = { l: TO.l.map((v) => v * 100_000), L: TO.L.map((v) => v * 100_000) };
    const [a, b] = [arriaga(FROM, scaled), arriaga(FROM, TO)];
    a.contributions.forEach((c, i) => expect(c).toBeCloseTo(b.contributions[i]!, 15));
    expect(a.e0To).toBeCloseTo(b.e0To, 15);
  });
  it('adds up to the gap between two abridged life tables (PHE 20 bands)', () => {
    const one = lifeTableFromRates(LE_START_AGES, RATES);
    const two = lifeTableFromRates(
      LE_START_AGES,
      RATES.map((m, i) => m * (i < 10 ? 0.7 : 0.975)),
    );
    const out = arriaga(one, two);
    const gap = two.e[0]! - one.e[0]!;
    expect(gap).toBeGreaterThan(0.3);
    expect(out.e0To - out.e0From).toBeCloseTo(gap, 12);
    expect(Math.abs(sum(out.contributions) - gap)).toBeLessThan(1e-12);
    // Lower mortality at every age: every age adds years.
    expect(out.contributions.every((c) => c > 0)).toBe(true);
    // No change in a group and after it: no contribution from it.
    const same = arriaga(
      one,
      lifeTableFromRates(
        LE_START_AGES,
        RATES.map((m, i) => (i < 3 ? m / 2 : m)),
      ),
    );
    for (const c of same.contributions.slice(3)) expect(Math.abs(c)).toBeLessThan(1e-12);
    expect(same.contributions[0]).toBeGreaterThan(0);
  });
  it('adds up to the gap for any pair of single-year life tables', () => {
    const ages = Array.from({ length: 91 }, (_, a) => a);
    const rate = fc.double({ min: 1e-5, max: 0.5, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(rate, { minLength: 91, maxLength: 91 }),
        fc.array(rate, { minLength: 91, maxLength: 91 }),
        (m1, m2) => {
          const one = lifeTableFromRates(ages, Float64Array.from(m1));
          const two = lifeTableFromRates(ages, Float64Array.from(m2));
          const out = arriaga(one, two);
          const gap = two.e[0]! - one.e[0]!;
          expect(Math.abs(sum(out.contributions) - gap)).toBeLessThan(
            1e-12 * Math.max(1, one.e[0]!),
          );
          // Swapping the tables changes the sign of the total.
          expect(Math.abs(sum(arriaga(two, one).contributions) + gap)).toBeLessThan(
            1e-12 * Math.max(1, one.e[0]!),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
  it('splits each age among causes in proportion to the change in their rates', () => {
    const contributions = Float64Array.of(0.125, -0.375, 0.5);
    const from = [Float64Array.of(0.01, 0.02, 0.1), Float64Array.of(0.03, 0.02, 0.1)];
    const to = [Float64Array.of(0.005, 0.03, 0.1), Float64Array.of(0.025, 0.02, 0.1)];
    const [c1, c2] = arriagaByCause(contributions, from, to);
    // Age 0: changes −0.005 and −0.005 → half each; age 1: all to cause 1; age 2: no change.
    expect(c1![0]).toBeCloseTo(0.0625, 15);
    expect(c2![0]).toBeCloseTo(0.0625, 15);
    expect(c1![1]).toBeCloseTo(-0.375, 15);
    expect(c2![1]).toBeCloseTo(0, 15);
    expect(c1![2]).toBeNaN();
  });
  it('refuses tables of different lengths or with no survivors in a group', () => {
    expect(() => arriaga(FROM, { l: TO.l.slice(0, 2), L: TO.L.slice(0, 2) })).toThrow(InputError);
    expect(() => arriaga(FROM, { l: Float64Array.of(1, 0, 0), L: TO.L })).toThrow(
      /arriaga table to, l\[1\]: expected survivors > 0 in every group, found 0/,
    );
  });
});
