import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExpArray } from '../../../engine/kernels/vector-exp.js';
import { KERNELS_WASM } from '../../../engine/kernels/wasm/kernels-module.js';
import {
  WASM_KERNELS,
  assemble,
  moduleSource,
  wasmSourceDir,
} from '../../../engine/kernels/wasm/build.js';

/** A small deterministic generator (LCG) for test arguments. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Indices where the kernel's exp differs from Math.exp in any bit (NaN equals NaN). */
function mismatches(xs: Float64Array): number[] {
  const a = new ExpArray(xs.length);
  a.values.set(xs);
  a.exp();
  const bad: number[] = [];
  xs.forEach((x, i) => {
    if (!Object.is(a.values[i], Math.exp(x))) bad.push(i);
  });
  return bad;
}

describe('ExpArray: exp in WebAssembly SIMD', () => {
  it('is bit-identical to Math.exp at the special values and every branch boundary', () => {
    const ln2 = Math.LN2;
    const xs = Float64Array.from([
      0,
      -0,
      1,
      -1,
      NaN,
      Infinity,
      -Infinity,
      5e-324,
      -5e-324,
      1e-300,
      -1e-300,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      2 ** -28,
      -(2 ** -28),
      2 ** -29,
      -(2 ** -29),
      0.5 * ln2,
      -0.5 * ln2,
      1.5 * ln2,
      -1.5 * ln2,
      709.78,
      709.79,
      709.4,
      709.5,
      709.782712893384,
      -708,
      -708.5,
      -720,
      -740,
      -745.13,
      -745.14,
      -745.1332191019411,
      1024 * ln2,
      -1021 * ln2,
      -1022 * ln2,
      -1075 * ln2,
    ]);
    expect(mismatches(xs)).toEqual([]);
  });

  it('is bit-identical to Math.exp over random arguments in every range and over random bit patterns', () => {
    const rnd = lcg(2026);
    for (const [lo, hi] of [
      [-1, 0],
      [-1e-7, 1e-7],
      [-0.4, 0.4],
      [-1.1, 1.1],
      [-30, 30],
      [-746, 710],
    ] as const) {
      const xs = Float64Array.from(
        { length: 200_000 },
        () => lo + (hi - lo) * (rnd() + rnd() * 2 ** -31),
      );
      expect(mismatches(xs), `[${lo}, ${hi}]`).toEqual([]);
    }
    const words = Uint32Array.from({ length: 400_000 }, () => Math.floor(rnd() * 2 ** 32));
    expect(mismatches(new Float64Array(words.buffer)), 'random bits').toEqual([]);
  });

  it('takes any range of its values, odd lengths and offsets included, and leaves the rest', () => {
    const a = new ExpArray(7);
    const xs = [-0.1, -0.2, -0.3, -0.4, -0.5, -0.6, -0.7];
    a.values.set(xs);
    a.exp(1, 3);
    expect(Array.from(a.values)).toEqual([
      -0.1,
      Math.exp(-0.2),
      Math.exp(-0.3),
      Math.exp(-0.4),
      -0.5,
      -0.6,
      -0.7,
    ]);
    a.exp(6, 0);
    expect(a.values[6]).toBe(-0.7);
    // Every length 0 … 9 from two offsets (whole blocks of four, a pair, an odd last value),
    // with the fast and the general path mixed within a block.
    const b = new ExpArray(11);
    for (let from = 0; from < 2; ++from)
      for (let n = 0; n <= 9; ++n) {
        const input = Array.from({ length: 11 }, (_, i) => (i % 3 === 2 ? 1.5 : -0.01 * i));
        b.values.set(input);
        b.exp(from, n);
        expect(Array.from(b.values), `${from} + ${n}`).toEqual(
          input.map((x, i) => (i >= from && i < from + n ? Math.exp(x) : x)),
        );
      }
    expect(() => a.exp(5, 3)).toThrow(/within 0 … 7, found 5 \+ 3/);
    expect(() => new ExpArray(-1)).toThrow(/whole number of doubles/);
  });

  it('holds arrays larger than one page of memory', () => {
    const a = new ExpArray(100_000);
    a.values.fill(-0.25);
    a.exp();
    expect(a.values[99_999]).toBe(Math.exp(-0.25));
  });
});

describe('the WebAssembly kernels module', () => {
  it('is what kernels.wat assembles to (rebuild with npm run wasm:build)', async () => {
    for (const kernel of WASM_KERNELS) {
      const dir = wasmSourceDir();
      const bytes = await assemble(kernel.text, readFileSync(join(dir, kernel.text), 'utf8'));
      expect(readFileSync(join(dir, kernel.module), 'utf8')).toBe(
        moduleSource(kernel.text, kernel.name, bytes),
      );
      expect(Buffer.from(KERNELS_WASM, 'base64').equals(Buffer.from(bytes))).toBe(true);
    }
  });
});
