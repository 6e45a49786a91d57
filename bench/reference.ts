/**
 * The reference kernel: a fixed loop of multiply-adds over seeded Float64Arrays, timed in the
 * same process as every other task. A task's mean divided by the reference mean is a ratio
 * that cancels most of a machine's speed (and much of its momentary load), so runs on noisy
 * or different machines stay comparable. Never change this kernel: every saved ratio is in
 * its units.
 */
import type { Bench } from 'tinybench';
import { check, uniformValues } from './data.js';

/** Length of the reference arrays (32 KiB each: they stay in the L1/L2 cache). */
const LENGTH = 4096;
/** Passes over the arrays per call: 2,097,152 multiply-adds. */
const PASSES = 512;
/** Weight of the old value in y ← DECAY·y + (1 − DECAY)·x (an exponential moving average, so y stays bounded). */
const DECAY = 0.999;

/** Suite name of the reference task. */
export const REFERENCE_SUITE = 'reference';

/** Adds the reference task to `bench`. */
export function referenceBenches(bench: Bench): void {
  const x = uniformValues('reference', LENGTH, 0, 1);
  const y = new Float64Array(LENGTH);
  bench.add(`multiply-add, ${LENGTH.toLocaleString('en-GB')} × ${PASSES}`, () => {
    y.set(x);
    for (let p = 0; p < PASSES; ++p)
      for (let i = 0; i < LENGTH; ++i) y[i] = DECAY * y[i]! + (1 - DECAY) * x[i]!;
    let sum = 0;
    for (let i = 0; i < LENGTH; ++i) sum += y[i]!;
    check(sum > 0 && sum < LENGTH, `reference sum ${sum}`);
  });
}
