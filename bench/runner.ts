/**
 * Runs the benchmark suites with tinybench and returns the run's record: the reference kernel
 * first, then every suite, each task's mean, 95 % interval, sample count and ratio to the
 * reference. One Bench per suite, so fast kernels run for a time budget and whole runs for a
 * few iterations.
 */
import { Bench, type BenchOptions, type Fn, type FnOptions, type Task } from 'tinybench';
import { SimulationError } from '../engine/errors.js';
import { benchMeta } from './meta.js';
import {
  BENCH_RECORD_FORMAT,
  INTERVAL_DEFINITION,
  type BenchRecord,
  type BenchTaskRecord,
} from './record.js';
import type { BenchSuite } from './suite.js';
import { REFERENCE, SUITES } from './suites.js';

/** Options of `runBenchmarks`. */
export interface BenchRunOptions {
  /** Run only tasks whose `suite: task` name contains this (case-insensitive); the reference always runs. */
  readonly filter?: string;
  /** Short timings for smoke tests: tens of milliseconds a fast task, one iteration a slow one. */
  readonly quick?: boolean;
  /** The suites to run after the reference (default: every suite). */
  readonly suites?: readonly BenchSuite[];
  /** Called as each task finishes, e.g. to show progress. */
  readonly onTask?: (task: BenchTaskRecord) => void;
}

/** Tinybench options of a suite: a time budget for fast ones, fixed iterations for slow ones. */
export function suiteOptions(suite: BenchSuite, quick: boolean): BenchOptions {
  const name = suite.name;
  if (suite.speed === 'slow')
    return quick
      ? { name, iterations: 1, time: 0, warmup: false }
      : suite.warmup === false
        ? { name, iterations: suite.iterations ?? 5, time: 0, warmup: false }
        : {
            name,
            iterations: suite.iterations ?? 5,
            time: 0,
            warmupIterations: 1,
            warmupTime: 0,
          };
  return quick
    ? { name, iterations: 2, time: 20, warmupIterations: 1, warmupTime: 5 }
    : { name, iterations: 10, time: 500, warmupIterations: 5, warmupTime: 100 };
}

/** The full name of a task: `suite: task`. */
function fullName(suite: BenchSuite, task: Pick<Task, 'name'>): string {
  return `${suite.name}: ${task.name}`;
}

/** The constructor of `async` functions. */
// eslint-disable-next-line @typescript-eslint/require-await -- only its constructor is used
const ASYNC_FUNCTION: unknown = (async () => undefined).constructor;

/**
 * The Bench of one suite. It adds only the tasks whose full name contains `filter`, and tells
 * tinybench whether each is async: otherwise tinybench calls every function not declared
 * `async` once at `add()` to find out, which for a whole-run or SII task costs seconds.
 */
class SuiteBench extends Bench {
  readonly #suite: BenchSuite;
  readonly #filter: string | undefined;
  constructor(suite: BenchSuite, options: BenchOptions, filter: string | undefined) {
    super(options);
    this.#suite = suite;
    this.#filter = filter?.toLowerCase();
  }
  override add(name: string, fn: Fn, fnOpts?: FnOptions): this {
    const filter = this.#filter;
    if (filter !== undefined && !fullName(this.#suite, { name }).toLowerCase().includes(filter))
      return this;
    return super.add(name, fn, { async: fn.constructor === ASYNC_FUNCTION, ...fnOpts });
  }
}

/** A task's statistics without its ratio to the reference. */
type TaskStats = Omit<BenchTaskRecord, 'referenceRatio' | 'referenceRatioRme'>;

/** A finished task's statistics, or a SimulationError naming the task when it failed. */
function taskStats(suite: BenchSuite, task: Task): TaskStats {
  const result = task.result;
  const name = fullName(suite, task);
  if (result.state === 'errored')
    throw new SimulationError(`benchmark ${name} failed: ${result.error.message}`);
  if (result.state !== 'completed')
    throw new SimulationError(`benchmark ${name} did not complete (${result.state})`);
  const { mean, moe, rme, samplesCount } = result.latency;
  return { name, suite: suite.name, mean, moe, rme, samples: samplesCount };
}

/** Runs `suite` (its tasks matching the filter) and returns its task records in order. */
async function runSuite(
  suite: BenchSuite,
  options: BenchRunOptions,
  withRatio: (stats: TaskStats) => BenchTaskRecord,
): Promise<BenchTaskRecord[]> {
  // The reference always runs: every ratio is in its units.
  const filter = suite === REFERENCE ? undefined : options.filter;
  const bench = new SuiteBench(suite, suiteOptions(suite, options.quick === true), filter);
  suite.add(bench);
  if (bench.tasks.length === 0) return [];
  const { onTask } = options;
  // Progress only: a listener must not throw, so failures are reported after the run.
  if (onTask)
    bench.addEventListener('cycle', (event) => {
      if (event.task.result.state === 'completed') onTask(withRatio(taskStats(suite, event.task)));
    });
  await bench.run();
  return bench.tasks.map((task) => withRatio(taskStats(suite, task)));
}

/**
 * Runs the reference kernel and the suites, and returns the run's record.
 * @throws SimulationError when a task fails (its result check or the code it times)
 */
export async function runBenchmarks(options: BenchRunOptions = {}): Promise<BenchRecord> {
  const meta = benchMeta(options.quick === true, options.filter);
  const [reference] = await runSuite(REFERENCE, options, (stats) => ({
    ...stats,
    referenceRatio: 1,
    referenceRatioRme: 0,
  }));
  if (!reference) throw new SimulationError('the reference benchmark did not run');
  // Relative errors of independent estimates add in quadrature in a ratio (first order).
  const withRatio = (stats: TaskStats): BenchTaskRecord => ({
    ...stats,
    referenceRatio: stats.mean / reference.mean,
    referenceRatioRme: Math.hypot(stats.rme, reference.rme),
  });
  const tasks = [reference];
  for (const suite of options.suites ?? SUITES)
    tasks.push(...(await runSuite(suite, options, withRatio)));
  return {
    format: BENCH_RECORD_FORMAT,
    interval: INTERVAL_DEFINITION,
    reference: reference.name,
    meta,
    tasks,
  };
}
