import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isr } from '../../../engine/stats/isr.js';
import { AREA_COUNTS, AREA_POPS, relativeError } from './helpers.js';

const COUNTS = AREA_COUNTS;
const POPS = AREA_POPS;
const REF_COUNTS = Float64Array.of(
  50,
  10,
  5,
  8,
  20,
  30,
  40,
  60,
  90,
  120,
  200,
  300,
  450,
  600,
  800,
  1000,
  1100,
  1000,
  900,
);
const REF_POPS = Float64Array.of(
  500000,
  520000,
  540000,
  530000,
  510000,
  600000,
  620000,
  650000,
  700000,
  680000,
  640000,
  600000,
  560000,
  490000,
  420000,
  340000,
  230000,
  130000,
  65000,
);
const BANDS = { counts: COUNTS, pops: POPS, refCounts: REF_COUNTS, refPops: REF_POPS };

// Reference values: mpmath 1.3 at 40 digits (Byar's limits for O = 560, exact for O = 7).
describe('isr', () => {
  it('gives the ratio × 100 with Byars limits', () => {
    const out = isr(BANDS, { levels: [95], kind: 'ratio', refValue: 100, multiplier: 100_000 });
    expect(out.observed).toBe(560);
    expect(relativeError(out.expected, 70.67649703196511)).toBeLessThan(1e-14);
    expect(relativeError(out.value, 792.3426082460295)).toBeLessThan(1e-14);
    expect(relativeError(out.limits[0]!.lower, 728.0671694078017)).toBeLessThan(1e-13);
    expect(relativeError(out.limits[0]!.upper, 860.7712376092935)).toBeLessThan(1e-13);
  });
  it('gives the rate with the reference rate', () => {
    const out = isr(BANDS, { levels: [95], kind: 'rate', refValue: 1, multiplier: 100_000 });
    expect(relativeError(out.refRate, 72.73994638069705)).toBeLessThan(1e-14);
    expect(relativeError(out.value, 576.3495883895783)).toBeLessThan(1e-14);
    expect(relativeError(out.limits[0]!.lower, 529.5956686426937)).toBeLessThan(1e-13);
    expect(relativeError(out.limits[0]!.upper, 626.1245366974625)).toBeLessThan(1e-13);
  });
  it('uses a given observed total with exact limits below 10', () => {
    const out = isr(
      { ...BANDS, observed: 7 },
      { levels: [95], kind: 'ratio', refValue: 1, multiplier: 1 },
    );
    expect(relativeError(out.value, 0.09904282603075369)).toBeLessThan(1e-14);
    expect(relativeError(out.limits[0]!.lower, 0.03982035287129474)).toBeLessThan(1e-13);
    expect(relativeError(out.limits[0]!.upper, 0.20406607524958945)).toBeLessThan(1e-13);
  });
  it('accepts a band with population 0 and treats missing values as 0', () => {
    const pops = Float64Array.from(POPS);
    pops[0] = 0;
    const counts = Float64Array.from(COUNTS);
    counts[1] = NaN;
    const out = isr(
      { counts, pops, refCounts: REF_COUNTS, refPops: REF_POPS },
      { levels: [95], kind: 'ratio', refValue: 1, multiplier: 1 },
    );
    expect(out.observed).toBe(559);
    expect(Number.isFinite(out.value)).toBe(true);
  });
  it('brackets the ratio and widens with confidence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (o) => {
        const out = isr(
          { ...BANDS, observed: o },
          { levels: [95, 99.8], kind: 'ratio', refValue: 1, multiplier: 1 },
        );
        expect(out.limits[0]!.lower).toBeLessThanOrEqual(out.value);
        expect(out.limits[0]!.upper).toBeGreaterThan(out.value);
        expect(out.limits[1]!.upper).toBeGreaterThan(out.limits[0]!.upper);
      }),
    );
  });
});
