/**
 * `wcc bench`: runs the benchmark suites (bench/), prints each task's mean and interval, writes
 * the JSON record with --json and compares with a saved record with --compare. `npm run bench`
 * runs this command.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { compareBenchmarks } from '../../bench/compare.js';
import { parseBenchRecord, type BenchRecord } from '../../bench/record.js';
import { InputError, invalidOption, unreadableFile } from '../../engine/errors.js';
import { checkOutputPath, writeFileAtomic } from '../../engine/io/atomic-write.js';
import type { CliIo } from '../io.js';
import { formatRows } from '../format.js';

interface BenchFlags {
  json?: string;
  filter?: string;
  quick?: boolean;
  compare?: string;
}

/** Significant digits of the printed tables. */
const DIGITS = 3;

/** Reads and validates a saved benchmark record. */
function readBaseline(io: CliIo, file: string): BenchRecord {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new InputError(`baseline file ${file}: not found`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadableFile(file, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new InputError(`baseline file ${file}: not valid JSON: ${why}`);
  }
  return parseBenchRecord(value, `baseline file ${file}`);
}

/** The results table: one row a task. */
function resultTable(record: BenchRecord): string {
  const rows = record.tasks.map((t) => ({
    task: t.name,
    mean_ms: t.mean,
    ci95_ms: t.moe,
    rme_pct: t.rme,
    samples: t.samples,
    x_reference: t.referenceRatio,
  }));
  const columns = ['task', 'mean_ms', 'ci95_ms', 'rme_pct', 'samples', 'x_reference'];
  return formatRows('table', columns, rows, { digits: DIGITS });
}

/** "label: a; b", or only how many when there are more than a few; '' for none. */
function listNames(label: string, names: readonly string[]): string {
  if (names.length === 0) return '';
  return names.length <= 3 ? `${label}: ${names.join('; ')}` : `${label}: ${names.length} tasks`;
}

/** The comparison table and notes on tasks present in one record only. */
function comparisonTable(baseline: BenchRecord, current: BenchRecord): string {
  const comparison = compareBenchmarks(baseline, current);
  const rows = comparison.tasks.map((t) => ({
    task: t.name,
    baseline_ms: t.baselineMean,
    current_ms: t.currentMean,
    ratio: t.ratio,
    verdict: t.verdict,
    reference_ratio: t.referenceRatio,
    reference_verdict: t.referenceVerdict,
  }));
  const columns = [
    'task',
    'baseline_ms',
    'current_ms',
    'ratio',
    'verdict',
    'reference_ratio',
    'reference_verdict',
  ];
  const m = baseline.meta;
  const lines = [
    `\nCompared with the baseline of ${m.date} (commit ${m.commit.slice(0, 12)}, ${m.cpu}, ${m.cores} cores, Node.js ${m.node}):`,
    'ratio = current/baseline mean; reference_ratio compares the ratios to the reference basket, which cancel machine speed and load.',
    'A verdict is called only when the 95% intervals of both the means and the ratios separate the same way.\n',
    formatRows('table', columns, rows, { digits: DIGITS }).trimEnd(),
  ];
  lines.push(listNames('Not run now (filtered out or removed)', comparison.onlyInBaseline));
  lines.push(listNames('Not in the baseline', comparison.onlyInCurrent));
  if (baseline.meta.quick || current.meta.quick)
    lines.push('A --quick run is a smoke test: its timings are not measurements.');
  return `${lines.filter((line) => line !== '').join('\n')}\n`;
}

/** The `bench` command. */
export function benchCommand(io: CliIo): Command {
  return new Command('bench')
    .description(
      'Run the benchmarks: kernels, RNG, quantiles, Arrow, data loading and whole runs (tinybench)',
    )
    .option('--json <file>', 'write the run as a JSON record (means, 95% intervals, machine)')
    .option('--filter <text>', 'only tasks whose "suite: task" name contains this')
    .option('--quick', 'short timings, for a smoke test (not a measurement)')
    .option('--compare <baseline.json>', 'print ratios against a saved record')
    .addHelpText(
      'after',
      `
Every task reports its mean (ms), the half-width of the 95% confidence interval of the mean
(tinybench moe), its relative margin (rme, %), the sample count, and its mean as a multiple
of a fixed reference kernel timed in the same run (x_reference), which cancels most of the
machine's speed and load. Intervals cover the noise within one run only, so a small change
called between runs may still be noise: compare the reference ratios too. A full run takes
several minutes, most of it the whole runs (the full chain for every local authority ×
10,000 replicates alone takes minutes); --filter picks a few. Whole runs use the build in
dist/ (npm run build). The saved
baseline is bench/baseline.json: update it when a change is meant to move it.

Examples:
  $ wcc bench                                    # every suite, a table on stdout
  $ wcc bench --json bench-now.json              # also save the record
  $ wcc bench --compare bench/baseline.json      # ratios and verdicts against the baseline
  $ wcc bench --filter whole-run                 # only the whole-run workloads
  $ wcc bench --quick --filter kernels           # a fast smoke test
  $ npm run bench -- --json bench-now.json       # the same through npm`,
    )
    .action(async (flags: BenchFlags) => {
      // Check every input before minutes of timing.
      const baseline = flags.compare === undefined ? undefined : readBaseline(io, flags.compare);
      const jsonPath = flags.json === undefined ? undefined : resolve(io.cwd, flags.json);
      if (jsonPath !== undefined) checkOutputPath(jsonPath, 'option --json');

      // Loaded only when benchmarking, so other commands start without the suites.
      const { runBenchmarks } = await import('../../bench/runner.js');
      const record = await runBenchmarks({
        quick: flags.quick === true,
        ...(flags.filter !== undefined ? { filter: flags.filter } : {}),
        onTask: (task) => io.err(`${task.name}: ${task.mean.toPrecision(DIGITS)} ms\n`),
      });
      if (flags.filter !== undefined && record.tasks.length === 1)
        throw invalidOption(
          '--filter',
          'part of a task name such as "cohort" or "whole-run"',
          flags.filter,
        );
      io.out(resultTable(record));
      if (baseline) io.out(comparisonTable(baseline, record));
      if (jsonPath !== undefined) {
        writeFileAtomic(jsonPath, `${JSON.stringify(record, null, 2)}\n`);
        io.err(`wrote ${flags.json ?? jsonPath}\n`);
      }
    });
}
