/**
 * Monte Carlo orchestration: splits each area's replicate range into chunks, runs them on an
 * executor (in-process, a Piscina pool, or a queue served by other machines), and folds their
 * results in area and replicate order as they arrive (the executor delivers them in order and
 * runs only a bounded window ahead) into the results file, the summaries and any derived
 * per-replicate quantities, then drops them: memory does not grow with the number of replicates.
 * An area whose values exceed the memory budget is summarised exactly in several passes, its
 * replicates simulated again (they are reproducible). The summary and the results file are
 * identical whatever the executor, thread count, chunk size or budget.
 */
import { availableParallelism } from 'node:os';
import { InterruptedError } from '../errors.js';
import type { ResultsFile } from '../io/results-file.js';
import type { RunMetadata } from '../io/run-metadata.js';
import { areaSummariser, type AreaSummariser, type ThresholdCount } from './area-summariser.js';
import type { ChunkExecutor } from './executors/executor.js';
import { inProcessExecutor } from './executors/in-process.js';
import { poolExecutor } from './executors/pool.js';
import { DEFAULT_QUEUE_SLOTS, type QueueAddress } from './executors/queue-url.js';
import { SUMMARY_STATS, type CellSummary } from './summary.js';
import type { CellSpec, ChunkResult, ChunkTask } from './types.js';

export type { ThresholdCount } from './area-summariser.js';

/** One area of a run: the model module that simulates it and its plain-data payload. */
export interface RunUnit {
  readonly area: string;
  readonly module: string;
  readonly payload: unknown;
  readonly cacheKey: string;
}

/**
 * Per-replicate quantities derived on the main thread from an area's cells (a plan's ratios),
 * summarised like the cells themselves.
 */
export interface DerivedCells {
  readonly cells: readonly CellSpec[];
  /**
   * Writes the derived values of `replicates` replicates (`values` replicate-major over the
   * area's cells) into `out`, replicate-major over the derived cells.
   */
  derive(values: Float64Array, replicates: number, out: Float64Array): void;
  /**
   * The replicates to count at or beyond thresholds, asked once the derived cells' summary is
   * known (a threshold may depend on a mean, as a plan's aspirations do).
   */
  thresholds?(summary: CellSummary): readonly ThresholdCount[];
}

/** Options of `runMonteCarlo`. */
export interface MonteCarloOptions {
  readonly units: readonly RunUnit[];
  /** First replicate (inclusive). */
  readonly from: number;
  /** Last replicate (exclusive). */
  readonly to: number;
  /** Worker threads; 0 runs in-process on the calling thread. */
  readonly threads: number;
  /** Run the tasks on this queue's workers (`wcc worker`) instead of local threads. */
  readonly queue?: QueueAddress;
  /** Replicates per task; by default whole areas when there are many, else ~4 tasks per thread. */
  readonly chunkSize?: number;
  /** Every metric the run can produce, in output order (the results file's dictionary). */
  readonly metrics: readonly string[];
  /** Where to write the long results table (Arrow IPC file); none for summary-only runs. */
  readonly outPath?: string;
  /** The run's self-description, written in the results file's schema metadata. */
  readonly metadata?: RunMetadata;
  /** Called after each chunk with replicates done and in all (over all areas and passes). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting closes the executor, removes temporary files and rejects with InterruptedError. */
  readonly signal?: AbortSignal;
  /** Test hook: a worker fails at this replicate. */
  readonly failAt?: number;
  /** Replicate-areas each thread needs before another starts (default MIN_REPLICATES_PER_THREAD). */
  readonly minReplicatesPerThread?: number;
  /** Return every replicate's values with the summaries (comparisons need them paired). */
  readonly keepValues?: boolean;
  /** Derived per-replicate quantities of each area, summarised and counted as they stream. */
  readonly derive?: (area: string, cells: readonly CellSpec[]) => DerivedCells;
  /**
   * Bytes of one area's values that are held and summarised in one pass (default
   * SUMMARY_BUDGET_BYTES); beyond it the summary takes several passes.
   */
  readonly memoryBudget?: number;
  /** An upper bound of the cells per replicate, for sizing chunks (bytes per task). */
  readonly cellsPerReplicate?: number;
}

