/**
 * Reading the raw public files under `data/raw/` (CSV with a header row), shared by every step
 * of the data build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

import { AGES } from '../engine/ages.js';

/** Single years of age in the engine: 0 … 89 and the open group 90+. */
export { AGES };

/** One CSV row, by column name. */
export type Row = Record<string, string>;

/** The rows of `data/raw/<path>` under `root`. */
export function readCsv(root: string, path: string): Row[] {
  const text = readFileSync(join(root, 'data', 'raw', path), 'utf8');
  return parse<Row>(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
}

/** The number in `row[column]`, or an error naming `where`, the column and the text. */
export function num(row: Row, column: string, where: string): number {
  const text = row[column];
  const value = text === undefined || text === '' ? NaN : Number(text);
  if (!Number.isFinite(value))
    throw new Error(`${where}: column ${column} is not a number: ${text}`);
  return value;
}

/** Whether `code` is an English local authority district (E06, E07, E08 or E09). */
export function isEnglishLad(code: string): boolean {
  return /^E0[6789]/.test(code);
}
