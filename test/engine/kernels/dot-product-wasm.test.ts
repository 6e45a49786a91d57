import { describe, expect, it } from 'vitest';
import { AGES } from '../../../engine/ages.js';
import { dotProduct, dotProductByYear } from '../../../engine/kernels/dot-product.js';
import {
  DemandBaselines,
  DotArray,
  PrevalenceCases,
} from '../../../engine/kernels/dot-product-wasm.js';
import { createStream, type Rng } from '../../../engine/rng/stream.js';

const SEED = 20261201;

/** A seeded stream for the test input called `name`. */
const stream = (name: string): Rng => createStream(SEED, 0, `test/dot-product-wasm/${name}`);

/** A whole number in 0 … n − 1. */
const below = (rng: Rng, n: number): number => Math.floor(rng.next() * n);

/**
 * A value of one of several kinds, so that sums in another order round differently: of either
 * sign, spread over many magnitudes (tiny, huge, subnormal), exact zeros of both signs,
 * populations and rates.
 */
function value(rng: Rng): number {
  const sign = rng.next() < 0.3 ? -1 : 1;
  switch (below(rng, 8)) {
    case 0:
      return sign * rng.next() * 10 ** (below(rng, 40) - 20);
    case 1:
      return sign * rng.next() * 1e150;
    case 2:
      return sign * rng.next() * 1e-300;
    case 3:
      return sign * 0;
    case 4:
      return rng.next() * 10000;
    case 5:
      return rng.next() * 0.1;
    default:
      return sign * (rng.next() * 2 - 1);
  }
}

function fill(values: Float64Array, rng: Rng): void {
  for (let i = 0; i < values.length; ++i) values[i] = value(rng);
}

/** Indices where `a` and `b` differ (Object.is: −0 is not 0; NaN equals NaN). */
function differences(a: Float64Array, b: Float64Array): number[] {
  const bad: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); ++i) if (!Object.is(a[i], b[i])) bad.push(i);
  return bad;
}

