/**
 * `le`: life expectancy at each start age per group (Chiang II abridged life table, PHE
 * variant), with the age-band rules of PHEindicatormethods `phe_life_expectancy`: the 20
 * start ages 0, 1, 5, …, 90, each at most once per group.
 */
import { invalidCell, invalidGroup } from '../../engine/errors.js';
import { LE_BANDS, LE_START_AGES, lifeExpectancy } from '../../engine/stats/index.js';
import { groupLabel, groupRows, pick } from './groups.js';
import { limitNames } from './limit-columns.js';
import {
  columnLimits,
  groupCells,
  type IndicatorMethod,
  type IndicatorRow,
  limitCells,
  missingLimits,
  outputColumns,
} from './output.js';
import { columnIndex, fileRow, hasColumn, numberColumn } from './table.js';

/** PHE's method name for life expectancy. */
const LE_METHOD = 'Chiang, using Silcocks et al for confidence limits';

/** Life expectancy at every start age of every group; a group missing a band gives NA. */
export const leMethod: IndicatorMethod = (table, options) => {
  const groups = groupRows(table, options.groupBy);
  const ages = numberColumn(table, 'startage', { required: true });
  // `pops` is PHEindicatormethods' own name for the column (phe_life_expectancy(pops = …)) and
  // the header of the public known-answer file; `pop` is wcc's.
  const pops = numberColumn(
    table,
    !hasColumn(table, 'pop') && hasColumn(table, 'pops') ? 'pops' : 'pop',
  );
  const deaths = numberColumn(table, 'deaths');
  const bandOfAge = new Map(LE_START_AGES.map((a, b) => [a, b]));
  const present = new Set<number>();
  ages.forEach((age, i) => {
    if (!bandOfAge.has(age)) {
      throw invalidCell(
        table.file,
        fileRow(i),
        'startage',
        `one of ${LE_START_AGES.join(', ')}`,
        table.rows[i]?.[columnIndex(table, 'startage')],
      );
    }
    present.add(age);
  });
  // As the package, an age band absent from the whole file is an error; a group missing some
  // bands (that other groups have) is suppressed to NA.
  const absent = LE_START_AGES.filter((a) => !present.has(a));
  if (absent.length > 0) {
    throw invalidGroup(
      table.file,
      '(all rows)',
      `no rows for start age ${absent.join(', ')}; life expectancy needs the 20 bands 0, 1, 5, …, 90`,
    );
  }
  const columns = outputColumns(groups, ['startage', 'value', ...limitNames(options.levels)]);
  const rows: IndicatorRow[] = [];
  groups.rows.forEach((groupRowIndices, g) => {
    const byBand = new Array<number>(LE_BANDS).fill(-1);
    for (const i of groupRowIndices) {
      const b = bandOfAge.get(ages[i] ?? NaN) ?? 0;
      if (byBand[b] !== -1) {
        throw invalidGroup(
          table.file,
          groupLabel(groups, g),
          `start age ${ages[i]} appears twice (rows ${fileRow(byBand[b] ?? 0)} and ${fileRow(i)})`,
        );
      }
      byBand[b] = i;
    }
    const complete = byBand.every((i) => i >= 0);
    const bandRows = byBand.filter((i) => i >= 0);
    const out = lifeExpectancy(
      complete ? pick(deaths, bandRows) : new Float64Array(0),
      complete ? pick(pops, bandRows) : new Float64Array(0),
      options.levels,
    );
    byBand.forEach((i, b) => {
      if (i < 0) return;
      rows.push({
        ...groupCells(groups, g),
        startage: LE_START_AGES[b] ?? NaN,
        value: complete ? (out.value[b] ?? NaN) : NaN,
        ...limitCells(complete ? columnLimits(out, b) : missingLimits(options.levels)),
        statistic: `life expectancy at ${LE_START_AGES[b]}`,
        method: LE_METHOD,
      });
    });
  });
  return { columns, rows, notes: [] };
};
