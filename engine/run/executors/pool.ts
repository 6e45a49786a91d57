/** The pool executor: tasks run on a Piscina pool of worker threads, each moving its Float64Array back. */
import { Piscina } from 'piscina';
import { loadedReferenceCache, loadedReferenceData } from '../../io/reference-data.js';
import { runnableModuleUrl } from '../module-url.js';
import type { ChunkResult, ChunkTask } from '../types.js';
import { executeBounded } from './bounded.js';
import type { ChunkExecutor } from './executor.js';

function workerUrl(): string {
  const self = import.meta.url;
  return runnableModuleUrl(
    new URL(self.endsWith('.ts') ? '../worker.ts' : '../worker.js', self).href,
  );
}

/**
 * An executor on a pool of `threads` worker threads (at least 1); `close` destroys the pool. The
 * threads adopt the reference data when this thread has loaded it (worker.ts): the build cache's
 * bytes it was read from (shared, each thread decodes them), else a copy of the data.
 */
export function poolExecutor(threads: number): ChunkExecutor {
  const size = Math.max(1, threads);
  const referenceCache = loadedReferenceCache();
  const pool = new Piscina({
    filename: workerUrl(),
    minThreads: size,
    maxThreads: size,
    idleTimeout: 500,
    workerData: referenceCache ? { referenceCache } : { referenceData: loadedReferenceData() },
  });
  let closed = false;
  // Tasks are never aborted one by one (a worker answering an aborted task upsets the pool):
  // a failure lets running tasks finish, closing destroys the pool.
  const runOne = async (task: ChunkTask): Promise<ChunkResult> =>
    (await pool.run(task)) as ChunkResult;
  return {
    slots: size,
    // Enough tasks in flight to keep every thread busy, no more.
    execute: (tasks, onResult) => executeBounded(tasks, size * 2, runOne, onResult, () => closed),
    async close() {
      if (closed) return;
      closed = true;
      await pool.destroy();
    },
  };
}
