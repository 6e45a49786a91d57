/** `wcc merge`: joins the results files of replicate slices of one run, and summarises them. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { checkResultsPath } from '../run-options.js';
import { mergeResults } from '../../engine/io/merge-results.js';
import type { CliIo } from '../io.js';
import { formatRows } from '../format.js';
import { parseOutputFormat } from '../options.js';
import { SUMMARY_COLUMNS, summaryRecords } from '../../models/results/summary.js';

/** The `merge` command. */
export function mergeCommand(io: CliIo): Command {
  return new Command('merge')
    .description(
      'Join the results files of replicate slices of one run (--replicates a:b --out) and summarise them',
    )
    .argument('<files...>', 'results files written by wcc run --out (any order)')
    .option('--out <file.arrow>', 'write the merged results file')
    .option('--format <format>', 'summary format: table, csv or json (default table)')
    .option('-q, --quiet', 'no note on stderr')
    .addHelpText(
      'after',
      `
The slices must come from one scenario and seed, hold the same areas, years and metrics, and
cover replicate ranges that neither overlap nor leave gaps. Slices that tile a run from
replicate 0 merge into exactly the file the whole run writes, so a run can be split across
machines and joined here.

Examples:
  $ wcc run plan.yaml --replicates 0:5000 --out part1.arrow      # on one machine
  $ wcc run plan.yaml --replicates 5000:10000 --out part2.arrow  # on another
  $ wcc merge part1.arrow part2.arrow --out plan.arrow --format csv > summary.csv`,
    )
    .action(async (files: string[], flags: { out?: string; format?: string; quiet?: boolean }) => {
      const format = parseOutputFormat(flags.format);
      const outPath = flags.out === undefined ? undefined : resolve(io.cwd, flags.out);
      if (outPath !== undefined) checkResultsPath(outPath, flags.out ?? outPath);
      const merged = await mergeResults(
        files.map((f) => resolve(io.cwd, f)),
        outPath,
      );
      const rows = summaryRecords(merged.areas).map((r) =>
        format === 'table' ? { ...r, year: String(r.year) } : r,
      );
      if (flags.quiet !== true)
        io.err(
          `wcc: merged replicates ${merged.from}:${merged.to} of ${merged.areas.length} area(s) from ${files.length} file(s)\n`,
        );
      io.out(formatRows(format, SUMMARY_COLUMNS, rows, { digits: 4 }));
    });
}
