/** `wcc data`: the embedded data sets with their source, years and licence. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../../engine/io/paths.js';
import type { CliIo } from '../io.js';
import { formatRows } from '../format.js';
import { parseOutputFormat } from '../options.js';

interface CatalogueEntry {
  id: string;
  title: string;
  publisher: string;
  years: string;
  licence: string;
  used_for: string;
  raw: string;
}

/** The `data` command. */
export function dataCommand(io: CliIo): Command {
  return new Command('data')
    .description('List the embedded public data sets: source, years, licence and use')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Raw files and their PROVENANCE.md notes are in data/raw/<id>; \`npm run data:build\` rebuilds
the engine's files (data/built/*.arrow) from them, byte for byte.

Examples:
  $ wcc data
  $ wcc data --format json`,
    )
    .action((flags: { format?: string }) => {
      const format = parseOutputFormat(flags.format);
      const entries = JSON.parse(
        readFileSync(join(packageRoot(), 'data', 'catalogue.json'), 'utf8'),
      ) as CatalogueEntry[];
      if (format !== 'table') {
        const columns = ['id', 'title', 'publisher', 'years', 'licence', 'used_for', 'raw'];
        io.out(
          formatRows(
            format,
            columns,
            entries.map((e) => ({ ...e })),
          ),
        );
        return;
      }
      // A block per data set reads better than a table of long texts.
      for (const e of entries)
        io.out(
          `${e.id}\n  ${e.title}\n  publisher: ${e.publisher}\n  years:     ${e.years}\n  licence:   ${e.licence}\n  used for:  ${e.used_for}\n  raw files: ${e.raw}\n\n`,
        );
    });
}
