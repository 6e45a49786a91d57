/**
 * Random streams and distributions (engine/rng): uniform draws per second, stream creation
 * (a run creates one per replicate and parameter) and `sample()` of the families the
 * population model draws from, and the same draws from prepared constants (`samplePrepared`). Each task checks the mean of what it drew.
 */
import type { Bench } from 'tinybench';
import {
  distributionMean,
  prepareDistribution,
  sample,
  samplePrepared,
  type Distribution,
} from '../../engine/rng/distributions.js';
import { createStream } from '../../engine/rng/stream.js';
import { BENCH_SEED, benchStream, check } from '../data.js';

/** Uniform draws per timed call. */
const DRAWS = 1_000_000;
/** Streams created per timed call. */
const STREAMS = 10_000;
/** Distribution samples per timed call. */
const SAMPLES = 100_000;

/**
 * The sampled distributions by task label, with parameters like the population and demand
 * models' defaults.
 */
const DISTRIBUTIONS: readonly (readonly [string, Distribution])[] = [
  ['normal', { dist: 'normal', mean: 1, sd: 0.05, min: 0 }],
  ['pert', { dist: 'pert', min: 0.8, mode: 1, max: 1.3 }],
  // The mode at a bound: Beta(1, 5), which a beta sampler may draw by another path.
  ['pert, mode at min', { dist: 'pert', min: 0, mode: 0, max: 2 }],
  ['gamma', { dist: 'gamma', shape: 2, scale: 0.5 }],
];

/** Checks that the mean of `n` draws is within `tolerance` (relative) of `expected`. */
function checkMean(sum: number, n: number, expected: number, tolerance: number, what: string) {
  const mean = sum / n;
  check(Math.abs(mean - expected) <= tolerance * expected, `${what} mean ${mean}`);
}

/** Adds the uniform-draw, stream-creation and `sample()` tasks to `bench`. */
export function streamBenches(bench: Bench): void {
  const format = (n: number): string => n.toLocaleString('en-GB');
  const rng = benchStream('streams/next');
  bench.add(`next() × ${format(DRAWS)}`, () => {
    let sum = 0;
    for (let i = 0; i < DRAWS; ++i) sum += rng.next();
    checkMean(sum, DRAWS, 0.5, 0.01, 'uniform');
  });

  let replicate = 0;
  bench.add(`createStream × ${format(STREAMS)}`, () => {
    let sum = 0;
    for (let i = 0; i < STREAMS; ++i)
      sum += createStream(BENCH_SEED, replicate++, 'bench/x').next();
    checkMean(sum, STREAMS, 0.5, 0.05, 'first draw');
  });

  for (const [label, d] of DISTRIBUTIONS) {
    const stream = benchStream(`streams/${label}`);
    const expected = distributionMean(d);
    bench.add(`sample(${label}) × ${format(SAMPLES)}`, () => {
      let sum = 0;
      for (let i = 0; i < SAMPLES; ++i) sum += sample(d, stream);
      checkMean(sum, SAMPLES, expected, 0.02, label);
    });
    const prepared = prepareDistribution(d);
    const preparedStream = benchStream(`streams/prepared/${label}`);
    bench.add(`samplePrepared(${label}) × ${format(SAMPLES)}`, () => {
      let sum = 0;
      for (let i = 0; i < SAMPLES; ++i) sum += samplePrepared(prepared, preparedStream);
      checkMean(sum, SAMPLES, expected, 0.02, label);
    });
  }
}
