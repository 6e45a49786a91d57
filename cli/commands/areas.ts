/** `wcc areas [query]`: lists areas, or finds them by code or part of the name. */
import { Command } from 'commander';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry, closestAreas, membersOf, searchAreas } from '../../models/areas/registry.js';
import type { CliIo } from '../io.js';
import { formatRows } from '../format.js';
import { parseOutputFormat } from '../options.js';

/** The `areas` command. */
export function areasCommand(io: CliIo): Command {
  return new Command('areas')
    .description('List the areas wcc knows (England, regions, local authorities) or find them')
    .argument('[query]', 'part of a code or name (case-insensitive)')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Codes are ONS codes on April 2021 boundaries. A region or England is projected as one area;
a scenario may also name a group of codes (e.g. an ICB footprint).

Examples:
  $ wcc areas                 # all 319 areas
  $ wcc areas leeds
  $ wcc areas E12             # the regions
  $ wcc areas --format csv > areas.csv`,
    )
    .action((query: string | undefined, flags: { format?: string }) => {
      const registry = areaRegistry(loadReferenceData());
      const format = parseOutputFormat(flags.format);
      const found = searchAreas(registry, query);
      const names = new Map(registry.all.map((a) => [a.code, a.name]));
      const rows = found.map((a) => ({
        code: a.code,
        name: a.name,
        kind: a.kind === 'lad' ? 'local authority' : a.kind,
        region: a.kind === 'lad' ? (names.get(a.parent) ?? a.parent) : '',
        local_authorities: membersOf(registry, a).length,
      }));
      if (rows.length === 0 && query !== undefined) {
        const near = closestAreas(registry, query)
          .map((a) => `${a.code} ${a.name}`)
          .join(', ');
        io.err(`wcc: no area matches "${query}"; closest: ${near}\n`);
        return;
      }
      io.out(formatRows(format, ['code', 'name', 'kind', 'region', 'local_authorities'], rows));
    });
}
