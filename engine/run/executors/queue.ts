/**
 * The queue executor: a run's tasks become BullMQ jobs on Redis, served by `wcc worker`
 * processes on any number of machines. Results and progress come from the queue's events; a
 * worker that dies mid-job is noticed by BullMQ's stalled-job check and its job runs again
 * elsewhere, with the same result, since replicates depend only on (seed, replicate).
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { SimulationError, queueFailure, simulationFailure } from '../../errors.js';
import { decodeChunkResult } from '../result-bytes.js';
import type { ChunkTask } from '../types.js';
import type { ChunkExecutor, ResultSink } from './executor.js';
import {
  QUEUE_NAME,
  QUEUE_PREFIX,
  RUN_TTL_MS,
  encodeJob,
  ownIdentity,
  resultKey,
  runKey,
  type ChunkJobData,
  type ChunkJobResult,
  type JobIdentity,
} from './queue-jobs.js';
import { DEFAULT_QUEUE_SLOTS, type QueueAddress } from './queue-url.js';
import { bullConnection, closeWithin, connectWatch } from './redis.js';

/** Options of `queueExecutor`. */
export interface QueueExecutorOptions {
  /** The identity jobs carry (default this installation's: tests give another to see refusals). */
  readonly identity?: JobIdentity;
  /** The workers expected, as far as the submitter knows: a hint for sizing chunks (default 8). */
  readonly slots?: number;
  /** Time without news after which the queue is swept for results whose event was missed (ms). */
  readonly sweepMs?: number;
  /** Test hook: ignore completion events, so that only sweeps find the results. */
  readonly ignoreCompletions?: boolean;
}

/** Default of `sweepMs`. */
export const SWEEP_MS = 5000;

