/**
 * Runs tasks with bounded concurrency and delivers their results in task order: the loop shared
 * by the in-process and pool executors.
 */
import { simulationFailure } from '../../errors.js';
import type { ChunkResult, ChunkTask } from '../types.js';
import type { ResultSink } from './executor.js';

/**
 * Runs `tasks` in order with at most `inFlight` at once and never more than `window` (default
 * 2 × inFlight) past the first result not yet delivered, so that results finished early wait in
 * a reorder buffer of bounded size. Results go to `onResult` in task order, each awaited. After
 * a failure no task starts, the running ones finish (a worker thread answering an abandoned task
 * upsets the pool), and the first failure is the rejection. `stopped()` true stops launching
 * (the executor was closed).
 */
export function executeBounded(
  tasks: readonly ChunkTask[],
  inFlight: number,
  runOne: (task: ChunkTask) => Promise<ChunkResult>,
  onResult: ResultSink,
  stopped: () => boolean,
  window = 2 * inFlight,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let active = 0;
    /** Index of the next result to deliver; results waiting for it, by index. */
    let delivered = 0;
    const ready = new Map<number, ChunkResult>();
    let delivering = false;
    let failure: Error | undefined;
    const settle = (): void => {
      if (active > 0 || delivering) return;
      if (failure !== undefined) reject(failure);
      else if (stopped()) reject(new Error('the executor was closed'));
      else if (delivered >= tasks.length) resolve();
    };
    const fail = (error: unknown): void => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    };
    const deliver = async (): Promise<void> => {
      if (delivering) return;
      delivering = true;
      try {
        for (let result = ready.get(delivered); result !== undefined;) {
          ready.delete(delivered);
          if (failure !== undefined || stopped()) break;
          await onResult(delivered, result);
          result = ready.get(++delivered);
          launch();
        }
      } catch (error) {
        fail(error);
      } finally {
        delivering = false;
      }
      if (failure !== undefined || stopped()) ready.clear();
      launch();
    };
    const launch = (): void => {
      while (
        failure === undefined &&
        !stopped() &&
        active < inFlight &&
        next < tasks.length &&
        next < delivered + Math.max(window, inFlight)
      ) {
        const index = next++;
        const task = tasks[index]!;
        ++active;
        runOne(task).then(
          (result) => {
            --active;
            if (failure === undefined && !stopped()) {
              ready.set(index, result);
              void deliver();
            }
            launch();
          },
          (error: unknown) => {
            --active;
            fail(simulationFailure(task.area, task.from, task.to, error));
            settle();
          },
        );
      }
      settle();
    };
    launch();
  });
}
