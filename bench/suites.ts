/** Every benchmark suite, in the order they run; the reference kernel runs first. */
import { cohortBenches } from './kernels/cohort.bench.js';
import { dotProductBenches } from './kernels/dot-product.bench.js';
import { lifeTableBenches } from './kernels/life-table.bench.js';
import { arrowBenches } from './io/arrow.bench.js';
import { loadBenches } from './io/load.bench.js';
import { REFERENCE_SUITE, referenceBenches } from './reference.js';
import { pertDrawBenches } from './rng/pert-draws.bench.js';
import { streamBenches } from './rng/streams.bench.js';
import { wholeRunBenches } from './run/whole-run.bench.js';
import { chainAtScaleBenches, chainBenches } from './run/chain.bench.js';
import { prepareBenches } from './run/prepare.bench.js';
import { indicatorBenches } from './stats/indicators.bench.js';
import { quantileBenches } from './stats/quantile.bench.js';
import type { BenchSuite } from './suite.js';

/** The reference kernel's suite (always run: every ratio is in its units). */
export const REFERENCE: BenchSuite = {
  name: REFERENCE_SUITE,
  speed: 'fast',
  add: referenceBenches,
};

/** The suites measured after the reference, mirroring `engine/`. */
export const SUITES: readonly BenchSuite[] = [
  { name: 'kernels/cohort', speed: 'fast', add: cohortBenches },
  { name: 'kernels/dot-product', speed: 'fast', add: dotProductBenches },
  { name: 'kernels/life-table', speed: 'fast', add: lifeTableBenches },
  { name: 'rng/streams', speed: 'fast', add: streamBenches },
  { name: 'rng/pert-draws', speed: 'fast', add: pertDrawBenches },
  { name: 'stats/quantile', speed: 'fast', add: quantileBenches },
  { name: 'io/arrow', speed: 'fast', add: arrowBenches },
  { name: 'io/load', speed: 'fast', add: loadBenches },
  // The SII task takes over ten seconds an iteration.
  { name: 'stats/indicators', speed: 'slow', iterations: 3, add: indicatorBenches },
  { name: 'run/whole-run', speed: 'slow', iterations: 8, add: wholeRunBenches },
  // Preparing every local authority's full chain: about a second an iteration.
  { name: 'run/prepare', speed: 'slow', iterations: 5, add: prepareBenches },
  // The full chain for every local authority takes about ten seconds a run on two threads.
  { name: 'run/chain', speed: 'slow', iterations: 3, add: chainBenches },
  // The full chain for every local authority × 10,000 replicates: minutes a run before issue 14.
  {
    name: 'run/chain-at-scale',
    speed: 'slow',
    iterations: 2,
    warmup: false,
    add: chainAtScaleBenches,
  },
];
