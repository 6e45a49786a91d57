import type { IndicatorOptions } from '../../../models/indicators/index.js';

/** Options as `wcc indicators` resolves them with no flags. */
export const DEFAULT_OPTIONS: IndicatorOptions = {
  levels: [95],
  groupBy: [],
  multiplier: undefined,
  frequencies: false,
  reference: undefined,
  observed: undefined,
  refValue: 1,
  se: false,
  valueType: 0,
  transform: false,
  rii: true,
  intercept: false,
  repetitions: 1000,
  seed: '1',
};
