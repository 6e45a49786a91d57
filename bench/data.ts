/**
 * Seeded benchmark inputs and the result check every timed function ends with. Inputs come
 * from the engine's own streams (never `Math.random`), so every run times the same work, as
 * arrow-js `perf/config.ts` does.
 */
import { createStream, type Rng } from '../engine/rng/stream.js';

/** Seed of every benchmark input stream. */
export const BENCH_SEED = 20240601;

/** A seeded stream for the benchmark input called `name` (replicate 0 of BENCH_SEED). */
export function benchStream(name: string): Rng {
  return createStream(BENCH_SEED, 0, `bench/${name}`);
}

/**
 * `n` seeded values uniform on [min, max).
 * @param name - names the input; the same name always gives the same values
 */
export function uniformValues(name: string, n: number, min: number, max: number): Float64Array {
  const rng = benchStream(name);
  const values = new Float64Array(n);
  const width = max - min;
  for (let i = 0; i < n; ++i) values[i] = min + width * rng.next();
  return values;
}

/**
 * Fails the run when a timed function produced an invalid result, so a broken kernel cannot
 * pass as a fast one (stdlib `benchmark/benchmark.js` fails on NaN).
 * @param ok - the check
 * @param what - the result checked, for the message
 */
export function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark produced an invalid ${what}`);
}
