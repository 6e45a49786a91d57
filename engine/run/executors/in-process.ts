/** The in-process executor: tasks run one after another on the calling thread (tests, tiny runs). */
import { runChunk } from '../chunk.js';
import { executeBounded } from './bounded.js';
import type { ChunkExecutor } from './executor.js';

/** An executor that runs each task on the calling thread, in order. */
export function inProcessExecutor(): ChunkExecutor {
  let closed = false;
  return {
    slots: 1,
    execute: (tasks, onResult) => executeBounded(tasks, 1, runChunk, onResult, () => closed),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