/** The summary of one area: its cells and per-cell statistics. */
export interface AreaSummary {
  readonly area: string;
  readonly cells: readonly CellSpec[];
  readonly summary: CellSummary;
  /** Every replicate's values, replicate-major (only with `keepValues`). */
  readonly values?: Float64Array;
  /** The derived cells' summary and threshold counts over its replicates (only with `derive`). */
  readonly derived?: {
    readonly cells: readonly CellSpec[];
    readonly summary: CellSummary;
    readonly counts: Float64Array;
    readonly replicates: number;
  };
}

/** The default thread count: the cores available to this process. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Bytes of one area's values held and summarised in one pass: above it, an area's summary
 * streams in several passes (its replicates simulated again), so memory stays bounded.
 */
export const SUMMARY_BUDGET_BYTES = 128 * 1024 ** 2;

/** Bytes of values per task: a chunk in flight, in the reorder window or in a queue's Redis. */
export const CHUNK_BUDGET_BYTES = 8 * 1024 ** 2;

/** An area's planned tasks. */
export interface AreaPlan {
  readonly unit: RunUnit;
  readonly tasks: ChunkTask[];
}

/**
 * Replicate-areas a worker thread must have before another is worth starting: a worker takes
 * about 0.1-0.2 s to start and prepare its areas, so a run of one area × 10,000 population
 * replicates (0.25 s) was slower on two threads (0.32 s) than on one (bench baseline).
 */
export const MIN_REPLICATES_PER_THREAD = 20_000;

/**
 * The worker threads a run uses: those asked for, but no more than its size keeps busy
 * (results do not depend on it); 0 stays 0 (in-process).
 */
export function threadsFor(
  options: Pick<MonteCarloOptions, 'threads' | 'units' | 'from' | 'to' | 'minReplicatesPerThread'>,
): number {
  if (options.threads <= 0) return 0;
  const work = (options.to - options.from) * options.units.length;
  const least = options.minReplicatesPerThread ?? MIN_REPLICATES_PER_THREAD;
  return Math.max(1, Math.min(options.threads, Math.floor(work / least)));
}

/**
 * Plans the chunks of every area for an executor running `slots` tasks at once (by default the
 * threads the options ask for): whole areas when there are many, else ~4 chunks per slot, and
 * never more than CHUNK_BUDGET_BYTES of values a chunk when the cells per replicate are known.
 * An area runs whole in one task, summarised by the worker, when nothing needs its replicates
 * and its values fit the memory budget.
 */
export function planChunks(
  options: MonteCarloOptions,
  slots: number = threadsFor(options),
): AreaPlan[] {
  const n = options.to - options.from;
  const threads = Math.max(1, slots);
  const bytes = (options.cellsPerReplicate ?? 0) * 8;
  const most = bytes > 0 ? Math.max(1, Math.floor(CHUNK_BUDGET_BYTES / bytes)) : Infinity;
  const fits = n * bytes <= (options.memoryBudget ?? SUMMARY_BUDGET_BYTES);
  const perArea =
    options.units.length >= threads * 2 ? n : Math.max(1, Math.ceil(n / (threads * 4)));
  const whole =
    fits &&
    (options.chunkSize ?? perArea) >= n &&
    options.outPath === undefined &&
    options.keepValues !== true &&
    options.derive === undefined;
  const chunk = whole ? n : (options.chunkSize ?? Math.min(perArea, most));
  return options.units.map((unit) => {
    const tasks: ChunkTask[] = [];
    for (let from = options.from; from < options.to; from += chunk) {
      const to = Math.min(options.to, from + chunk);
      tasks.push({
        module: unit.module,
        payload: unit.payload,
        cacheKey: unit.cacheKey,
        area: unit.area,
        from,
        to,
        mode: whole ? 'summary' : 'values',
        ...(from === options.from ? { withCells: true } : {}),
        ...(options.failAt !== undefined ? { failAt: options.failAt } : {}),
      });
    }
    return { unit, tasks };
  });
}

