import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dsr, dsrNonIndependent, ESP2013 } from '../../../engine/stats/dsr.js';
import { AREA_COUNTS, AREA_POPS, relativeError } from './helpers.js';

const COUNTS = AREA_COUNTS;
const POPS = AREA_POPS;

describe('dsr', () => {
  it('matches an independent high-precision computation (mpmath, 40 digits)', () => {
    const out = dsr(COUNTS, POPS, ESP2013, { levels: [95], multiplier: 100_000 });
    expect(out.totalCount).toBe(560);
    expect(out.totalPop).toBe(95_700);
    expect(relativeError(out.value, 630.1819610718875)).toBeLessThan(1e-14);
    expect(relativeError(out.limits[0]!.lower, 578.751008708538)).toBeLessThan(1e-13);
    expect(relativeError(out.limits[0]!.upper, 684.9361508632481)).toBeLessThan(1e-13);
  });
  it('suppresses totals below 10 and treats missing counts as 0', () => {
    const counts = new Float64Array(19).fill(NaN);
    counts[3] = 9;
    const out = dsr(counts, POPS, ESP2013, { levels: [95, 99.8], multiplier: 100_000 });
    expect(out.totalCount).toBe(9);
    expect(out.value).toBeNaN();
    expect(out.limits.every((l) => Number.isNaN(l.lower) && Number.isNaN(l.upper))).toBe(true);
  });
  it('equals the crude rate when the population is the standard', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 19, maxLength: 19 }),
        (xs) => {
          const counts = Float64Array.from(xs);
          const total = xs.reduce((a, b) => a + b, 0);
          fc.pre(total >= 10);
          const out = dsr(counts, Float64Array.from(ESP2013), ESP2013, {
            levels: [95],
            multiplier: 100_000,
          });
          expect(relativeError(out.value, (total / 100_000) * 100_000)).toBeLessThan(1e-12);
          expect(out.limits[0]!.lower).toBeLessThan(out.value);
          expect(out.limits[0]!.upper).toBeGreaterThan(out.value);
        },
      ),
    );
  });
  it('scales with the multiplier and widens with confidence', () => {
    const a = dsr(COUNTS, POPS, ESP2013, { levels: [95, 99.8], multiplier: 1000 });
    const b = dsr(COUNTS, POPS, ESP2013, { levels: [95, 99.8], multiplier: 100_000 });
    expect(relativeError(b.value, a.value * 100)).toBeLessThan(1e-14);
    expect(relativeError(b.limits[1]!.upper, a.limits[1]!.upper * 100)).toBeLessThan(1e-13);
    expect(a.limits[1]!.lower).toBeLessThan(a.limits[0]!.lower);
    expect(a.limits[1]!.upper).toBeGreaterThan(a.limits[0]!.upper);
  });
});

describe('dsrNonIndependent', () => {
  it('equals the ordinary DSR when everyone has one event', () => {
    const rows = {
      bandOf: Int32Array.from({ length: 19 }, (_, i) => i),
      frequencies: new Float64Array(19).fill(1),
      persons: COUNTS,
    };
    const a = dsrNonIndependent(rows, POPS, ESP2013, { levels: [95], multiplier: 100_000 });
    const b = dsr(COUNTS, POPS, ESP2013, { levels: [95], multiplier: 100_000 });
    expect(a.totalCount).toBe(b.totalCount);
    expect(relativeError(a.value, b.value)).toBeLessThan(1e-14);
    expect(relativeError(a.limits[0]!.lower, b.limits[0]!.lower)).toBeLessThan(1e-13);
  });
  it('keeps the rate of the events and widens the interval by f²', () => {
    // Band 0 holds 20 persons with 2 events each: 40 events, variance 4× that of 20 persons.
    const pops = Float64Array.of(1000, 2000);
    const standard = Float64Array.of(500, 500);
    const rows = {
      bandOf: Int32Array.of(0, 1),
      frequencies: Float64Array.of(2, 1),
      persons: Float64Array.of(20, 10),
    };
    const out = dsrNonIndependent(rows, pops, standard, { levels: [95], multiplier: 1 });
    const plain = dsr(Float64Array.of(40, 10), pops, standard, { levels: [95], multiplier: 1 });
    expect(out.totalCount).toBe(50);
    expect(out.totalPop).toBe(3000);
    expect(relativeError(out.value, plain.value)).toBeLessThan(1e-15);
    expect(out.limits[0]!.upper - out.value).toBeGreaterThan(plain.limits[0]!.upper - plain.value);
  });
});
