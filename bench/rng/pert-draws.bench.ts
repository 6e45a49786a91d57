/**
 * PERT draws of one replicate (engine/rng, engine/kernels/pert-draws-wasm.ts): the 260 or so
 * PERT parameters an area draws per replicate, each from its own stream, by
 * `samplePreparedInto` one at a time, by the JavaScript batch loop (`pertDrawsInto`) and by the
 * WebAssembly kernel in one call (names and constants loaded once, as a caller does per area). Each timed call draws a new replicate
 * and checks that every draw lies within its PERT's bounds.
 */
import type { Bench } from 'tinybench';
import { PertDrawsKernel } from '../../engine/kernels/pert-draws-wasm.js';
import { DrawBatch } from '../../engine/rng/draw-batch.js';
import {
  prepareDistribution,
  samplePreparedInto,
  type PreparedDistribution,
} from '../../engine/rng/distributions.js';
import { replicateKey, reuseStream, streamName, type StreamName } from '../../engine/rng/stream.js';
import { BENCH_SEED, benchStream, check } from '../data.js';

/** PERT parameters drawn per replicate (about what one area draws). */
const DRAWS = 260;

/** The PERTs: scenario-like shapes (mode inside, at min, at max), seeded. */
function perts(): PreparedDistribution[] {
  const rng = benchStream('pert-draws/shapes');
  const list: PreparedDistribution[] = [];
  for (let i = 0; i < DRAWS; ++i) {
    const min = rng.next() * 2;
    const width = 0.05 + rng.next();
    const f = i % 5 === 0 ? 0 : i % 5 === 1 ? 1 : rng.next();
    list.push(prepareDistribution({ dist: 'pert', min, mode: min + f * width, max: min + width }));
  }
  return list;
}

/** Checks that every draw of `out` lies within its PERT's [a, a + b]. */
function checkBounds(out: Float64Array, list: readonly PreparedDistribution[], what: string) {
  for (let i = 0; i < DRAWS; ++i) {
    const p = list[i]!;
    const x = out[i]!;
    if (!(x >= p.a && x <= p.a + p.b)) check(false, `${what} draw ${x}`);
  }
}

/** Adds the tasks of one replicate's PERT draws (JavaScript, batch loop, WebAssembly) to `bench`. */
export function pertDrawBenches(bench: Bench): void {
  const list = perts();
  const names: StreamName[] = list.map((_, i) => streamName(`bench/E06000001/pert/${i}`));

  const out = new Float64Array(DRAWS);
  let replicate = 0;
  bench.add(`PERT draws: ${DRAWS} × JavaScript (samplePreparedInto)`, () => {
    const r = replicate++;
    for (let i = 0; i < DRAWS; ++i)
      samplePreparedInto(list[i]!, reuseStream(BENCH_SEED, r, names[i]!), out, i);
    checkBounds(out, list, 'JavaScript PERT');
  });

  const batch = new DrawBatch(
    list.map((distribution, i) => ({ distribution, stream: names[i]! })),
    'js',
  );
  const batchOut = new Float64Array(DRAWS);
  let batchReplicate = 0;
  bench.add(`PERT draws: ${DRAWS} × JavaScript batch (pertDrawsInto)`, () => {
    batch.drawInto(BENCH_SEED, batchReplicate++, batchOut);
    checkBounds(batchOut, list, 'JavaScript batch PERT');
  });

  const kernel = new PertDrawsKernel(DRAWS);
  list.forEach((p, i) => kernel.load(i, p, names[i]!));
  let wasmReplicate = 0;
  bench.add(`PERT draws: ${DRAWS} × WebAssembly`, () => {
    kernel.draw(DRAWS, replicateKey(BENCH_SEED, wasmReplicate++));
    checkBounds(kernel.out, list, 'WebAssembly PERT');
  });
}
