import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  roundHalfEven,
  sii,
  simulationPositions,
  type SiiOptions,
} from '../../../engine/stats/sii.js';
import { relativeError } from './helpers.js';

// The PHEindicatormethods `phe_sii` example, Area1 (deciles, 95 % limits).
const POPS = Float64Array.of(7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534);
const VALUES = Float64Array.of(75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3);
const LOWER = Float64Array.of(72.7, 75.3, 80.9, 80.2, 77.1, 78, 79, 81.4, 75.8, 83.2);
const UPPER = Float64Array.of(79.1, 81.4, 86.8, 87.1, 83.8, 84.2, 84.4, 86.9, 85.4, 89.4);

const options = (overrides: Partial<SiiOptions> = {}): SiiOptions => ({
  levels: [95],
  valueType: 0,
  transform: false,
  multiplier: 1,
  repetitions: 10_000,
  random: seedrandom.alea('1'),
  rii: true,
  ...overrides,
});

/** Weighted least squares of y on the mid-ranks b with weights a, by the textbook formula. */
function wls(pops: Float64Array, y: Float64Array): { intercept: number; slope: number } {
  const total = pops.reduce((s, p) => s + p, 0);
  const a = Array.from(pops, (p) => p / total);
  let cum = 0;
  const b = a.map((ai) => {
    const mid = cum + ai / 2;
    cum += ai;
    return mid;
  });
  const bBar = a.reduce((s, ai, i) => s + ai * b[i]!, 0);
  const yBar = a.reduce((s, ai, i) => s + ai * y[i]!, 0);
  let sxy = 0;
  let sxx = 0;
  a.forEach((ai, i) => {
    sxy += ai * (b[i]! - bBar) * (y[i]! - yBar);
    sxx += ai * (b[i]! - bBar) ** 2;
  });
  const slope = sxy / sxx;
  return { intercept: yBar - slope * bBar, slope };
}

