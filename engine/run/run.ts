/**
 * Monte Carlo orchestration: splits each area's replicate range into chunks, runs them on a
 * Piscina pool (or in-process), and merges results in area and replicate order, so the
 * summary and the results file are identical whatever the thread count or chunk size.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { InterruptedError, simulationFailure } from '../errors.js';
import { openResultsFile, type ResultsFile } from '../io/results-file.js';
import type { RunMetadata } from '../io/run-metadata.js';
import { decodeSummary, decodeValues, runDictionaries } from './encode.js';
import { runChunk } from './chunk.js';
import { runnableModuleUrl } from './module-url.js';
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
  /** Aborting stops the pool, removes temporary files and rejects with InterruptedError. */
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

function workerUrl(): string {
  const self = import.meta.url;
  return runnableModuleUrl(
    new URL(self.endsWith('.ts') ? './worker.ts' : './worker.js', self).href,
  );
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

/** Plans the chunks of every area. */
export function planChunks(options: MonteCarloOptions): AreaState[] {
  const n = options.to - options.from;
  const threads = Math.max(1, threadsFor(options));
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

/**
 * Runs every area's replicates `from … to − 1` and returns their summaries in area order,
 * writing the long table to `outPath` when given.
 */
export async function runMonteCarlo(options: MonteCarloOptions): Promise<AreaSummary[]> {
  const areas = planChunks(options);
  const replicates = options.to - options.from;
  const total = replicates * areas.length;
  const queue = areas.flatMap((state, a) => state.tasks.map((task, t) => ({ a, t, task })));
  const file: ResultsFile | undefined =
    options.outPath === undefined
      ? undefined
      : openResultsFile(
          options.outPath,
          runDictionaries(
            options.units.map((u) => u.area),
            options.metrics,
          ),
          options.metadata,
        );
  const threads = threadsFor(options);
  const pool =
    threads > 0
      ? new Piscina({
          filename: workerUrl(),
          minThreads: threads,
          maxThreads: threads,
          idleTimeout: 500,
        })
      : undefined;
  const summaries: AreaSummary[] = [];
  let next = 0;
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
  const interrupted = (): boolean => options.signal?.aborted === true;
  const runOne = async (task: ChunkTask): Promise<Uint8Array> => {
    try {
      // Tasks are never aborted one by one (a worker answering an aborted task upsets the
      // pool): a failure lets running tasks finish, an interruption destroys the pool.
      if (pool) return (await pool.run(task)) as Uint8Array;
      return await runChunk(task);
    } catch (error) {
      if (interrupted()) throw new InterruptedError();
      throw simulationFailure(task.area, task.from, task.to, error);
    }
  };
  // Bounded concurrency: enough tasks in flight to keep every thread busy, no more.
  const inFlight = Math.max(1, threads) * 2;
  let onInterrupt: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      let failure: Error | undefined;
      const settle = (): void => {
        if (failure !== undefined) {
          if (active === 0) reject(failure);
          return;
        }
        if (next >= queue.length && active === 0) resolve();
      };
      const fail = (error: unknown): void => {
        failure ??= error instanceof Error ? error : new Error(String(error));
        settle();
      };
      const launch = (): void => {
        if (failure !== undefined) return settle();
        while (active < inFlight && next < queue.length) {
          const { a, t, task } = queue[next++]!;
          ++active;
          runOne(task).then(
            (bytes) => {
              --active;
              if (failure !== undefined) return settle();
              const state = areas[a]!;
              state.results[t] = bytes;
              --state.remaining;
              done += task.to - task.from;
              try {
                flush();
              } catch (error) {
                fail(error);
                return;
              }
              options.onProgress?.(done, total);
              launch();
            },
            (error: unknown) => {
              --active;
              fail(error);
            },
          );
        }
        settle();
      };
      onInterrupt = (): void => {
        // Stop at once: reject now; the pool is destroyed below, ending the running tasks.
        failure ??= new InterruptedError();
        active = 0;
        reject(failure);
      };
      if (interrupted()) onInterrupt();
      else {
        options.signal?.addEventListener('abort', onInterrupt);
        launch();
      }
    });
    if (file) await file.commit();
    return summaries;
  } catch (error) {
    if (file) await file.abort();
    throw error;
  } finally {
    if (onInterrupt) options.signal?.removeEventListener('abort', onInterrupt);
    if (pool) await pool.destroy();
  }
}
