/** `wilson`: Wilson score limits of x out of n, per row or summed per group. */
import { invalidGroup } from '../../engine/errors.js';
import { wilsonLower, wilsonUpper, zForConfidence } from '../../engine/stats/index.js';
import { groupLabel, groupTotals } from './groups.js';
import { limitNames } from './limit-columns.js';
import { type IndicatorMethod, limitsOnlyRow, outputColumns } from './output.js';

/** Wilson limits (proportion of 1); x above n is refused, n = 0 gives NA. */
export const wilsonMethod: IndicatorMethod = (table, options) => {
  const { groups, x, n } = groupTotals(table, options.groupBy, ['x', 'n']);
  return {
    columns: outputColumns(groups, limitNames(options.levels)),
    rows: groups.keys.map((_, g) => {
      const xg = x[g] ?? NaN;
      const ng = n[g] ?? NaN;
      if (xg > ng) throw invalidGroup(table.file, groupLabel(groups, g), 'x above n');
      return limitsOnlyRow(
        groups,
        g,
        options.levels,
        (level) => {
          const z = zForConfidence(level);
          return ng > 0 ? [wilsonLower(xg, ng, z), wilsonUpper(xg, ng, z)] : [NaN, NaN];
        },
        'proportion of 1',
        'Wilson',
      );
    }),
    notes: [],
  };
};
