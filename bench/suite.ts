/** What a benchmark suite is: a named group of tinybench tasks and how long to time them. */
import type { Bench } from 'tinybench';

/**
 * How a suite is timed. `fast` tasks take micro- to milliseconds and run for a time budget;
 * `slow` tasks take seconds (whole runs) and run a fixed, small number of iterations.
 */
export type SuiteSpeed = 'fast' | 'slow';

/** One benchmark suite (one `*.bench.ts` file). */
export interface BenchSuite {
  /** The file's path under `bench/` without `.bench.ts`, e.g. `kernels/cohort`; prefixes task names. */
  readonly name: string;
  readonly speed: SuiteSpeed;
  /** Timed iterations of each task of a slow suite (after one warm-up iteration). */
  readonly iterations?: number;
  /** Whether a slow suite runs one untimed warm-up iteration first (default true). */
  readonly warmup?: boolean;
  /** Adds the suite's tasks to `bench`; the bench's options decide how long each runs. */
  readonly add: (bench: Bench) => void;
}
