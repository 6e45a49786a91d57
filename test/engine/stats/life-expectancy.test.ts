import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LE_START_AGES, lifeExpectancy } from '../../../engine/stats/life-expectancy.js';
import { zForConfidence } from '../../../engine/stats/qnorm.js';

/** methods-cases/le_case1_input.csv (the PHEindicatormethods example area), copied as data. */
const CASE1 = `startage,pops,deaths
0,7060,17
1,35059,9
5,46974,4
10,48489,8
15,43219,20
20,38561,15
25,46009,24
30,57208,33
35,61435,50
40,55601,71
45,50209,100
50,56416,163
55,46411,263
60,39820,304
65,37978,536
70,37039,872
75,33288,1390
80,23306,1605
85,11936,1936
90,11936,1937`;

function readCase(text: string): { pops: Float64Array; deaths: Float64Array } {
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
  return {
    pops: Float64Array.from(rows, (r) => r[1]!),
    deaths: Float64Array.from(rows, (r) => r[2]!),
  };
}

/** Expected values and 95 % limits for CASE1, from the package's own test (`answer1`). */
const ANSWER_VALUE = [
  80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987,
  50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144,
  18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635,
];
const ANSWER_LOWER = [
  79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579,
  50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134,
  18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386,
];
const ANSWER_UPPER = [
  80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395,
  51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746,
  18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314,
];

describe('lifeExpectancy', () => {
  it('gives the METHODS.md known answer e0 = 80.16960813 (79.88268548 – 80.45653078)', () => {
    const { pops, deaths } = readCase(CASE1);
    const out = lifeExpectancy(deaths, pops, [95]);
    const { lower, upper } = out.limits[0]!;
    expect(out.value[0]).toBeCloseTo(80.16960813, 8);
    // The 8-decimal limits were made with z = 1.96 (the PHE spreadsheet); the package uses
    // qnorm(0.975) and checks them to 4 decimals, as here. With z = 1.96 they agree to 8.
    expect(lower[0]).toBeCloseTo(79.88268548, 4);
    expect(upper[0]).toBeCloseTo(80.45653078, 4);
    const se = (upper[0]! - lower[0]!) / (2 * zForConfidence(95));
    expect(out.value[0]! - 1.96 * se).toBeCloseTo(79.88268548, 8);
    expect(out.value[0]! + 1.96 * se).toBeCloseTo(80.45653078, 8);
  });
  it('matches the package test table at every band (PHEindicatormethods testLifeExpectancy.R)', () => {
    const { pops, deaths } = readCase(CASE1);
    const out = lifeExpectancy(deaths, pops, [95]);
    for (let i = 0; i < 20; ++i) {
      expect(out.value[i]).toBeCloseTo(ANSWER_VALUE[i]!, 8);
      expect(out.limits[0]!.lower[i]).toBeCloseTo(ANSWER_LOWER[i]!, 4);
      expect(out.limits[0]!.upper[i]).toBeCloseTo(ANSWER_UPPER[i]!, 4);
    }
  });
  it('reads the shared case file the same way', () => {
    let text: string;
    try {
      text = readFileSync('/work/shared/methods-cases/le_case1_input.csv', 'utf8');
    } catch {
      return; // the shared folder is not part of every checkout
    }
    expect(readCase(text)).toEqual(readCase(CASE1));
  });
  it('gives every band, decreasing towards old age, with limits bracketing', () => {
    const { pops, deaths } = readCase(CASE1);
    const out = lifeExpectancy(deaths, pops, [95, 99.8]);
    expect(out.value.length).toBe(LE_START_AGES.length);
    for (let i = 1; i < 20; ++i) {
      expect(out.value[i]).toBeLessThan(out.value[i - 1]! + 1);
      expect(out.limits[0]!.lower[i]).toBeLessThan(out.value[i]!);
      expect(out.limits[1]!.upper[i]).toBeGreaterThan(out.limits[0]!.upper[i]!);
    }
    // 90+: e = 1/M = P/D
    expect(out.value[19]).toBeCloseTo(11936 / 1937, 12);
  });
  it('suppresses invalid or small areas as NaN', () => {
    const { pops, deaths } = readCase(CASE1);
    const bad = (mutate: (d: Float64Array, p: Float64Array) => void): Float64Array => {
      const d = Float64Array.from(deaths);
      const p = Float64Array.from(pops);
      mutate(d, p);
      return lifeExpectancy(d, p, [95]).value;
    };
    expect(bad((d) => (d[3] = -1)).every(Number.isNaN)).toBe(true);
    expect(bad((_, p) => (p[3] = 0)).every(Number.isNaN)).toBe(true);
    expect(bad((d, p) => (d[3] = p[3]! + 1)).every(Number.isNaN)).toBe(true);
    expect(bad((d) => (d[19] = 0)).every(Number.isNaN)).toBe(true);
    const small = lifeExpectancy(
      deaths.map((d) => d / 100),
      pops.map(() => 250),
      [95],
    );
    expect(small.value.every(Number.isNaN)).toBe(true);
    expect(
      lifeExpectancy(deaths.subarray(1), pops.subarray(1), [95]).value.every(Number.isNaN),
    ).toBe(true);
  });
  it('suppresses a value but keeps its limits when 1.96·se > 10', () => {
    // A small area: total 5,400 person-years, few deaths.
    const pops = Float64Array.from(LE_START_AGES, () => 270);
    const deaths = Float64Array.from(LE_START_AGES, (_, i) => (i < 14 ? 0 : i - 12));
    const out = lifeExpectancy(deaths, pops, [95]);
    const suppressed = [...out.value].findIndex(Number.isNaN);
    expect(suppressed).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(out.limits[0]!.lower[suppressed]!)).toBe(true);
  });
});
