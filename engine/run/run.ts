/**
 * Monte Carlo orchestration: splits each area's replicate range into chunks, runs them on an
 * executor (in-process, a Piscina pool, or a queue served by other machines), and merges
 * results in area and replicate order, so the summary and the results file are identical
 * whatever the executor, thread count or chunk size.
 */
import { availableParallelism } from 'node:os';
import { InterruptedError } from '../errors.js';
import { openResultsFile, type ResultsFile } from '../io/results-file.js';
import type { RunMetadata } from '../io/run-metadata.js';
import { decodeSummary, decodeValues, runDictionaries } from './encode.js';
import type { ChunkExecutor } from './executors/executor.js';
import { inProcessExecutor } from './executors/in-process.js';
import { poolExecutor } from './executors/pool.js';
import { queueExecutor } from './executors/queue.js';
import type { QueueAddress } from './executors/queue-url.js';
import { summarise, type CellSummary } from './summary.js';
import type { CellSpec, ChunkTask } from './types.js';

/** One area of a run: the model module that simulates it and its plain-data payload. */
export interface RunUnit {
  readonly area: string;
  readonly module: string;
  readonly payload: unknown;
  readonly cacheKey: string;
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
  /** Called after each chunk with replicates done and in all (over all areas). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting closes the executor, removes temporary files and rejects with InterruptedError. */
  readonly signal?: AbortSignal;
  /** Test hook: a worker fails at this replicate. */
  readonly failAt?: number;
  /** Replicate-areas each thread needs before another starts (default MIN_REPLICATES_PER_THREAD). */
  readonly minReplicatesPerThread?: number;
  /** Return every replicate's values with the summaries (comparisons need them paired). */
  readonly keepValues?: boolean;
}

/** The summary of one area: its cells and per-cell statistics. */
export interface AreaSummary {
  readonly area: string;
  readonly cells: readonly CellSpec[];
  readonly summary: CellSummary;
  /** Every replicate's values, replicate-major (only with `keepValues`). */
  readonly values?: Float64Array;
}

/** The default thread count: the cores available to this process. */
export function defaultThreads(): number {
  return availableParallelism();
}

interface AreaState {
  readonly unit: RunUnit;
  readonly tasks: ChunkTask[];
  readonly results: (Uint8Array | undefined)[];
  remaining: number;
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
 * threads the options ask for): whole areas when there are many, else ~4 chunks per slot.
 */
export function planChunks(
  options: MonteCarloOptions,
  slots: number = threadsFor(options),
): AreaState[] {
  const n = options.to - options.from;
  const threads = Math.max(1, slots);
  const chunk =
    options.chunkSize ??
    (options.units.length >= threads * 2 ? n : Math.max(1, Math.ceil(n / (threads * 4))));
  return options.units.map((unit) => {
    const tasks: ChunkTask[] = [];
    const whole = chunk >= n && options.outPath === undefined && options.keepValues !== true;
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
        ...(options.failAt !== undefined ? { failAt: options.failAt } : {}),
      });
    }
    return { unit, tasks, results: tasks.map(() => undefined), remaining: tasks.length };
  });
}

/** Merges an area's chunk results in replicate order into its summary (and its values). */
function mergeArea(
  state: AreaState,
  replicates: number,
): { cells: CellSpec[]; summary: CellSummary; values?: Float64Array } {
  if (state.tasks[0]!.mode === 'summary') return decodeSummary(state.results[0]!);
  // Each chunk is decoded once; the first gives the cells.
  let cells: CellSpec[] = [];
  let values = new Float64Array(0);
  let offset = 0;
  state.results.forEach((bytes, k) => {
    const chunk = decodeValues(bytes!);
    if (k === 0) {
      cells = chunk.cells;
      values = new Float64Array(replicates * cells.length);
    }
    values.set(chunk.values, offset);
    offset += chunk.values.length;
  });
  return { cells, summary: summarise(values, replicates, cells.length), values };
}

/** The executor options ask for: the queue, else a pool of threads, else in-process. */
export function executorFor(
  options: Pick<
    MonteCarloOptions,
    'threads' | 'units' | 'from' | 'to' | 'minReplicatesPerThread' | 'queue'
  >,
): ChunkExecutor {
  if (options.queue !== undefined) return queueExecutor(options.queue);
  const threads = threadsFor(options);
  return threads > 0 ? poolExecutor(threads) : inProcessExecutor();
}

/**
 * Runs every area's replicates `from … to − 1` on an executor (`executorFor(options)` unless
 * one is given) and returns their summaries in area order, writing the long table to `outPath`
 * when given. Results are merged in area and replicate order as they arrive, whichever executor
 * ran them and in whatever order they finished.
 */
export async function runMonteCarlo(
  options: MonteCarloOptions,
  executor: ChunkExecutor = executorFor(options),
): Promise<AreaSummary[]> {
  const areas = planChunks(options, executor.slots);
  const replicates = options.to - options.from;
  const total = replicates * areas.length;
  const queue = areas.flatMap((state, a) => state.tasks.map((task, t) => ({ a, t, task })));
  let file: ResultsFile | undefined;
  try {
    if (options.outPath !== undefined)
      file = openResultsFile(
        options.outPath,
        runDictionaries(
          options.units.map((u) => u.area),
          options.metrics,
        ),
        options.metadata,
      );
  } catch (error) {
    await executor.close();
    throw error;
  }
  const summaries: AreaSummary[] = [];
  let flushed = 0;
  let done = 0;
  const flush = (): void => {
    while (flushed < areas.length && areas[flushed]!.remaining === 0) {
      const state = areas[flushed]!;
      const merged = mergeArea(state, replicates);
      if (file && merged.values)
        file.writeArea(state.unit.area, merged.cells, options.from, merged.values);
      summaries.push({
        area: state.unit.area,
        cells: merged.cells,
        summary: merged.summary,
        ...(options.keepValues === true && merged.values ? { values: merged.values } : {}),
      });
      state.results.fill(undefined);
      ++flushed;
    }
  };
  const onResult = (index: number, bytes: Uint8Array): void => {
    const { a, t, task } = queue[index]!;
    const state = areas[a]!;
    if (state.results[t] !== undefined) return;
    state.results[t] = bytes;
    --state.remaining;
    done += task.to - task.from;
    flush();
    options.onProgress?.(done, total);
  };
  let onInterrupt: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // Stop at once: reject now; the executor is closed below, ending the running tasks.
      onInterrupt = (): void => reject(new InterruptedError());
      if (options.signal?.aborted === true) return onInterrupt();
      options.signal?.addEventListener('abort', onInterrupt);
      executor
        .execute(
          queue.map((q) => q.task),
          onResult,
        )
        .then(resolve, reject);
    });
    if (file) await file.commit();
    return summaries;
  } catch (error) {
    if (file) await file.abort();
    throw error;
  } finally {
    if (onInterrupt) options.signal?.removeEventListener('abort', onInterrupt);
    await executor.close();
  }
}
