/** `rate`: crude rates of numerator / denominator with exact or Byars limits. */
import { crudeRate, poissonMethod } from '../../engine/stats/index.js';
import { groupTotals } from './groups.js';
import { type IndicatorMethod, valueOutput } from './output.js';

/** Crude rates per `multiplier` (default 100000); a numerator above the denominator is allowed. */
export const rateMethod: IndicatorMethod = (table, options) => {
  const multiplier = options.multiplier ?? 100_000;
  const { groups, x, n } = groupTotals(table, options.groupBy, ['numerator', 'denominator']);
  const out = crudeRate(x, n, { levels: options.levels, multiplier });
  return valueOutput(
    groups,
    options.levels,
    out,
    () => `rate per ${multiplier}`,
    (g) => (Number.isNaN(x[g] ?? NaN) ? null : poissonMethod(x[g] ?? NaN)),
  );
};
