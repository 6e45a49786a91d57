/**
 * The reference basket: a fixed mix of small kernels like the engine's own, timed in the same
 * process as every other task. A task's mean divided by the basket's mean is a ratio that
 * cancels most of a machine's speed (and much of its momentary load), so runs on noisy or
 * different machines stay comparable. Every part works on arrays that stay in the L1/L2 cache
 * and is bound by arithmetic, not memory bandwidth, as the kernels it normalises are (a
 * memory-bound reference moves with the memory system, which the kernels barely touch):
 *   - dot products of a 12 × 91 matrix with a vector (the demand and prevalence products);
 *   - a cohort-like step: survival by exp(−rate) and an ageing shift over 91 ages;
 *   - integer hashing and Alea-like floating-point recurrences (the random streams);
 *   - equal-width binning of 4,096 values into 512 counters (the summaries' bucket pass).
 * Never change the basket without renaming its task: every saved ratio is in its units, and
 * `compare` refuses ratios to a reference of another name.
 */
import type { Bench } from 'tinybench';
import { check, uniformValues } from './data.js';
import { AGES } from '../engine/ages.js';

/** Ages and settings of the dot-product and cohort parts (0 … 90+, 12 care settings). */
const SETTINGS = 12;
/** Repetitions of each part per call (each part takes roughly a quarter of the call). */
const DOT_REPEATS = 500;
const COHORT_REPEATS = 500;
const HASHES = 100_000;
/** Values binned per repeat, bins, and repeats. */
const BIN_VALUES = 4096;
const BINS = 512;
const BIN_REPEATS = 25;

/** Suite name of the reference task. */
export const REFERENCE_SUITE = 'reference';

/** Adds the reference task to `bench`. */
export function referenceBenches(bench: Bench): void {
  const matrix = uniformValues('reference/matrix', SETTINGS * AGES, 0, 1);
  const vector = uniformValues('reference/vector', AGES, 0, 1);
  const rates = uniformValues('reference/rates', AGES, 0, 0.2);
  const binned = uniformValues('reference/binned', BIN_VALUES, 0, 1);
  const out = new Float64Array(SETTINGS);
  const stock = new Float64Array(AGES);
  const counts = new Int32Array(BINS);
  bench.add('basket: dot products, cohort step, hashing, binning', () => {
    // Dot products: out = M·v, the vector nudged each repeat so no product is reused.
    let dots = 0;
    for (let k = 0; k < DOT_REPEATS; ++k) {
      const nudge = 1 + k * 1e-9;
      for (let s = 0; s < SETTINGS; ++s) {
        let sum = 0;
        const row = s * AGES;
        for (let a = 0; a < AGES; ++a) sum += matrix[row + a]! * vector[a]! * nudge;
        out[s] = sum;
      }
      dots += out[k % SETTINGS]!;
    }
    // Cohort step: survive by exp(−rate), age by one year, 90+ accumulates, births of 1.
    stock.fill(1);
    for (let k = 0; k < COHORT_REPEATS; ++k) {
      const oldest = stock[AGES - 1]! * Math.exp(-rates[AGES - 1]!);
      for (let a = AGES - 1; a > 0; --a) stock[a] = stock[a - 1]! * Math.exp(-rates[a - 1]!);
      stock[AGES - 1]! += oldest;
      stock[0] = 1;
    }
    // Integer hashing (lowbias32) feeding an Alea-like recurrence.
    let h = 0x9e3779b9;
    let t = 0.5;
    let c = 1;
    for (let i = 0; i < HASHES; ++i) {
      h ^= h >>> 16;
      h = Math.imul(h, 0x7feb352d);
      h ^= h >>> 15;
      h = Math.imul(h, 0x846ca68b);
      h ^= h >>> 16;
      const x = 2091639 * t + c * 2.3283064365386963e-10 + (h >>> 0) * 1e-12;
      c = x | 0;
      t = x - c;
    }
    // Binning: counts of equal-width bins, as a bucket pass over one cell's replicates.
    let binnedTotal = 0;
    for (let k = 0; k < BIN_REPEATS; ++k) {
      counts.fill(0);
      const scale = BINS * (1 - k * 1e-4);
      for (let i = 0; i < BIN_VALUES; ++i) ++counts[(binned[i]! * scale) | 0]!;
      binnedTotal += counts[k % BINS]!;
    }
    check(dots > 0 && Number.isFinite(dots), `reference dot products ${dots}`);
    check(stock[AGES - 1]! > 0 && Number.isFinite(stock[AGES - 1]!), 'reference cohort');
    check(t >= 0 && t < 1, `reference recurrence ${t}`);
    check(binnedTotal > 0 && binnedTotal < BIN_VALUES * BIN_REPEATS, 'reference binning');
  });
}
