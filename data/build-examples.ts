/**
 * The example input files of the README (data/examples/), derived from the raw public data so
 * that every example runs as written from a fresh clone:
 * - `deaths-by-imd-quintile.csv`: deaths and population of England in 2013 by national IMD 2010
 *   quintile and the 19 ESP2013 age bands (persons: males and females summed; under-1 and 1-4
 *   summed into 0-4), for `wcc indicators dsr`. Quintile 1 is the most deprived (the source's
 *   `qimd` counts the other way: 1 least deprived, 5 most).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** The year of the example. */
const YEAR = '2013';
/** ESP2013 bands of the output, and the source columns summed into each. */
const BANDS: readonly [string, readonly string[]][] = [
  ['0-4', ['0', '01-04']],
  ...[5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85].map(
    (a): [string, string[]] => [
      `${a}-${a + 4}`,
      [`${String(a).padStart(2, '0')}-${String(a + 4).padStart(2, '0')}`],
    ],
  ),
  ['90+', ['90+']],
];

/** Reads a quintile table: `value[quintile][column]` summed over sexes for YEAR. */
function quintileTable(path: string): Map<string, Map<string, number>> {
  const rows = parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
  });
  const table = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.year !== YEAR) continue;
    const q = row.qimd ?? '';
    const byColumn = table.get(q) ?? new Map<string, number>();
    for (const [column, text] of Object.entries(row)) {
      if (column === 'sex' || column === 'year' || column === 'qimd') continue;
      byColumn.set(column, (byColumn.get(column) ?? 0) + Number(text));
    }
    table.set(q, byColumn);
  }
  return table;
}

/** The example files by path relative to the package root, with their text. */
export function buildExamples(root: string): Map<string, string> {
  const dir = join(
    root,
    'data',
    'raw',
    'impactncd-epidemiology-england',
    'deaths-population-by-imd-quintile',
  );
  const deaths = quintileTable(join(dir, 'deaths_by_imd2010_quintile.csv'));
  const population = quintileTable(join(dir, 'population_by_imd2010_quintile.csv'));
  const lines = ['quintile,ageband,count,pop'];
  for (const quintile of [1, 2, 3, 4, 5]) {
    const q = String(6 - quintile);
    const d = deaths.get(q);
    const p = population.get(q);
    if (!d || !p) throw new Error(`examples: no ${YEAR} rows for IMD quintile ${q}`);
    for (const [band, columns] of BANDS) {
      const sum = (m: Map<string, number>): number =>
        columns.reduce((s, c) => s + (m.get(c) ?? NaN), 0);
      lines.push(`${quintile},${band},${sum(d)},${sum(p)}`);
    }
  }
  return new Map([['data/examples/deaths-by-imd-quintile.csv', `${lines.join('\n')}\n`]]);
}
