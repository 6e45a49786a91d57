/**
 * Grouping the rows of an indicator table by the values of its group columns (`--group-by`),
 * and summing a column per group for the methods that work on totals.
 */
import { sumByGroup } from '../../engine/stats/index.js';
import { cellText, columnIndex, type IndicatorTable, numberColumn } from './table.js';

/** Rows grouped by the values of the group columns, in order of first appearance. */
export interface Groups {
  /** Group column names. */
  readonly columns: readonly string[];
  /** The group-column values of each group. */
  readonly keys: readonly (readonly string[])[];
  /** Row indices of each group, in file order. */
  readonly rows: readonly number[][];
  /** Group index of each row. */
  readonly groupOf: Int32Array;
}

/**
 * Groups rows by `columns`. With no columns and `perRow`, every row is its own group (methods
 * that work row by row); otherwise all rows form one group.
 */
export function groupRows(
  table: IndicatorTable,
  columns: readonly string[],
  perRow = false,
): Groups {
  const indices = columns.map((c) => columnIndex(table, c));
  const n = table.rows.length;
  const groupOf = new Int32Array(n);
  const keys: string[][] = [];
  const rows: number[][] = [];
  const lookup = new Map<string, number>();
  for (let i = 0; i < n; ++i) {
    const values = indices.map((j) => cellText(table, i, j));
    const key = columns.length === 0 && perRow ? String(i) : values.join('\u0000');
    let g = lookup.get(key);
    if (g === undefined) {
      g = keys.length;
      lookup.set(key, g);
      keys.push(values);
      rows.push([]);
    }
    rows[g]?.push(i);
    groupOf[i] = g;
  }
  return { columns, keys, rows, groupOf };
}

/** A group's label for messages: `area=E08000025, year=2020`, or `(all rows)`. */
export function groupLabel(groups: Groups, g: number): string {
  if (groups.columns.length === 0) return '(all rows)';
  const key = groups.keys[g] ?? [];
  return groups.columns.map((c, j) => `${c}=${key[j] ?? ''}`).join(', ');
}

/** The values of `column` at the rows of one group. */
export function pick(column: Float64Array, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (i) => column[i] ?? NaN);
}

/** Σ `column` per group: rows of a group are summed before methods that work on totals. */
export function groupSums(column: Float64Array, groups: Groups): Float64Array {
  return sumByGroup(column, groups.groupOf, groups.keys.length);
}

/**
 * Row-by-row or per-group totals of a numerator and denominator column (proportion, rate,
 * wilson): the rows of a group are summed; without group columns every row is its own group.
 */
export function groupTotals(
  table: IndicatorTable,
  groupBy: readonly string[],
  names: readonly [string, string],
): { groups: Groups; x: Float64Array; n: Float64Array } {
  const groups = groupRows(table, groupBy, true);
  const x = numberColumn(table, names[0], { nonNegative: true });
  const n = numberColumn(table, names[1], { nonNegative: true });
  return { groups, x: groupSums(x, groups), n: groupSums(n, groups) };
}
