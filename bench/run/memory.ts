/**
 * Peak memory of whole runs (issue 14, part 2): each workload runs the built CLI once under
 * `/usr/bin/time -v` and reports its maximum resident set size, wall time and CPU time. Not a
 * tinybench suite: a run of a million replicates takes minutes, and what is measured is memory.
 *
 *   node dist/bench/run/memory.js [--json] [--only NAME,…] [--cli path/to/main.js]
 *
 * Workloads, all of the default plan (Birmingham, the whole chain, 5 years) unless named, on two
 * worker threads: `plan-1m` (1,000,000 replicates, summary only), `plan-100k-out` (100,000
 * replicates written with --out to a temporary file, deleted afterwards), `all-10k` (every
 * local authority's baseline × 10,000 replicates) and `plan-100k` (summary only: the size an
 * older build can run, for a before figure with --cli). Target: each under 1 GiB.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured run. */
interface Workload {
  readonly name: string;
  readonly args: (out: string) => string[];
  /** Whether it writes `out`. */
  readonly writes?: boolean;
}

const THREADS = ['--threads', '2', '--quiet'];
const WORKLOADS: readonly Workload[] = [
  { name: 'plan-1m', args: () => ['run', '--runs', '1000000', ...THREADS] },
  {
    name: 'plan-100k-out',
    args: (out) => ['run', '--runs', '100000', '--out', out, ...THREADS],
    writes: true,
  },
  { name: 'all-10k', args: () => ['run', '--area', 'all', '--runs', '10000', ...THREADS] },
  { name: 'plan-100k', args: () => ['run', '--runs', '100000', ...THREADS] },
];

/** Peak memory budget the workloads must keep under (bytes). */
const TARGET_BYTES = 1024 ** 3;

/** What `/usr/bin/time -v` reports of a run. */
interface Measurement {
  readonly name: string;
  readonly exit: number | null;
  readonly maxRssBytes: number;
  readonly wallSeconds: number;
  readonly userSeconds: number;
  readonly systemSeconds: number;
  readonly fileBytes?: number;
  readonly underTarget: boolean;
}

/** The number after `label:` in GNU time's verbose report. */
function field(report: string, label: string): string {
  const line = report.split('\n').find((l) => l.trim().startsWith(label));
  return line?.slice(line.indexOf(label) + label.length).replace(/^[^:]*:\s*/, '') ?? '';
}

/** Seconds of an "h:mm:ss" or "m:ss.ss" elapsed time. */
function seconds(elapsed: string): number {
  return elapsed
    .trim()
    .split(':')
    .reduce((s, part) => s * 60 + Number(part), 0);
}

function measure(cli: string, w: Workload): Measurement {
  const out = join(tmpdir(), `wcc-memory-${process.pid}-${w.name}.arrow`);
  try {
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...w.args(out)], {
      encoding: 'utf8',
      maxBuffer: 1024 ** 3,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const report = run.stderr;
    const maxRssBytes = Number(field(report, 'Maximum resident set size (kbytes)')) * 1024;
    const fileBytes =
      w.writes === true ? statSync(out, { throwIfNoEntry: false })?.size : undefined;
    return {
      name: w.name,
      exit: Number(field(report, 'Exit status')),
      maxRssBytes,
      wallSeconds: seconds(field(report, 'Elapsed (wall clock) time (h:mm:ss or m:ss)')),
      userSeconds: Number(field(report, 'User time (seconds)')),
      systemSeconds: Number(field(report, 'System time (seconds)')),
      ...(fileBytes !== undefined ? { fileBytes } : {}),
      underTarget: maxRssBytes < TARGET_BYTES,
    };
  } finally {
    rmSync(out, { force: true });
  }
}

function main(argv: readonly string[]): void {
  const option = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cli = option('--cli') ?? fileURLToPath(new URL('../../cli/main.js', import.meta.url).href);
  const only = option('--only')?.split(',');
  const json = argv.includes('--json');
  const results: Measurement[] = [];
  for (const w of WORKLOADS) {
    if (only && !only.includes(w.name)) continue;
    const m = measure(cli, w);
    results.push(m);
    if (!json)
      process.stdout.write(
        `${m.name}: exit ${m.exit}, max RSS ${(m.maxRssBytes / 1024 ** 2).toFixed(0)} MiB${m.underTarget ? '' : ' (over 1 GiB)'}, wall ${m.wallSeconds.toFixed(1)} s, user ${m.userSeconds.toFixed(1)} s, system ${m.systemSeconds.toFixed(1)} s${m.fileBytes !== undefined ? `, file ${(m.fileBytes / 1024 ** 3).toFixed(2)} GiB` : ''}\n`,
      );
  }
  if (json) process.stdout.write(`${JSON.stringify({ cli, results }, null, 2)}\n`);
}

main(process.argv.slice(2));
