/**
 * An indicator input table (header and string cells, as read from a CSV) and the rules for
 * its cells: required columns, numbers with missing values (empty or `NA`), at least one row.
 */
import { invalidCell, invalidValue, missingColumn } from '../../engine/errors.js';

/** A parsed input table. Row numbers in messages count the header as row 1. */
export interface IndicatorTable {
  /** The file name as given on the command line (for messages). */
  readonly file: string;
  /** Header names. */
  readonly columns: readonly string[];
  /** Data rows, each as long as the header. */
  readonly rows: readonly (readonly string[])[];
}

/** The file row number (header = row 1) of data row `i`. */
export function fileRow(i: number): number {
  return i + 2;
}

/**
 * Refuses a table with a header and no data rows: every method needs at least one.
 * @throws InputError naming the file
 */
export function requireRows(table: IndicatorTable): void {
  if (table.rows.length === 0)
    throw invalidValue(table.file, 'at least one data row below the header', 0);
}

/** Whether the table has `column`. */
export function hasColumn(table: IndicatorTable, column: string): boolean {
  return table.columns.includes(column);
}

/** The index of a required column, or a missing-column error. */
export function columnIndex(table: IndicatorTable, column: string): number {
  const index = table.columns.indexOf(column);
  if (index < 0) throw missingColumn(table.file, column, table.columns);
  return index;
}

/** The trimmed text of `column` in data row `i`. */
export function cellText(table: IndicatorTable, i: number, column: number): string {
  return (table.rows[i]?.[column] ?? '').trim();
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
export function numberColumn(
  table: IndicatorTable,
  column: string,
  rule: NumberRule = {},
): Float64Array {
  const j = columnIndex(table, column);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    const text = row[j] ?? '';
    const rowNumber = fileRow(i);
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

/** Most row numbers a note lists before it only counts the rest. */
const MAX_LISTED_ROWS = 10;

/**
 * A note naming the rows of `rows` where `values` is missing and was read as 0, or undefined
 * when none is.
 */
export function missingAsZeroNote(
  table: IndicatorTable,
  column: string,
  values: Float64Array,
  rows: readonly number[],
): string | undefined {
  const missing = rows.filter((i) => Number.isNaN(values[i] ?? NaN)).map(fileRow);
  if (missing.length === 0) return undefined;
  const listed = missing.slice(0, MAX_LISTED_ROWS).join(', ');
  const more =
    missing.length > MAX_LISTED_ROWS ? ` and ${missing.length - MAX_LISTED_ROWS} more` : '';
  const noun = missing.length === 1 ? 'row' : 'rows';
  return `${table.file}: column "${column}" is missing (empty or NA) on ${noun} ${listed}${more}; read as 0`;
}