describe('sii', () => {
  it('fits the population-weighted regression on mid-ranks', () => {
    const out = sii({ pops: POPS, values: VALUES, lower: LOWER, upper: UPPER }, options());
    const { intercept, slope } = wls(POPS, VALUES);
    expect(relativeError(out.sii, slope)).toBeLessThan(1e-12);
    expect(relativeError(out.intercept, intercept)).toBeLessThan(1e-12);
    expect(relativeError(out.rii, (intercept + slope) / intercept)).toBeLessThan(1e-12);
    const { siiLower, siiUpper, riiLower, riiUpper } = out.limits[0]!;
    expect(siiLower).toBeLessThan(out.sii);
    expect(siiUpper).toBeGreaterThan(out.sii);
    expect(riiLower).toBeLessThan(out.rii);
    expect(riiUpper).toBeGreaterThan(out.rii);
  });
  it('is repeatable for a seed and differs between seeds', () => {
    const input = { pops: POPS, values: VALUES, lower: LOWER, upper: UPPER };
    const a = sii(input, options({ random: seedrandom.alea('42') }));
    const b = sii(input, options({ random: seedrandom.alea('42') }));
    const c = sii(input, options({ random: seedrandom.alea('43') }));
    expect(b).toEqual(a);
    expect(c.limits[0]!.siiLower).not.toBe(a.limits[0]!.siiLower);
  });
  it('gives the exact line and point limits when the values lie on it with se 0', () => {
    const y = Float64Array.from(POPS, () => 0);
    const total = POPS.reduce((s, p) => s + p, 0);
    let cum = 0;
    POPS.forEach((p, i) => {
      y[i] = 50 + 20 * (cum + p / total / 2);
      cum += p / total;
    });
    const out = sii(
      { pops: POPS, values: y, se: new Float64Array(10) },
      options({ levels: [95, 99.8], repetitions: 1000 }),
    );
    expect(out.sii).toBeCloseTo(20, 10);
    expect(out.intercept).toBeCloseTo(50, 10);
    expect(out.rii).toBeCloseTo(70 / 50, 12);
    for (const l of out.limits) {
      expect(l.siiLower).toBeCloseTo(20, 10);
      expect(l.siiUpper).toBeCloseTo(20, 10);
    }
  });
  it('scales the SII with the multiplier and inverts the RII when it is negative', () => {
    const input = { pops: POPS, values: VALUES, lower: LOWER, upper: UPPER };
    const plus = sii(input, options({ random: seedrandom.alea('7') }));
    const minus = sii(input, options({ random: seedrandom.alea('7'), multiplier: -100 }));
    expect(relativeError(minus.sii, -100 * plus.sii)).toBeLessThan(1e-12);
    expect(relativeError(minus.rii, 1 / plus.rii)).toBeLessThan(1e-12);
    expect(relativeError(minus.limits[0]!.siiLower, -100 * plus.limits[0]!.siiUpper)).toBeLessThan(
      1e-3,
    );
    expect(minus.limits[0]!.riiUpper).toBeLessThan(1);
  });
  it('keeps the intercept on the indicator scale whatever the multiplier (known answer)', () => {
    // Two equal quantiles at mid-ranks 0.25 and 0.75 with values 10 and 20: the line through
    // them has slope 2·(20 − 10) = 20 and value 10 − 0.25·20 = 5 at rank 0, so RII = 25/5.
    const input = {
      pops: Float64Array.of(1, 1),
      values: Float64Array.of(10, 20),
      se: new Float64Array(2),
    };
    const at = (multiplier: number) => sii(input, options({ multiplier, repetitions: 1000 }));
    const [one, minus, hundred] = [at(1), at(-1), at(100)];
    expect(one.sii).toBeCloseTo(20, 12);
    expect(one.intercept).toBeCloseTo(5, 12);
    expect(one.rii).toBeCloseTo(5, 12);
    expect(minus.sii).toBeCloseTo(-20, 12);
    expect(minus.intercept).toBeCloseTo(5, 12);
    expect(minus.rii).toBeCloseTo(0.2, 12);
    expect(minus.limits[0]!.siiLower).toBeCloseTo(-20, 12);
    expect(hundred.sii).toBeCloseTo(2000, 9);
    expect(hundred.intercept).toBeCloseTo(5, 12);
    // On the log scale the intercept is back-transformed, still unscaled.
    const logged = sii(
      { pops: Float64Array.of(1, 1), values: Float64Array.of(10, 40), se: new Float64Array(2) },
      options({ valueType: 1, transform: true, multiplier: -1, repetitions: 1000 }),
    );
    // log-line: ln 10 at 0.25, ln 40 at 0.75 → slope 2·ln 4, value at 0 = ln 10 − 0.5·ln 4 = ln 5.
    expect(logged.intercept).toBeCloseTo(5, 10);
    expect(logged.sii).toBeCloseTo(-(80 - 5), 9);
    expect(logged.rii).toBeCloseTo(5 / 80, 12);
  });
  it('works on the log scale with transform (value type 1)', () => {
    const input = { pops: POPS, values: VALUES, lower: LOWER, upper: UPPER };
    const out = sii(input, options({ valueType: 1, transform: true }));
    const { intercept, slope } = wls(POPS, VALUES.map(Math.log));
    expect(relativeError(out.sii, Math.exp(intercept + slope) - Math.exp(intercept))).toBeLessThan(
      1e-12,
    );
    expect(relativeError(out.rii, Math.exp(slope))).toBeLessThan(1e-12);
    const plain = sii(input, options({ valueType: 1, transform: false }));
    expect(relativeError(plain.sii, wls(POPS, VALUES).slope)).toBeLessThan(1e-12);
    expect(out.limits[0]!.siiLower).toBeLessThan(out.sii);
  });
  it('widens with confidence and handles proportions (logit)', () => {
    const p = VALUES.map((v) => v / 100);
    const input = {
      pops: POPS,
      values: p,
      lower: LOWER.map((v) => v / 100),
      upper: UPPER.map((v) => v / 100),
    };
    const out = sii(input, options({ valueType: 2, levels: [95, 99.8], multiplier: 100 }));
    expect(relativeError(out.sii, 100 * wls(POPS, p).slope)).toBeLessThan(1e-12);
    expect(out.limits[1]!.siiLower).toBeLessThan(out.limits[0]!.siiLower);
    expect(out.limits[1]!.siiUpper).toBeGreaterThan(out.limits[0]!.siiUpper);
  });
  it('gives NaN for a missing value or limit and skips RII limits when not asked', () => {
    const values = Float64Array.from(VALUES);
    values[3] = NaN;
    const out = sii({ pops: POPS, values, lower: LOWER, upper: UPPER }, options());
    expect(out.sii).toBeNaN();
    expect(out.limits[0]!.siiLower).toBeNaN();
    const noRii = sii(
      { pops: POPS, values: VALUES, lower: LOWER, upper: UPPER },
      options({ rii: false }),
    );
    expect(noRii.limits[0]!.riiLower).toBeNaN();
    expect(Number.isFinite(noRii.rii)).toBe(true);
  });
});

describe('simulation positions', () => {
  it('rounds as R does and picks PHE positions', () => {
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(-2.5)).toBe(-2);
    expect(roundHalfEven(2.4)).toBe(2);
    expect(simulationPositions(100_000, 95)).toEqual([2500, 97500]);
    expect(simulationPositions(100_000, 99.8)).toEqual([100, 99900]);
    expect(simulationPositions(100, 99.8)).toEqual([1, 100]);
  });
});
