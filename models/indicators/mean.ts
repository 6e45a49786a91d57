/** `mean`: the mean of `value` per group with a Student-t interval. */
import { meanCi } from '../../engine/stats/index.js';
import { groupRows, pick } from './groups.js';
import { limitNames } from './limit-columns.js';
import { groupCells, type IndicatorMethod, limitCells, outputColumns } from './output.js';
import { numberColumn } from './table.js';

/** Means with Student-t limits; the whole file is one group without group columns. */
export const meanMethod: IndicatorMethod = (table, options) => {
  const groups = groupRows(table, options.groupBy);
  const values = numberColumn(table, 'value');
  return {
    columns: outputColumns(groups, [
      'value_sum',
      'value_count',
      'stdev',
      'value',
      ...limitNames(options.levels),
    ]),
    rows: groups.rows.map((rows, g) => {
      const m = meanCi(pick(values, rows), options.levels);
      return {
        ...groupCells(groups, g),
        value_sum: m.sum,
        value_count: m.count,
        stdev: m.sd,
        value: m.value,
        ...limitCells(m.limits),
        statistic: 'mean',
        method: "Student's t-distribution",
      };
    }),
    notes: [],
  };
};
