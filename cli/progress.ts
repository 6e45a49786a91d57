/**
 * A progress bar on standard error for long runs, shown only when standard error is a
 * terminal and --quiet is off (cli-progress: a maintained bar with ETA and redraw throttling).
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

/** Progress callbacks of a run. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** A bar labelled `label`, or a silent stand-in when the bar should not show. */
export function progressBar(io: CliIo, label: string, quiet: boolean): Progress {
  if (quiet || !io.stderrIsTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} replicates | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
      fps: 10,
    },
    io.env.NO_COLOR !== undefined ? cliProgress.Presets.legacy : cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
