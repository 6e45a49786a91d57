/**
 * Public-health indicators on an input table, as PHE / OHID publish them (PHEindicatormethods
 * conventions): the rules of each method's input (columns, age bands, quantiles, grouping) and
 * its output rows. The maths is engine/stats. Every export is listed by name.
 */
import { invalidValue } from '../../engine/errors.js';
import { byarsMethod } from './byars.js';
import { dsrMethod } from './dsr.js';
import { isrMethod } from './isr.js';
import { leMethod } from './le.js';
import { meanMethod } from './mean.js';
import type { IndicatorMethod, IndicatorOptions, IndicatorOutput } from './output.js';
import { proportionMethod } from './proportion.js';
import { rateMethod } from './rate.js';
import { siiMethod } from './sii.js';
import { type IndicatorTable, requireRows } from './table.js';
import { wilsonMethod } from './wilson.js';

// Public API.
export { esp2013Band, ESP2013_BAND_LABELS, ESP2013_SPELLINGS } from './age-bands.js';
export { dsrStatistic, esp2013Bands, matchEsp2013 } from './dsr.js';
export type { BandMatch } from './dsr.js';
export { levelLabel, limitColumns, limitNames } from './limit-columns.js';
export { quantileOrder } from './sii.js';
export type {
  IndicatorCell,
  IndicatorMethod,
  IndicatorOptions,
  IndicatorOutput,
  IndicatorRow,
} from './output.js';
export type { IndicatorTable } from './table.js';

/** The indicator methods, by name. */
export const INDICATOR_METHODS: Readonly<Record<string, IndicatorMethod>> = {
  byars: byarsMethod,
  dsr: dsrMethod,
  isr: isrMethod('ratio'),
  israte: isrMethod('rate'),
  le: leMethod,
  mean: meanMethod,
  proportion: proportionMethod,
  rate: rateMethod,
  sii: siiMethod,
  wilson: wilsonMethod,
};

/** The method names, sorted. */
export const INDICATOR_METHOD_NAMES: readonly string[] = Object.keys(INDICATOR_METHODS).sort();

/**
 * Indicator `method`, ready to compute: it refuses a table with no data rows, then applies the
 * method's own rules.
 * @throws InputError for an unknown method name
 */
export function indicatorMethod(method: string): IndicatorMethod {
  const compute = INDICATOR_METHODS[method];
  if (!compute) throw invalidValue('method', `one of ${INDICATOR_METHOD_NAMES.join(', ')}`, method);
  return (table: IndicatorTable, options: IndicatorOptions): IndicatorOutput => {
    requireRows(table);
    return compute(table, options);
  };
}
