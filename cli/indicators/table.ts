/**
 * Reading an indicator input CSV and its cells: header check, numeric cells with missing
 * values (empty or `NA`), and grouping rows by the `--group-by` columns.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// csv-parse rather than split(','): area names such as "Bristol, City of" arrive quoted
// (RFC 4180), and a parser also reports ragged rows with their line number.
import { parse } from 'csv-parse/sync';
import { invalidCell, missingColumn, unreadableFile } from '../../engine/errors.js';

/** A parsed CSV: header and string cells. Row numbers in messages count the header as row 1. */
export interface CsvTable {
  /** The file name as given on the command line (for messages). */
  readonly file: string;
  /** Header names. */
  readonly columns: readonly string[];
  /** Data rows, each as long as the header. */
  readonly rows: readonly (readonly string[])[];
}

/** Reads and parses `file` (relative to `cwd`). */
export function readCsv(file: string, cwd: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error: unknown) {
    throw unreadableFile(file, error);
  }
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { bom: true, skip_empty_lines: true });
    records = parsed as string[][];
  } catch (error: unknown) {
    throw unreadableFile(file, error);
  }
  const [header, ...rows] = records;
  if (!header) throw unreadableFile(file, new Error('no header row'));
  return { file, columns: header.map((c) => c.trim()), rows };
}

/** Whether the table has `column`. */
export function hasColumn(table: CsvTable, column: string): boolean {
  return table.columns.includes(column);
}

/** The index of a required column, or a missing-column error. */
export function columnIndex(table: CsvTable, column: string): number {
  const index = table.columns.indexOf(column);
  if (index < 0) throw missingColumn(table.file, column, table.columns);
  return index;
}

/** What a numeric column may hold. */
export interface NumberRule {
  /** Reject negative numbers (counts, populations). */
  readonly nonNegative?: boolean;
  /** Reject zero and negative numbers. */
  readonly positive?: boolean;
  /** Reject empty / `NA` cells instead of reading them as NaN. */
  readonly required?: boolean;
}

/** Whether a cell is a missing value: empty or `NA`. */
export function isMissingCell(text: string): boolean {
  const t = text.trim();
  return t === '' || t === 'NA';
}

/**
 * Reads a numeric column; a missing cell is NaN unless `rule.required`.
 * @throws InputError naming file, row and column for text, or a value the rule forbids
 */
export function numberColumn(table: CsvTable, column: string, rule: NumberRule = {}): Float64Array {
  const j = columnIndex(table, column);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    const text = row[j] ?? '';
    const rowNumber = i + 2;
    if (isMissingCell(text)) {
      if (rule.required) throw invalidCell(table.file, rowNumber, column, 'a number', text);
      out[i] = NaN;
      return;
    }
    const value = Number(text.trim());
    if (!Number.isFinite(value)) throw invalidCell(table.file, rowNumber, column, 'a number', text);
    if (rule.positive && !(value > 0))
      throw invalidCell(table.file, rowNumber, column, 'a number > 0', text);
    if (rule.nonNegative && value < 0)
      throw invalidCell(table.file, rowNumber, column, 'a number ≥ 0', text);
    out[i] = value;
  });
  return out;
}

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
export function groupRows(table: CsvTable, columns: readonly string[], perRow = false): Groups {
  const indices = columns.map((c) => columnIndex(table, c));
  const n = table.rows.length;
  const groupOf = new Int32Array(n);
  const keys: string[][] = [];
  const rows: number[][] = [];
  const lookup = new Map<string, number>();
  for (let i = 0; i < n; ++i) {
    const row = table.rows[i] ?? [];
    const values = indices.map((j) => (row[j] ?? '').trim());
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
