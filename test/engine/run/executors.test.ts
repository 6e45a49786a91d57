import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../../engine/errors.js';
import { executeBounded } from '../../../engine/run/executors/bounded.js';
import { parseQueueUrl } from '../../../engine/run/executors/queue-url.js';
import { executorFor } from '../../../engine/run/run.js';
import type { ChunkResult, ChunkTask } from '../../../engine/run/types.js';

const tasks: ChunkTask[] = Array.from({ length: 6 }, (_, k) => ({
  module: '',
  payload: null,
  cacheKey: '',
  area: 'A',
  from: 10 * k,
  to: 10 * k + 10,
  mode: 'values',
}));

/** A task runner whose task k answers after `delays[k]` ms with [k], or fails if k is in `failing`. */
function runner(delays: number[], failing: number[] = []) {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const runOne = async (task: ChunkTask): Promise<ChunkResult> => {
    const k = task.from / 10;
    log.push(`start ${k}`);
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, delays[k]));
    --running;
    log.push(`end ${k}`);
    if (failing.includes(k)) throw new Error(`task ${k} broke`);
    return { values: Float64Array.of(k) };
  };
  return { log, runOne, most: () => most };
}

describe('executeBounded', () => {
  it('runs every task, at most inFlight at once, delivering results in task order', async () => {
    const r = runner([30, 5, 5, 20, 5, 5]);
    const results: [number, number][] = [];
    await executeBounded(
      tasks,
      2,
      r.runOne,
      (i, b) => {
        results.push([i, b.values[0]!]);
      },
      () => false,
    );
    expect(r.most()).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i, i]));
  });

  it('runs no further ahead of the first undelivered result than its window', async () => {
    // Task 0 is slow: with a window of 3, tasks 3 … 5 wait until it is delivered.
    const r = runner([60, 1, 1, 1, 1, 1]);
    const delivered: number[] = [];
    await executeBounded(
      tasks,
      2,
      r.runOne,
      (i) => {
        delivered.push(i);
      },
      () => false,
      3,
    );
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.log.indexOf('start 3')).toBeGreaterThan(r.log.indexOf('end 0'));
    expect(r.log.indexOf('start 2')).toBeLessThan(r.log.indexOf('end 0'));
  });

  it('waits for a sink that returns a promise before delivering the next result', async () => {
    const r = runner([1, 1, 1, 1, 1, 1]);
    const events: string[] = [];
    await executeBounded(
      tasks,
      2,
      r.runOne,
      async (i) => {
        events.push(`in ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`out ${i}`);
      },
      () => false,
    );
    expect(events).toEqual([0, 1, 2, 3, 4, 5].flatMap((i) => [`in ${i}`, `out ${i}`]));
  });

  it('after a failure starts no task, lets running ones finish, and rejects with the first', async () => {
    const r = runner([5, 40, 5, 5, 5, 5], [0, 2]);
    const run = executeBounded(
      tasks,
      2,
      r.runOne,
      () => undefined,
      () => false,
    );
    await expect(run).rejects.toBeInstanceOf(SimulationError);
    await expect(run).rejects.toThrow(
      'simulation failed for area A, replicates 0:10: task 0 broke',
    );
    // Only tasks 0 and 1 ran: none started after task 0 failed, and task 1 ran to its end.
    expect(r.log).toEqual(['start 0', 'start 1', 'end 0', 'end 1']);
  });

  it('rejects with the error the result sink throws', async () => {
    const r = runner([1, 1, 1, 1, 1, 1]);
    const run = executeBounded(
      tasks,
      1,
      r.runOne,
      (i) => {
        if (i === 1) throw new Error('disk full');
      },
      () => false,
    );
    await expect(run).rejects.toThrow(/^disk full$/);
    expect(r.log).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
  });

  it('stops starting tasks once the executor is closed', async () => {
    const r = runner([5, 5, 5, 5, 5, 5]);
    let closed = false;
    const run = executeBounded(
      tasks,
      1,
      r.runOne,
      () => {
        closed = true;
      },
      () => closed,
    );
    await expect(run).rejects.toThrow('the executor was closed');
    expect(r.log).toEqual(['start 0', 'end 0']);
  });
});

describe('executorFor', () => {
  const units = [{ area: 'A', module: '', payload: null, cacheKey: '' }];
  it('runs in-process with 0 threads, on a pool of the threads the run keeps busy, or on the queue', async () => {
    const inProcess = executorFor({ threads: 0, units, from: 0, to: 100 });
    expect(inProcess.slots).toBe(1);
    const pool = executorFor({ threads: 3, units, from: 0, to: 100, minReplicatesPerThread: 50 });
    expect(pool.slots).toBe(2);
    const queue = executorFor({
      threads: 3,
      units,
      from: 0,
      to: 100,
      queue: parseQueueUrl('redis://127.0.0.1:1', 'q'),
    });
    expect(queue.slots).toBe(8);
    await Promise.all([inProcess.close(), pool.close(), queue.close()]);
  });
});
