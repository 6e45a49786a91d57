/** `proportion`: Wilson score proportions of numerator / denominator, per row or group. */
import { invalidGroup } from '../../engine/errors.js';
import { proportion } from '../../engine/stats/index.js';
import { groupLabel, groupTotals } from './groups.js';
import { type IndicatorMethod, valueOutput } from './output.js';

/** Proportions with Wilson limits; a numerator above its denominator is refused. */
export const proportionMethod: IndicatorMethod = (table, options) => {
  const multiplier = options.multiplier ?? 1;
  const { groups, x, n } = groupTotals(table, options.groupBy, ['numerator', 'denominator']);
  x.forEach((xi, g) => {
    if (xi > (n[g] ?? NaN))
      throw invalidGroup(table.file, groupLabel(groups, g), 'numerator above denominator');
  });
  const out = proportion(x, n, { levels: options.levels, multiplier });
  const statistic = multiplier === 100 ? 'percentage' : 'proportion of 1';
  return valueOutput(
    groups,
    options.levels,
    out,
    () => statistic,
    () => 'Wilson',
  );
};
