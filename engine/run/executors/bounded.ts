/** Runs tasks with bounded concurrency: the loop shared by the in-process and pool executors. */
import { simulationFailure } from '../../errors.js';
import type { ChunkTask } from '../types.js';
import type { ResultSink } from './executor.js';

/**
 * Runs `tasks` in order with at most `inFlight` at once. After a failure no task starts, the
 * running ones finish (a worker thread answering an abandoned task upsets the pool), and the
 * first failure is the rejection. `stopped()` true stops launching (the executor was closed).
 */
export function executeBounded(
  tasks: readonly ChunkTask[],
  inFlight: number,
  runOne: (task: ChunkTask) => Promise<Uint8Array>,
  onResult: ResultSink,
  stopped: () => boolean,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let active = 0;
    let failure: Error | undefined;
    const settle = (): void => {
      if (active > 0) return;
      if (failure !== undefined) reject(failure);
      else if (stopped()) reject(new Error('the executor was closed'));
      else if (next >= tasks.length) resolve();
    };
    const fail = (error: unknown): void => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    };
    const launch = (): void => {
      while (failure === undefined && !stopped() && active < inFlight && next < tasks.length) {
        const index = next++;
        const task = tasks[index]!;
        ++active;
        runOne(task).then(
          (bytes) => {
            --active;
            if (failure === undefined && !stopped()) {
              try {
                onResult(index, bytes);
              } catch (error) {
                fail(error);
              }
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