/** An executor that submits tasks to the queue at `address` and collects their results. */
export function queueExecutor(
  address: QueueAddress,
  options: QueueExecutorOptions = {},
): ChunkExecutor {
  const runId = randomUUID();
  // Each call of `execute` (a pass of the run) has job ids of its own.
  let pass = 0;
  const jobId = (index: number): string => `${runId}.${pass}.${index}`;
  let watch: Redis | undefined;
  let queue: Queue | undefined;
  let events: QueueEvents | undefined;
  let pending = new Set<number>();
  let submitted: Promise<unknown> | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let added = false;
  let closed = false;
  const sweepMs = options.sweepMs ?? SWEEP_MS;

  let fail: (error: Error) => void = () => undefined;
  /** Rejects when the connection to Redis is lost for good. */
  const lost = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Observed from the start, so a lost connection always ends the run.
  lost.catch(() => undefined);
  let connecting: Promise<void> | undefined;
  const connect = async (): Promise<void> => {
    watch = await connectWatch(address, (why) => fail(queueFailure(address.url, why)));
    const connection = bullConnection(address);
    // Read events from the stream's current end, so none of this run's can be missed.
    const eventsKey = `${QUEUE_PREFIX}:${QUEUE_NAME}:events`;
    const last = (await watch.xrevrange(eventsKey, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    events = new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX, lastEventId: last });
    queue = new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
    // Connection trouble is reported once, by the watch client; these only must not throw.
    events.on('error', () => undefined);
    queue.on('error', () => undefined);
    await Promise.race([Promise.all([events.waitUntilReady(), queue.waitUntilReady()]), lost]);
    await Promise.race([watch.set(runKey(runId), '1', 'PX', RUN_TTL_MS), lost]);
  };

  const execute = async (tasks: readonly ChunkTask[], onResult: ResultSink): Promise<void> => {
    const identity = options.identity ?? ownIdentity();
    connecting ??= connect();
    await connecting;
    if (closed) throw new Error('the executor was closed');
    ++pass;
    added = false;
    const prefix = `${runId}.${pass}.`;
    const submit = queue!;
    const jobs = tasks.map((task) => encodeJob(task, identity, runId));
    pending = new Set(tasks.map((_, i) => i));
    // Where each finished job's result bytes are (a key in Redis), until delivered in order:
    // the bytes themselves are read one result at a time.
    const finishedAt = new Map<number, { key: string; length: number; worker: string }>();
    let delivered = 0;
    let onCompleted: (args: { jobId: string; returnvalue: unknown }) => void = () => undefined;
    let onFailed: (args: { jobId: string; failedReason: string }) => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      const ours = (id: string): number | undefined => {
        if (!id.startsWith(prefix)) return undefined;
        const index = Number(id.slice(prefix.length));
        return pending.has(index) && !stopped ? index : undefined;
      };
      // After a failure, results are ignored and the jobs not finished are withdrawn on close.
      let stopped = false;
      const stop = (error: Error): void => {
        stopped = true;
        reject(error);
      };
      const problem = (index: number, why: string): SimulationError => {
        const task = tasks[index]!;
        return simulationFailure(task.area, task.from, task.to, why);
      };
      // Delivers the finished results in task order, reading each one's bytes when its turn comes.
      let delivering = false;
      const pump = async (): Promise<void> => {
        if (delivering) return;
        delivering = true;
        try {
          for (let at = finishedAt.get(delivered); at !== undefined && !stopped;) {
            const bytes = await watch!.getBuffer(at.key);
            if (stopped) return;
            if (bytes?.length !== at.length)
              throw problem(
                delivered,
                `worker ${at.worker} left ${bytes?.length ?? 0} result bytes of ${at.length}`,
              );
            const index = delivered;
            await onResult(index, decodeChunkResult(bytes));
            finishedAt.delete(index);
            pending.delete(index);
            watch!.del(at.key).catch(() => undefined);
            at = finishedAt.get(++delivered);
          }
          if (delivered === tasks.length) resolve();
        } finally {
          delivering = false;
        }
      };
      const found = (index: number, key: string, length: number, worker: string): void => {
        if (!pending.has(index) || stopped || finishedAt.has(index)) return;
        lastNews = performance.now();
        finishedAt.set(index, { key, length, worker });
        pump().catch((error: unknown) =>
          stop(error instanceof Error ? error : new Error(String(error))),
        );
      };
      // Should an event be missed (the event stream is trimmed to its last ~10,000 events),
      // a sweep after SWEEP_MS without news finds the results, or the jobs gone without one.
      let lastNews = performance.now();
      let sweeping = false;
      const sweep = async (): Promise<void> => {
        for (const index of [...pending]) {
          if (finishedAt.has(index)) continue;
          const key = resultKey(jobId(index));
          const length = await watch!.strlen(key);
          if (length > 0) found(index, key, length, 'unknown');
          else if (pending.has(index) && (await submit.getJobState(jobId(index))) === 'unknown') {
            // Gone without a result: unless it was answered meanwhile, its failure was missed.
            if (!pending.has(index) || stopped || (await watch!.exists(key)) === 1) continue;
            throw problem(index, 'the job ended without a result');
          }
          if (stopped) return;
        }
      };
      sweeper = setInterval(() => {
        if (!added || sweeping || stopped || performance.now() - lastNews < sweepMs) return;
        sweeping = true;
        sweep()
          .catch((error: unknown) =>
            stop(error instanceof Error ? error : new Error(String(error))),
          )
          .finally(() => {
            sweeping = false;
            lastNews = performance.now();
          });
      }, sweepMs);
      onCompleted = ({ jobId: id, returnvalue }) => {
        const index = ours(id);
        if (index === undefined || options.ignoreCompletions === true) return;
        const result = returnvalue as ChunkJobResult;
        // Answered already (a job run twice: its first worker seemed dead but was not) is
        // ignored by `found`; an answer for another scenario fails the run.
        if (result.scenarioHash !== jobs[index]!.scenarioHash)
          stop(problem(index, `worker ${result.worker} answered for another scenario`));
        else found(index, result.key, result.length, result.worker);
      };
      onFailed = ({ jobId: id, failedReason }) => {
        const index = ours(id);
        if (index === undefined) return;
        // A failed simulation names its area and replicates already; a refusal does not.
        stop(
          failedReason.startsWith('simulation failed')
            ? new SimulationError(failedReason)
            : problem(index, failedReason),
        );
      };
      events!.on('completed', onCompleted);
      events!.on('failed', onFailed);
    });
    finished.catch(() => undefined);
    submitted = submit.addBulk(
      jobs.map((data: ChunkJobData, i) => ({
        name: 'chunk',
        data,
        opts: { jobId: jobId(i), attempts: 1, removeOnComplete: true, removeOnFail: true },
      })),
    );
    await Promise.race([submitted, lost]);
    added = true;
    try {
      if (tasks.length > 0) await Promise.race([finished, lost]);
    } finally {
      clearInterval(sweeper);
      events!.off('completed', onCompleted);
      events!.off('failed', onFailed);
    }
  };

  return {
    slots: options.slots ?? DEFAULT_QUEUE_SLOTS,
    execute,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      // Let a connection under way finish, so that what it opens is closed below.
      if (connecting) await closeWithin(() => connecting!);
      // Withdraw this run's jobs that no worker has finished (a running one cannot be removed,
      // and removes itself when it completes).
      const left = [...pending].map(jobId);
      pending.clear();
      if (watch?.status === 'ready') {
        // Workers skip the jobs of a run that has ended.
        await closeWithin(() => watch!.del(runKey(runId)));
        // Jobs still being added are withdrawn once they are in.
        if (submitted) await closeWithin(() => submitted!);
        if (queue) await closeWithin(() => Promise.all(left.map((id) => queue!.remove(id))));
        // Results that arrived after a failure are not read: drop them (one still running
        // leaves its own, which expires after RESULT_TTL_MS).
        if (left.length > 0) await closeWithin(() => watch!.del(...left.map(resultKey)));
        if (events) await closeWithin(() => events!.close());
        if (queue) await closeWithin(() => queue!.close());
      } else {
        // Cut off from Redis, closing cannot finish: stop reconnecting at once (QueueEvents'
        // close disconnects first).
        if (events) await closeWithin(() => events!.close(), 200);
        if (queue) await closeWithin(() => queue!.disconnect().then(() => queue!.close()), 200);
      }
      watch?.disconnect();
    },
  };
}
