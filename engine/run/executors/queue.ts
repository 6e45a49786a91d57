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
import type { ChunkTask } from '../types.js';
import type { ChunkExecutor, ResultSink } from './executor.js';
import {
  QUEUE_NAME,
  QUEUE_PREFIX,
  encodeJob,
  ownIdentity,
  type ChunkJobData,
  type ChunkJobResult,
  type JobIdentity,
} from './queue-jobs.js';
import type { QueueAddress } from './queue-url.js';
import { bullConnection, closeWithin, connectWatch } from './redis.js';

/** Options of `queueExecutor`. */
export interface QueueExecutorOptions {
  /** The identity jobs carry (default this installation's: tests give another to see refusals). */
  readonly identity?: JobIdentity;
  /** The workers expected, as far as the submitter knows: a hint for sizing chunks (default 8). */
  readonly slots?: number;
}

/** Jobs a run submits per expected worker slot, so a slow or lost worker delays little. */
export const DEFAULT_QUEUE_SLOTS = 8;

/** An executor that submits tasks to the queue at `address` and collects their results. */
export function queueExecutor(
  address: QueueAddress,
  options: QueueExecutorOptions = {},
): ChunkExecutor {
  const runId = randomUUID();
  const jobId = (index: number): string => `${runId}.${index}`;
  let watch: Redis | undefined;
  let queue: Queue | undefined;
  let events: QueueEvents | undefined;
  let pending = new Set<number>();
  let closed = false;

  const execute = async (tasks: readonly ChunkTask[], onResult: ResultSink): Promise<void> => {
    const identity = options.identity ?? ownIdentity();
    let fail: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => {
      fail = reject;
    });
    // Observed before any awaited step below, so a lost connection always ends the run.
    lost.catch(() => undefined);
    watch = await connectWatch(address, (why) => fail(queueFailure(address.url, why)));
    const connection = bullConnection(address);
    // Read events from the stream's current end, so none of this run's can be missed.
    const eventsKey = `${QUEUE_PREFIX}:${QUEUE_NAME}:events`;
    const last = (await watch.xrevrange(eventsKey, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    events = new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX, lastEventId: last });
    const submit = new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
    queue = submit;
    // Connection trouble is reported once, by the watch client; these only must not throw.
    events.on('error', () => undefined);
    submit.on('error', () => undefined);
    await Promise.race([Promise.all([events.waitUntilReady(), submit.waitUntilReady()]), lost]);

    const jobs = tasks.map((task) => encodeJob(task, identity));
    pending = new Set(tasks.map((_, i) => i));
    const finished = new Promise<void>((resolve, reject) => {
      const ours = (id: string): number | undefined => {
        if (!id.startsWith(`${runId}.`)) return undefined;
        const index = Number(id.slice(runId.length + 1));
        return pending.has(index) ? index : undefined;
      };
      const stop = (error: Error): void => {
        pending.clear();
        reject(error);
      };
      events!.on('completed', ({ jobId: id, returnvalue }) => {
        const index = ours(id);
        if (index === undefined) return;
        const result = returnvalue as unknown as ChunkJobResult;
        const task = tasks[index]!;
        try {
          if (result.scenarioHash !== jobs[index]!.scenarioHash)
            throw simulationFailure(
              task.area,
              task.from,
              task.to,
              `worker ${result.worker} answered for another scenario`,
            );
          pending.delete(index);
          onResult(index, new Uint8Array(Buffer.from(result.bytes, 'base64')));
        } catch (error) {
          stop(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (pending.size === 0) resolve();
      });
      events!.on('failed', ({ jobId: id, failedReason }) => {
        const index = ours(id);
        if (index === undefined) return;
        const task = tasks[index]!;
        // A failed simulation names its area and replicates already; a refusal does not.
        stop(
          failedReason.startsWith('simulation failed')
            ? new SimulationError(failedReason)
            : simulationFailure(task.area, task.from, task.to, failedReason),
        );
      });
    });
    finished.catch(() => undefined);
    await Promise.race([
      submit.addBulk(
        jobs.map((data: ChunkJobData, i) => ({
          name: 'chunk',
          data,
          opts: { jobId: jobId(i), attempts: 1, removeOnComplete: true, removeOnFail: true },
        })),
      ),
      lost,
    ]);
    if (tasks.length > 0) await Promise.race([finished, lost]);
  };

  return {
    slots: options.slots ?? DEFAULT_QUEUE_SLOTS,
    execute,
    async close() {
      if (closed) return;
      closed = true;
      // Withdraw this run's jobs that no worker has finished (a running one cannot be removed,
      // and removes itself when it completes).
      const left = [...pending].map(jobId);
      pending.clear();
      if (queue && watch?.status === 'ready')
        await closeWithin(() => Promise.all(left.map((id) => queue!.remove(id))));
      if (events) await closeWithin(() => events!.close());
      if (queue) await closeWithin(() => queue!.close());
      watch?.disconnect();
    },
  };
}
