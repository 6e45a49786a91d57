/** `byars`: Byars limits of a count, per row or summed per group. */
import { byarsLower, byarsUpper, zForConfidence } from '../../engine/stats/index.js';
import { groupRows, groupSums } from './groups.js';
import { limitNames } from './limit-columns.js';
import { type IndicatorMethod, limitsOnlyRow, outputColumns } from './output.js';
import { numberColumn } from './table.js';

/** Byars limits of the count `x`. */
export const byarsMethod: IndicatorMethod = (table, options) => {
  const groups = groupRows(table, options.groupBy, true);
  const x = groupSums(numberColumn(table, 'x', { nonNegative: true }), groups);
  return {
    columns: outputColumns(groups, limitNames(options.levels)),
    rows: groups.keys.map((_, g) => {
      const xg = x[g] ?? NaN;
      return limitsOnlyRow(
        groups,
        g,
        options.levels,
        (level) => {
          const z = zForConfidence(level);
          return [byarsLower(xg, z), byarsUpper(xg, z)];
        },
        'count',
        'Byars',
      );
    }),
    notes: [],
  };
};