/**
 * The queue executor, loaded when the run first uses it: BullMQ and its Redis client take most
 * of a second to load, which a run on this machine should not pay.
 */
function deferredQueueExecutor(address: QueueAddress): ChunkExecutor {
  let loaded: Promise<ChunkExecutor> | undefined;
  const load = (): Promise<ChunkExecutor> =>
    (loaded ??= import('./executors/queue.js').then((queue) => queue.queueExecutor(address)));
  return {
    slots: DEFAULT_QUEUE_SLOTS,
    execute: async (tasks, onResult) => (await load()).execute(tasks, onResult),
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}

/** The executor options ask for: the queue, else a pool of threads, else in-process. */
export function executorFor(
  options: Pick<
    MonteCarloOptions,
    'threads' | 'units' | 'from' | 'to' | 'minReplicatesPerThread' | 'queue'
  >,
): ChunkExecutor {
  if (options.queue !== undefined) return deferredQueueExecutor(options.queue);
  const threads = threadsFor(options);
  return threads > 0 ? poolExecutor(threads) : inProcessExecutor();
}

/** An area being folded: its cells, summarisers and derived cells. */
interface AreaFold {
  readonly plan: AreaPlan;
  readonly cells: readonly CellSpec[];
  readonly summariser?: AreaSummariser;
  readonly derived?: { readonly spec: DerivedCells; readonly summariser: AreaSummariser };
  /** The summary a worker computed (areas run whole). */
  summary?: CellSummary;
}

/** A summary laid out stat-major (`values[s·cells + c]`), as a worker returns it. */
function summaryOf(values: Float64Array, cells: number): CellSummary {
  return {
    cells,
    stats: SUMMARY_STATS.map((_, s) => values.slice(s * cells, (s + 1) * cells)),
  };
}

/**
 * Runs every area's replicates `from … to − 1` on an executor (`executorFor(options)` unless
 * one is given) and returns their summaries in area order, writing the long table to `outPath`
 * when given. Results are folded in area and replicate order as they arrive, whichever executor
 * ran them; areas beyond the memory budget are then summarised in further passes, one area at a
 * time.
 */
export async function runMonteCarlo(
  options: MonteCarloOptions,
  executor: ChunkExecutor = executorFor(options),
): Promise<AreaSummary[]> {
  const plans = planChunks(options, executor.slots);
  const replicates = options.to - options.from;
  const budget = options.memoryBudget ?? SUMMARY_BUDGET_BYTES;
  let total = replicates * plans.length;
  let file: ResultsFile | undefined;
  try {
    if (options.outPath !== undefined) {
      // Loaded only to write the file: they load apache-arrow, which a run without one never needs.
      const [{ openResultsFile }, { runDictionaries }] = await Promise.all([
        import('../io/results-file.js'),
        import('./encode.js'),
      ]);
      file = openResultsFile(
        options.outPath,
        runDictionaries(
          options.units.map((u) => u.area),
          options.metrics,
        ),
        options.metadata,
      );
    }
  } catch (error) {
    await executor.close();
    throw error;
  }
  const tasks = plans.flatMap((plan, a) => plan.tasks.map((task) => ({ a, task })));
  const folds: (AreaFold | undefined)[] = plans.map(() => undefined);
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    options.onProgress?.(done, total);
  };

  /** Pass 1: every area's chunks, in order, into the file, the summaries and derived cells. */
  const onFirstPass = async (index: number, result: ChunkResult): Promise<void> => {
    const { a, task } = tasks[index]!;
    let fold = folds[a];
    if (!fold) {
      const cells = result.cells;
      if (!cells)
        throw new Error(`the first chunk of area ${task.area} did not describe its cells`);
      const spec = options.derive?.(task.area, cells);
      fold = {
        plan: plans[a]!,
        cells,
        ...(task.mode === 'values'
          ? {
              summariser: areaSummariser(
                cells.length,
                replicates,
                budget,
                options.keepValues === true,
              ),
            }
          : {}),
        ...(spec
          ? {
              derived: {
                spec,
                summariser: areaSummariser(spec.cells.length, replicates, budget),
              },
            }
          : {}),
      };
      folds[a] = fold;
    }
    const n = task.to - task.from;
    if (task.mode === 'summary') fold.summary = summaryOf(result.values, fold.cells.length);
    else {
      fold.summariser!.fold(result.values, n);
      if (fold.derived) foldDerived(fold.derived, result.values, n);
      if (file) await file.write(task.area, fold.cells, task.from, result.values);
    }
    if (task.to === options.to) {
      if (file) await file.endArea();
      fold.summariser?.endPass();
      if (fold.derived) {
        const { spec, summariser } = fold.derived;
        summariser.endPass();
        if (spec.thresholds && !summariser.pending())
          summariser.count(spec.thresholds(summariser.summary()));
      }
    }
    progress(n);
  };

  let onInterrupt: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // Stop at once: reject now; the executor is closed below, ending the running tasks.
      onInterrupt = (): void => reject(new InterruptedError());
      if (options.signal?.aborted === true) return onInterrupt();
      options.signal?.addEventListener('abort', onInterrupt);
      const passes = async (): Promise<void> => {
        await executor.execute(
          tasks.map((t) => t.task),
          onFirstPass,
        );
        // Areas beyond the budget: further passes, one area at a time.
        for (const fold of folds) {
          while (fold && morePasses(fold)) {
            if (options.signal?.aborted === true) return;
            total += replicates;
            if (process.env.WCC_DEBUG_PASSES)
              console.error('extra pass', fold.plan.unit.area, new Date().toISOString());
            await executor.execute(
              fold.plan.tasks.map((task) => ({ ...task, mode: 'values', withCells: false })),
              (index, result) => {
                const task = fold.plan.tasks[index]!;
                const n = task.to - task.from;
                if (fold.summariser?.pending() === true) fold.summariser.fold(result.values, n);
                if (fold.derived?.summariser.pending() === true)
                  foldDerived(fold.derived, result.values, n);
                progress(n);
              },
            );
            endExtraPass(fold);
          }
        }
      };
      passes().then(resolve, reject);
    });
    if (file) await file.commit();
    return folds.map((fold) => areaSummary(fold!, replicates, options.keepValues === true));
  } catch (error) {
    if (file) await file.abort();
    throw error;
  } finally {
    if (onInterrupt) options.signal?.removeEventListener('abort', onInterrupt);
    await executor.close();
  }
}

