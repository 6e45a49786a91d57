/**
 * The queue worker: serves a run queue's chunk jobs (what `wcc worker` runs on each machine),
 * each on a thread of its own pool so that BullMQ can renew the job's lock meanwhile. A job
 * whose wcc version, data digest or scenario hash differ from this installation's is refused.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { queueFailure } from '../../errors.js';
import { encodeChunkResult } from '../result-bytes.js';
import type { ChunkTask } from '../types.js';
import type { ChunkExecutor } from './executor.js';
import { inProcessExecutor } from './in-process.js';
import { poolExecutor } from './pool.js';
import {
  QUEUE_NAME,
  QUEUE_PREFIX,
  RESULT_TTL_MS,
  decodeJobTask,
  ownIdentity,
  refusal,
  resultKey,
  runKey,
  workerName,
  type ChunkJobData,
  type ChunkJobResult,
} from './queue-jobs.js';
import { DEFAULT_LOCK_DURATION_MS, type QueueAddress } from './queue-url.js';
import { bullConnection, closeWithin, connectWatch } from './redis.js';

/** What a worker reports as it goes. */
export type WorkerEvent =
  | { readonly state: 'ready'; readonly worker: string; readonly version: string }
  | {
      readonly state: 'started';
      readonly job: string;
      readonly area: string;
      readonly range: string;
    }
  | {
      readonly state: 'done';
      readonly job: string;
      readonly area: string;
      readonly range: string;
      readonly ms: number;
    }
  | { readonly state: 'refused'; readonly job: string; readonly reason: string }
  | { readonly state: 'skipped'; readonly job: string }
  | { readonly state: 'failed'; readonly job: string; readonly reason: string };

/** Options of `runQueueWorker`. */
export interface QueueWorkerOptions {
  readonly address: QueueAddress;
  /** Worker threads, hence jobs run at once; 0 runs one job at a time on the calling thread. */
  readonly threads: number;
  /** Job lock duration (ms); the stalled-job check runs every half of it. */
  readonly lockDurationMs?: number;
  readonly onEvent?: (event: WorkerEvent) => void;
  /** Aborting stops the worker; jobs it was running are retried by other workers. */
  readonly signal?: AbortSignal;
}

/** Runs one job's task on the executor; its result as bytes (`encodeChunkResult`). */
async function runTask(executor: ChunkExecutor, task: ChunkTask): Promise<Buffer> {
  let bytes: Buffer | undefined;
  await executor.execute([task], (_, result) => {
    bytes = encodeChunkResult(result);
  });
  if (!bytes) throw new Error('the task returned no result');
  return bytes;
}

/**
 * Serves the queue until `signal` aborts (resolves) or the connection to Redis is lost
 * (rejects with exit 3).
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<void> {
  const mine = ownIdentity();
  const name = workerName();
  const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
  let lostWhy: string | undefined;
  let wake: () => void = () => undefined;
  const watch = await connectWatch(options.address, (why) => {
    lostWhy = why;
    wake();
  });
  const executor = options.threads > 0 ? poolExecutor(options.threads) : inProcessExecutor();
  const report = options.onEvent ?? (() => undefined);
  const serve = async (job: Job<ChunkJobData, ChunkJobResult>): Promise<ChunkJobResult> => {
    const id = job.id ?? '?';
    const task = decodeJobTask(job.data);
    const refused = refusal(job.data, task, mine);
    if (refused !== undefined) {
      report({ state: 'refused', job: id, reason: refused });
      throw new UnrecoverableError(refused);
    }
    const range = `${task.from}:${task.to}`;
    const ended = async (): Promise<boolean> => (await watch.exists(runKey(job.data.run))) === 0;
    if (await ended()) {
      report({ state: 'skipped', job: id });
      throw new UnrecoverableError('the run that submitted this job has ended');
    }
    report({ state: 'started', job: id, area: task.area, range });
    const start = performance.now();
    let bytes: Buffer;
    try {
      bytes = await runTask(executor, task);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report({ state: 'failed', job: id, reason });
      // A simulation is deterministic: running it again would fail again.
      throw new UnrecoverableError(`${reason} (worker ${name})`);
    }
    if (await ended()) {
      report({ state: 'skipped', job: id });
      throw new UnrecoverableError('the run that submitted this job has ended');
    }
    const key = resultKey(id);
    await watch.set(key, bytes, 'PX', RESULT_TTL_MS);
    report({ state: 'done', job: id, area: task.area, range, ms: performance.now() - start });
    return { scenarioHash: job.data.scenarioHash, key, length: bytes.byteLength, worker: name };
  };
  const worker = new Worker<ChunkJobData, ChunkJobResult>(QUEUE_NAME, serve, {
    connection: bullConnection(options.address),
    prefix: QUEUE_PREFIX,
    concurrency: Math.max(1, options.threads),
    lockDuration,
    stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    // A job whose worker died twice fails rather than being tried for ever.
    maxStalledCount: 2,
  });
  worker.on('error', () => undefined);
  try {
    await worker.waitUntilReady();
    report({ state: 'ready', worker: name, version: mine.version });
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (lostWhy !== undefined || options.signal?.aborted === true) resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    if (lostWhy !== undefined) throw queueFailure(options.address.url, lostWhy);
  } finally {
    await closeWithin(() => worker.close(true));
    await executor.close();
    watch.disconnect();
  }
}
