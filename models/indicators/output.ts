/**
 * What an indicator method takes and gives: resolved options, and output rows keyed by column
 * name (group columns, the method's columns, then `statistic` and `method`) with notes.
 */
import type { ConfidenceLimits, EstimateColumns, SiiValueType } from '../../engine/stats/index.js';
import type { Groups } from './groups.js';
import { limitColumns, limitNames } from './limit-columns.js';
import type { IndicatorTable } from './table.js';

/** Resolved options of an indicator method (defaults applied). */
export interface IndicatorOptions {
  /** Confidence levels in percent. */
  readonly levels: readonly number[];
  /** Group columns. */
  readonly groupBy: readonly string[];
  /** The multiplier given, or undefined for the method's default. */
  readonly multiplier: number | undefined;
  /** dsr: non-independent events (columns ageband, freq, persons). */
  readonly frequencies: boolean;
  /** isr/israte: reference rows matched to each group by position. */
  readonly reference: IndicatorTable | undefined;
  /** isr/israte: observed totals per group. */
  readonly observed: IndicatorTable | undefined;
  /** isr: 1 or 100. */
  readonly refValue: number;
  /** sii: the `se` column gives standard errors. */
  readonly se: boolean;
  /** sii: 0 plain, 1 rate (log), 2 proportion (logit). */
  readonly valueType: SiiValueType;
  /** sii: regress on the transformed scale. */
  readonly transform: boolean;
  /** sii: add the RII and its limits. */
  readonly rii: boolean;
  /** sii: add the intercept. */
  readonly intercept: boolean;
  /** sii: simulated repetitions. */
  readonly repetitions: number;
  /** sii: seed of the simulation. */
  readonly seed: string;
}

/** A cell of an output row; NaN or null is a missing value. */
export type IndicatorCell = string | number | null;

/** One output row, keyed by column name. */
export type IndicatorRow = Readonly<Record<string, IndicatorCell>>;

/** Output of a method: column names, rows, and notes for the user (e.g. missing read as 0). */
export interface IndicatorOutput {
  readonly columns: readonly string[];
  readonly rows: readonly IndicatorRow[];
  readonly notes: readonly string[];
}

/** One indicator method: a validated table and resolved options in, output rows out. */
export type IndicatorMethod = (table: IndicatorTable, options: IndicatorOptions) => IndicatorOutput;

/** Limit cells of one estimate. */
export function limitCells(
  limits: readonly ConfidenceLimits[],
  prefix = '',
): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const l of limits) {
    const [lower, upper] = limitColumns(l.level, prefix);
    cells[lower] = l.lower;
    cells[upper] = l.upper;
  }
  return cells;
}

/** Limits of every level, all NaN (a suppressed estimate). */
export function missingLimits(levels: readonly number[]): ConfidenceLimits[] {
  return levels.map((level) => ({ level, lower: NaN, upper: NaN }));
}

/** Limit cells of element `i` of estimate columns. */
export function columnLimits(out: EstimateColumns, i: number): ConfidenceLimits[] {
  return out.limits.map((l) => ({
    level: l.level,
    lower: l.lower[i] ?? NaN,
    upper: l.upper[i] ?? NaN,
  }));
}

/** The group-column cells of group `g`. */
export function groupCells(groups: Groups, g: number): Record<string, string> {
  const cells: Record<string, string> = {};
  groups.columns.forEach((c, j) => (cells[c] = groups.keys[g]?.[j] ?? ''));
  return cells;
}

/** Output columns: group columns, the method's columns, then statistic and method. */
export function outputColumns(groups: Groups, columns: readonly string[]): string[] {
  return [...groups.columns, ...columns, 'statistic', 'method'];
}

/** Rows of `value` and limits per group (proportion, rate). */
export function valueOutput(
  groups: Groups,
  levels: readonly number[],
  out: EstimateColumns,
  statistic: (g: number) => string,
  method: (g: number) => string | null,
): IndicatorOutput {
  return {
    columns: outputColumns(groups, ['value', ...limitNames(levels)]),
    rows: groups.keys.map((_, g) => ({
      ...groupCells(groups, g),
      value: out.value[g] ?? NaN,
      ...limitCells(columnLimits(out, g)),
      statistic: statistic(g),
      method: method(g),
    })),
    notes: [],
  };
}

/** A row holding limits alone (byars, wilson): `limits(level)` gives [lower, upper]. */
export function limitsOnlyRow(
  groups: Groups,
  g: number,
  levels: readonly number[],
  limits: (level: number) => [number, number],
  statistic: string,
  method: string,
): IndicatorRow {
  const values = levels.map((level) => {
    const [lower, upper] = limits(level);
    return { level, lower, upper };
  });
  return { ...groupCells(groups, g), ...limitCells(values), statistic, method };
}
