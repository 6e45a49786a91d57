/**
 * The executor interface: something that runs chunk tasks (area × replicate range) and streams
 * back their results. Planning, merging in replicate order, summarising, writing and
 * interruption stay in `runMonteCarlo`, the same whichever executor runs the tasks.
 */
import type { ChunkTask } from '../types.js';

/** Receives a task's result (Arrow IPC bytes) as soon as it finishes, with the task's index. */
export type ResultSink = (index: number, bytes: Uint8Array) => void;

/** Runs chunk tasks: in-process, on a worker-thread pool, or on a queue served by other machines. */
export interface ChunkExecutor {
  /** How many tasks it runs at once, as far as it knows: a hint for sizing chunks. */
  readonly slots: number;
  /**
   * Runs every task, calling `onResult` once for each as it finishes (in any order). Rejects
   * with the first failure (a `SimulationError` naming the task, or the error `onResult`
   * threw) once no result can arrive any more.
   */
  execute(tasks: readonly ChunkTask[], onResult: ResultSink): Promise<void>;
  /** Stops at once and releases threads and connections; tasks still running are abandoned. */
  close(): Promise<void>;
}