/** Folds a chunk's derived values (computed from its values) into their summariser. */
function foldDerived(
  derived: NonNullable<AreaFold['derived']>,
  values: Float64Array,
  n: number,
): void {
  const out = new Float64Array(n * derived.spec.cells.length);
  derived.spec.derive(values, n, out);
  derived.summariser.fold(out, n);
}

/** Whether an area needs another pass over its replicates. */
function morePasses(fold: AreaFold): boolean {
  return fold.summariser?.pending() === true || fold.derived?.summariser.pending() === true;
}

/** Ends a pass after the first: the summaries advance, and thresholds are asked once known. */
function endExtraPass(fold: AreaFold): void {
  if (fold.summariser?.pending() === true) fold.summariser.endPass();
  if (!fold.derived) return;
  const { spec, summariser } = fold.derived;
  if (!summariser.pending()) return;
  const asked = summariser.counts().length > 0;
  summariser.endPass();
  if (!asked && spec.thresholds && !summariser.pending())
    summariser.count(spec.thresholds(summariser.summary()));
}

/** The finished summary of an area. */
function areaSummary(fold: AreaFold, replicates: number, keepValues: boolean): AreaSummary {
  const values = keepValues ? fold.summariser?.values() : undefined;
  return {
    area: fold.plan.unit.area,
    cells: fold.cells,
    summary: fold.summary ?? fold.summariser!.summary(),
    ...(values ? { values } : {}),
    ...(fold.derived
      ? {
          derived: {
            cells: fold.derived.spec.cells,
            summary: fold.derived.summariser.summary(),
            counts: fold.derived.summariser.counts(),
            replicates,
          },
        }
      : {}),
  };
}
