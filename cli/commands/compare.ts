/** `wcc compare a.yaml b.yaml`: two scenarios paired replicate by replicate (common random numbers). */
import { Command } from 'commander';
import { defaultThreads } from '../../engine/run/run.js';
import { SUMMARY_STATS } from '../../engine/run/summary.js';
import { compareScenarios } from '../../models/compare/model.js';
import { scenarioMetrics } from '../../models/run-scenario.js';
import { parseScenario } from '../../models/scenario/schema.js';
import type { CliIo } from '../io.js';
import { formatRows, type OutputRow } from '../format.js';
import { parseRunOverrides, parseList, parseThreads, parseOutputFormat } from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';
import { metricFilter } from '../../models/registry/metrics.js';

/** Columns of the comparison: the two means, then B − A's statistics, then P(B < A). */
export const COMPARE_COLUMNS = [
  'area',
  'year',
  'metric',
  'mean_a',
  'mean_b',
  ...SUMMARY_STATS.map((s) => `diff_${s}`),
  'p_b_lower',
] as const;

/** The `compare` command. */
export function compareCommand(io: CliIo): Command {
  return new Command('compare')
    .description(
      'Compare two scenarios replicate by replicate: B − A with far less noise than either run',
    )
    .argument('<a>', 'the reference scenario file')
    .argument('<b>', 'the scenario compared with it')
    .option('--runs <n>', 'replicates (overrides both files; they must agree)')
    .option('--seed <seed>', 'random seed (overrides both files; they must agree)')
    .option('--threads <n>', 'worker threads (default: the cores available)')
    .option(
      '--metrics <list>',
      'only these metrics, comma-separated; a trailing * matches a prefix',
    )
    .option('--format <format>', 'table, csv or json (default table)')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Both scenarios run with the same seed, so each replicate draws the same numbers for every
parameter they share (common random numbers): the difference B − A per replicate isolates
what B changes. Columns: area, year, metric, mean_a, mean_b, diff_mean, diff_p2_5 …
diff_p97_5 (B − A over replicates), p_b_lower (share of replicates in which B is below A).

Examples:
  $ wcc compare baseline.yaml prevention.yaml --metrics 'register_DM,cost_services'
  $ wcc compare a.yaml b.yaml --runs 5000 --format csv > difference.csv`,
    )
    .action(
      async (
        fileA: string,
        fileB: string,
        flags: {
          runs?: string;
          seed?: string;
          threads?: string;
          metrics?: string;
          format?: string;
          quiet?: boolean;
        },
      ) => {
        const overrides = parseRunOverrides(flags);
        const a = parseScenario({ ...readScenarioFile(io, fileA), ...overrides }, fileA);
        const b = parseScenario({ ...readScenarioFile(io, fileB), ...overrides }, fileB);
        const threads = parseThreads(flags.threads, defaultThreads);
        const format = parseOutputFormat(flags.format);
        const keep =
          flags.metrics === undefined
            ? () => true
            : metricFilter('--metrics', parseList('--metrics', flags.metrics), [
                ...scenarioMetrics(a),
                ...scenarioMetrics(b),
              ]);
        const bar = progressBar(io, 'compare', flags.quiet === true);
        const comparison = await compareScenarios(a, b, {
          threads,
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        const rows: OutputRow[] = comparison.cells
          .filter((c) => keep(c.metric))
          .map((c) => {
            const row: Record<string, string | number> = {
              area: c.area,
              year: format === 'table' ? String(c.year) : c.year,
              metric: c.metric,
              mean_a: c.meanA,
              mean_b: c.meanB,
              p_b_lower: c.pLower,
            };
            SUMMARY_STATS.forEach((s, k) => (row[`diff_${s}`] = c.difference[k] ?? NaN));
            return row;
          });
        if (format === 'table')
          io.out(
            `${a.name} (A) against ${b.name} (B): ${a.replicates} paired replicates, seed ${a.seed}; differences are B − A\n\n`,
          );
        io.out(formatRows(format, COMPARE_COLUMNS, rows, { digits: 4 }));
        const notes = [...comparison.notes];
        for (const side of ['a', 'b'] as const) {
          const only = comparison.unpaired[side].filter(keep);
          if (only.length > 0)
            notes.push(
              `only ${side.toUpperCase()} produces ${only.join(', ')} (no counterpart in ${side === 'a' ? 'B' : 'A'}: not compared)`,
            );
        }
        if (flags.quiet !== true) for (const note of notes) io.err(`wcc: note: ${note}\n`);
      },
    );
}
