/** `wcc worker`: serves the chunk jobs of runs submitted with `wcc run --queue`, until stopped. */
import { Command } from 'commander';
import { InterruptedError } from '../../engine/errors.js';
import { DEFAULT_LOCK_DURATION_MS, parseQueueUrl } from '../../engine/run/executors/queue-url.js';
import type { WorkerEvent } from '../../engine/run/executors/queue-worker.js';
import { defaultThreads } from '../../engine/run/run.js';
import type { CliIo } from '../io.js';
import { parseInteger, parseThreads } from '../options.js';

/** One line of the worker's log for `event`. */
function describeEvent(event: WorkerEvent): string {
  switch (event.state) {
    case 'ready':
      return `worker ${event.worker} (wcc ${event.version}) waiting for jobs`;
    case 'started':
      return `job ${event.job}: area ${event.area}, replicates ${event.range}`;
    case 'done':
      return `job ${event.job}: done in ${(event.ms / 1000).toFixed(2)} s`;
    case 'skipped':
      return `job ${event.job}: skipped, the run that submitted it has ended`;
    case 'refused':
    case 'failed':
      return `job ${event.job}: ${event.reason}`;
  }
}

/** The `worker` command. */
export function workerCommand(io: CliIo): Command {
  return new Command('worker')
    .description('Serve the jobs of runs submitted with `wcc run --queue` (any number of machines)')
    .requiredOption('--queue <redis-url>', 'the Redis queue to serve, redis://HOST:PORT[/DB]')
    .option(
      '--threads <n>',
      'jobs run at once, each on a thread (default: the cores available; 0: one at a time on the main thread, where a job longer than the lock duration is taken for dead)',
    )
    .option(
      '--lock-duration <ms>',
      `how long a job stays claimed without a sign of life (default ${DEFAULT_LOCK_DURATION_MS}); a worker that dies is noticed after about this long and its job runs elsewhere`,
    )
    .option('-q, --quiet', 'log only refused and failed jobs')
    .addHelpText(
      'after',
      `
Each job is an area and a range of replicates of one run. A worker runs only jobs from the same
wcc version and data (data/built digest) as its own, and refuses others; the run that submitted
a refused job fails with the reason. A worker that dies mid-job (killed, machine lost) is noticed
when its job's lock lapses, and the job runs again on another worker with the same result.
Stop a worker with Ctrl-C (exit 130); its running jobs go to other workers.

Examples:
  $ redis-server --bind 10.0.0.5 --save ''                # a queue (any machine the others reach)
  $ wcc worker --queue redis://10.0.0.5:6379              # on each machine that runs jobs
  $ wcc worker --queue redis://10.0.0.5:6379 --threads 4 --quiet
  $ wcc run plan.yaml --queue redis://10.0.0.5:6379 --out plan.arrow   # submit, merge, write`,
    )
    .action(
      async (flags: {
        queue: string;
        threads?: string;
        lockDuration?: string;
        quiet?: boolean;
      }) => {
        const address = parseQueueUrl(flags.queue, 'option --queue');
        const threads = parseThreads(flags.threads, defaultThreads);
        const lockDurationMs =
          flags.lockDuration === undefined
            ? DEFAULT_LOCK_DURATION_MS
            : parseInteger('--lock-duration', flags.lockDuration, 200, 3_600_000);
        const controller = new AbortController();
        const onSignal = (): void => controller.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          // Loaded here: BullMQ takes most of a second to load, which other commands should not pay.
          const { runQueueWorker } = await import('../../engine/run/executors/queue-worker.js');
          await runQueueWorker({
            address,
            threads,
            lockDurationMs,
            signal: controller.signal,
            onEvent: (event) => {
              if (flags.quiet !== true || event.state === 'refused' || event.state === 'failed')
                io.err(`wcc: ${describeEvent(event)}\n`);
            },
          });
        } finally {
          process.removeListener('SIGINT', onSignal);
          process.removeListener('SIGTERM', onSignal);
        }
        if (controller.signal.aborted) throw new InterruptedError();
      },
    );
}
