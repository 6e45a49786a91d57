/** `wcc peers AREA`: a local authority's statistical nearest neighbours. */
import { Command } from 'commander';
import { invalidValue } from '../../engine/errors.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry, lookupArea } from '../../models/areas/registry.js';
import { loadPeerTable } from '../../models/peers/load.js';
import { DEFAULT_PEERS, nearestPeers, standardise } from '../../models/peers/model.js';
import type { CliIo } from '../io.js';
import { formatRows, type OutputRow } from '../format.js';
import { parseInteger, parseOutputFormat } from '../options.js';

/** The `peers` command. */
export function peersCommand(io: CliIo): Command {
  return new Command('peers')
    .description("A local authority's statistical nearest neighbours, with distances and variables")
    .argument('<area>', 'a local authority code (April 2023; `wcc areas` lists them)')
    .option('--n <n>', `number of peers (default ${DEFAULT_PEERS})`)
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Peers are the nearest local authorities by weighted Euclidean distance over variables
standardised to z-scores across all 296 authorities, each weighted equally:
  share_0_15, share_65_plus, share_85_plus  age structure, ONS mid-2023 estimates
  imd_score                                 IMD 2019 average score
  prevalence_HYP, _DM, _CHD, _COPD, _DEP    expected registered prevalence (%), from the QOF
                                            calibration at the area's deprivation and ages
  le_male, le_female                        life expectancy at birth, newest OHID period
Population density and rurality are not used: no area in hectares is held in the data. A
missing value (OHID publishes no life expectancy for the Isles of Scilly or the City of
London) counts as the average. The first row is the area itself (distance 0).

Examples:
  $ wcc peers E06000009              # Blackpool's ten peers
  $ wcc peers E08000025 --n 15 --format csv > birmingham-peers.csv`,
    )
    .action((code: string, flags: { n?: string; format?: string }) => {
      const format = parseOutputFormat(flags.format);
      const registry = areaRegistry(loadReferenceData());
      const record = lookupArea(registry, code);
      if (record.kind !== 'lad')
        throw invalidValue('area', 'a local authority code (peers are local authorities)', code);
      const table = loadPeerTable();
      const n =
        flags.n === undefined
          ? DEFAULT_PEERS
          : parseInteger('--n', flags.n, 1, table.codes.length - 1);
      const peers = nearestPeers(standardise(table), record.code, n);
      const k = table.variables.length;
      const row = (c: string, rank: number, distance: number): OutputRow => {
        const i = table.codes.indexOf(c);
        return {
          rank,
          code: c,
          name: registry.byCode.get(c)?.name ?? c,
          distance,
          ...Object.fromEntries(
            table.variables.map((v, j) => [v.name, table.values[i * k + j] ?? NaN]),
          ),
        };
      };
      const rows = [row(record.code, 0, 0), ...peers.map((p, i) => row(p.code, i + 1, p.distance))];
      const columns = ['rank', 'code', 'name', 'distance', ...table.variables.map((v) => v.name)];
      if (format === 'table')
        io.out(
          `Statistical peers of ${record.code} ${record.name} (equal weights; z-scores across all local authorities)\n\n`,
        );
      io.out(formatRows(format, columns, rows, { digits: 4 }));
    });
}
