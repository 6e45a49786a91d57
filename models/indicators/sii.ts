/**
 * `sii`: slope and relative index of inequality per group, with the quantile rules of
 * PHEindicatormethods `phe_sii`: quantiles sorted from 1 (most deprived), each once, at least
 * two, populations > 0, proportions within [0, 1] for value type 2.
 */
import seedrandom from 'seedrandom';
import { invalidCell, invalidGroup, missingColumn } from '../../engine/errors.js';
import { sii } from '../../engine/stats/index.js';
import { groupLabel, groupRows, pick } from './groups.js';
import { limitColumns, limitNames } from './limit-columns.js';
import { groupCells, type IndicatorMethod, outputColumns } from './output.js';
import { fileRow, hasColumn, type IndicatorTable, numberColumn } from './table.js';

/**
 * The rows of one group in quantile order (1 first).
 * @throws InputError for fewer than two quantiles or a quantile given twice
 */
export function quantileOrder(
  table: IndicatorTable,
  label: string,
  quantiles: Float64Array,
  rows: readonly number[],
): number[] {
  if (rows.length < 2)
    throw invalidGroup(table.file, label, `has ${rows.length} quantile; the SII needs at least 2`);
  const order = [...rows].sort((a, b) => (quantiles[a] ?? NaN) - (quantiles[b] ?? NaN));
  order.forEach((i, k) => {
    if (k > 0 && quantiles[i] === quantiles[order[k - 1] ?? -1])
      throw invalidGroup(table.file, label, `quantile ${quantiles[i]} appears twice`);
  });
  return order;
}

/** The SII (and RII, intercept) of every group, limits by seeded simulation. */
export const siiMethod: IndicatorMethod = (table, options) => {
  const groups = groupRows(table, options.groupBy);
  const quantiles = numberColumn(table, 'quantile', { required: true });
  const pops = numberColumn(table, 'pop', { positive: true, required: true });
  const values = numberColumn(table, 'value');
  const se = options.se ? numberColumn(table, 'se', { nonNegative: true }) : undefined;
  if (!options.se && (!hasColumn(table, 'lower_cl') || !hasColumn(table, 'upper_cl'))) {
    throw missingColumn(
      table.file,
      hasColumn(table, 'lower_cl') ? 'upper_cl' : 'lower_cl',
      table.columns,
    );
  }
  const lower = se ? undefined : numberColumn(table, 'lower_cl');
  const upper = se ? undefined : numberColumn(table, 'upper_cl');
  if (options.valueType === 2) {
    for (const [name, column] of [
      ['value', values],
      ['lower_cl', lower],
      ['upper_cl', upper],
    ] as const) {
      column?.forEach((v, i) => {
        if (v < 0 || v > 1)
          throw invalidCell(
            table.file,
            fileRow(i),
            name,
            'a proportion from 0 to 1 (--value-type 2)',
            v,
          );
      });
    }
  }
  const siiNames = ['sii', ...limitNames(options.levels, 'sii_')];
  const riiNames = options.rii ? ['rii', ...limitNames(options.levels, 'rii_')] : [];
  const columns = outputColumns(groups, [
    ...siiNames,
    ...riiNames,
    ...(options.intercept ? ['intercept'] : []),
  ]);
  return {
    columns,
    rows: groups.rows.map((rows, g) => {
      const order = quantileOrder(table, groupLabel(groups, g), quantiles, rows);
      const est = sii(
        {
          pops: pick(pops, order),
          values: pick(values, order),
          ...(se ? { se: pick(se, order) } : {}),
          ...(lower && upper ? { lower: pick(lower, order), upper: pick(upper, order) } : {}),
        },
        {
          levels: options.levels,
          valueType: options.valueType,
          transform: options.transform,
          multiplier: options.multiplier ?? 1,
          repetitions: options.repetitions,
          // Each group gets the stream of the seed alone, so its limits do not depend on the
          // other groups in the file or their order.
          random: seedrandom.alea(options.seed),
          rii: options.rii,
        },
      );
      const cells: Record<string, number> = {
        sii: est.sii,
        rii: est.rii,
        intercept: est.intercept,
      };
      for (const l of est.limits) {
        const [sl, su] = limitColumns(l.level, 'sii_');
        const [rl, ru] = limitColumns(l.level, 'rii_');
        cells[sl] = l.siiLower;
        cells[su] = l.siiUpper;
        cells[rl] = l.riiLower;
        cells[ru] = l.riiUpper;
      }
      return {
        ...groupCells(groups, g),
        ...cells,
        statistic: 'slope index of inequality',
        method: `simulation ${options.repetitions} reps`,
      };
    }),
    notes: [],
  };
};