describe('WebAssembly dot products: bit-identical to dot-product.ts', () => {
  it('the test inputs tell summation orders apart (a sequential sum differs)', () => {
    const rng = stream('orders');
    const x = new Float64Array(64);
    const y = new Float64Array(64);
    let differ = 0;
    for (let t = 0; t < 200; ++t) {
      fill(x, rng);
      fill(y, rng);
      let s = 0;
      for (let i = 0; i < 64; ++i) s += x[i]! * y[i]!;
      if (!Object.is(s, dotProduct(x, 0, y, 0, 64))) ++differ;
    }
    expect(differ).toBeGreaterThan(20);
  });

  it('dot equals dotProduct for lengths 0 … 100 at any offsets', () => {
    const rng = stream('dot');
    const array = new DotArray(512);
    const { values } = array;
    let checked = 0;
    for (let t = 0; t < 20; ++t) {
      fill(values, rng);
      for (let n = 0; n <= 100; ++n) {
        const x = below(rng, 512 - n);
        const y = below(rng, 512 - n);
        const got = array.dot(x, y, n);
        const want = dotProduct(values, x, values, y, n);
        if (!Object.is(got, want)) expect({ n, x, y, got }).toEqual({ n, x, y, got: want });
        ++checked;
      }
    }
    expect(checked).toBe(20 * 101);
  });

  it('dotByYear equals dotProductByYear for 0 … 8 years, any strides and age ranges', () => {
    const rng = stream('by-year');
    const array = new DotArray(2048);
    const { values } = array;
    for (let t = 0; t < 3000; ++t) {
      if (t % 50 === 0) fill(values, rng);
      const years = below(rng, 9);
      const from = below(rng, AGES);
      // Mostly ranges of ages, sometimes empty (to < from).
      const to = rng.next() < 0.1 ? from - 1 - below(rng, 3) : from + below(rng, AGES - from);
      const stride = Math.max(to + 1, 1) + below(rng, 8);
      const pop = 0;
      const rate = years * stride + below(rng, 100);
      const out = rate + AGES + below(rng, 50);
      const reference = values.slice();
      dotProductByYear(reference, stride, years, reference, rate, from, to, reference, out);
      array.dotByYear(pop, stride, years, rate, from, to, out);
      expect(
        differences(values, reference),
        `t ${t}: ${years} years, ages ${from} … ${to}`,
      ).toEqual([]);
    }
  });

  it('DemandBaselines equals dotProduct × volume for every year and setting × quintile', () => {
    const rng = stream('demand');
    for (const [years, settings, quintiles] of [
      [6, 12, 1],
      [6, 12, 5],
      [1, 1, 1],
      [3, 3, 5],
      [9, 7, 1],
    ] as const) {
      const rows = settings * quintiles;
      const kernel = new DemandBaselines(years, rows, settings);
      for (let t = 0; t < 20; ++t) {
        fill(kernel.trajectory, rng);
        fill(kernel.rates, rng);
        fill(kernel.volume, rng);
        kernel.compute();
        const want = new Float64Array(years * rows);
        for (let j = 0; j < years; ++j)
          for (let k = 0; k < rows; ++k)
            want[j * rows + k] =
              dotProduct(kernel.trajectory, j * AGES, kernel.rates, k * AGES, AGES) *
              kernel.volume[Math.floor(k / quintiles)]!;
        expect(differences(kernel.baselines, want)).toEqual([]);
      }
    }
  });

  it('PrevalenceCases equals dotProductByYear of each condition with its picked curve, and exponentiates the trend factors as Math.exp does', () => {
    const rng = stream('prevalence');
    const draws = 8;
    for (const [years, conditions] of [
      [6, 21],
      [1, 3],
      [4, 2],
      [9, 5],
    ] as const) {
      const kernel = new PrevalenceCases(years, conditions, draws * AGES);
      const ages: [number, number][] = [];
      for (let c = 0; c < conditions; ++c) {
        const from = below(rng, 40);
        // Ranges of other lengths side by side, now and then an empty one.
        const to = rng.next() < 0.1 ? from - 1 : Math.min(AGES - 1, from + below(rng, 110));
        kernel.setAges(c, from, to);
        ages.push([from, to]);
      }
      // Curves are rates (>= 0); the populations carry the signs.
      fill(kernel.curves, rng);
      kernel.curves.forEach((v, i) => (kernel.curves[i] = Math.abs(v)));
      for (let t = 0; t < 20; ++t) {
        fill(kernel.trajectory, rng);
        // Now and then a population of signed zeros only: sums of −0 products tell whether
        // each starts at +0, as the JavaScript's do.
        if (t % 5 === 0) kernel.trajectory.forEach((_, i) => (kernel.trajectory[i] = -0));
        const picks = Array.from({ length: conditions }, () => below(rng, draws));
        picks.forEach((k, c) => kernel.pick(c, k * AGES));
        // Log trend factors, written before the dot products, which must leave them be.
        const logs = Array.from(kernel.factors, () => (rng.next() - 0.5) * (t < 10 ? 0.4 : 60));
        kernel.factors.set(logs);
        kernel.compute();
        kernel.expFactors();
        expect(differences(kernel.factors, Float64Array.from(logs, Math.exp))).toEqual([]);
        const want = new Float64Array(conditions * years);
        picks.forEach((k, c) => {
          const [from, to] = ages[c]!;
          const curves = kernel.curves.subarray(c * draws * AGES);
          dotProductByYear(
            kernel.trajectory,
            AGES,
            years,
            curves,
            k * AGES,
            from,
            to,
            want,
            c * years,
          );
        });
        expect(differences(kernel.cases, want)).toEqual([]);
      }
    }
  });

  it('rejects ranges outside the memory and curves outside a condition', () => {
    const array = new DotArray(10);
    expect(() => array.dot(5, 0, 6)).toThrow(RangeError);
    expect(() => array.dot(0, 0, -1)).toThrow(RangeError);
    const cases = new PrevalenceCases(2, 2, 2 * AGES);
    expect(() => cases.pick(0, AGES + 1)).toThrow(RangeError);
    expect(() => cases.setAges(2, 0, 10)).toThrow(RangeError);
    expect(() => new DemandBaselines(2, 5, 2)).toThrow(RangeError);
  });
});

describe('shared kernels', () => {
  it('are one instance per thread and shape, new for another shape', () => {
    expect(DemandBaselines.shared(6, 12, 12)).toBe(DemandBaselines.shared(6, 12, 12));
    expect(DemandBaselines.shared(6, 60, 12)).not.toBe(DemandBaselines.shared(6, 12, 12));
    expect(PrevalenceCases.shared(6, 21, 2 * AGES)).toBe(PrevalenceCases.shared(6, 21, 2 * AGES));
    expect(PrevalenceCases.shared(6, 20, 2 * AGES)).not.toBe(
      PrevalenceCases.shared(6, 21, 2 * AGES),
    );
  });
});
