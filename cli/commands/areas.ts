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
    .description(
      'List the areas wcc knows (England, regions, ICBs, local authorities, former districts) or find them',
    )
    .argument('[query]', 'part of a code or name (case-insensitive)')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Codes are ONS codes on April 2023 boundaries: 296 local authorities, 42 Integrated Care
Boards (E54), 9 regions and England. A region, ICB or England is projected as one area, the
sum of its local authorities; where an ICB's boundary cuts through an authority, the whole
authority is counted in one ICB (as the ONS ICB estimates do) and the note says so. A former
district's code (merged since 2019) still works: it runs as the authority that took it over.
A scenario may also name its own group of codes.

Examples:
  $ wcc areas                 # every area
  $ wcc areas leeds
  $ wcc areas E54             # the ICBs
  $ wcc areas "north yorkshire"
  $ wcc areas --format csv > areas.csv`,
    )
    .action((query: string | undefined, flags: { format?: string }) => {
      const registry = areaRegistry(loadReferenceData());
      const format = parseOutputFormat(flags.format);
      const found = searchAreas(registry, query);
      const names = new Map(registry.all.map((a) => [a.code, a.name]));
      const kinds: Record<string, string> = {
        lad: 'local authority',
        icb: 'ICB',
        former: 'former district',
      };
      const rows = found.map((a) => ({
        code: a.code,
        name: a.name,
        kind: kinds[a.kind] ?? a.kind,
        region: a.kind === 'lad' || a.kind === 'former' ? (names.get(a.parent) ?? a.parent) : '',
        icb: a.kind === 'lad' ? (names.get(a.icb) ?? a.icb) : '',
        local_authorities: membersOf(registry, a).length,
        note: a.note,
      }));
      if (rows.length === 0 && query !== undefined) {
        const near = closestAreas(registry, query)
          .map((a) => `${a.code} ${a.name}`)
          .join(', ');
        io.err(`wcc: no area matches "${query}"; closest: ${near}\n`);
        return;
      }
      io.out(
        formatRows(
          format,
          ['code', 'name', 'kind', 'region', 'icb', 'local_authorities', 'note'],
          rows,
        ),
      );
    });
}
