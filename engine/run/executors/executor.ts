/**
 * The executor interface: something that runs chunk tasks (area × replicate range) and streams
 * back their results in task order. Planning, summarising, writing and interruption stay in
 * `runMonteCarlo`, the same whichever executor runs the tasks.
 */
import type { ChunkResult, ChunkTask } from '../types.js';

/**
 * Receives task `index`'s result. Results arrive in task order, one at a time: a returned
 * promise (a file waiting to drain, say) is awaited before the next result is delivered.
 */
export type ResultSink = (index: number, result: ChunkResult) => void | Promise<void>;

/** Runs chunk tasks: in-process, on a worker-thread pool, or on a queue served by other machines. */
export interface ChunkExecutor {
  /** How many tasks it runs at once, as far as it knows: a hint for sizing chunks. */
  readonly slots: number;
  /**
   * Runs every task, calling `onResult` once for each in task order, holding at most a few
   * results that finished early (it runs only a bounded window of tasks ahead of the first
   * undelivered one). Rejects with the first failure (a `SimulationError` naming the task, or
   * the error `onResult` threw) once no result can arrive any more. May be called again once
   * settled (a run that re-simulates does).
   */
  execute(tasks: readonly ChunkTask[], onResult: ResultSink): Promise<void>;
  /** Stops at once and releases threads and connections; tasks still running are abandoned. */
  close(): Promise<void>;
}
