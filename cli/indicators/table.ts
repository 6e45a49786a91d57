/**
 * Reading an indicator input CSV into an indicator table (header and string cells); the rules
 * for its cells are models/indicators.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// csv-parse rather than split(','): area names such as "Bristol, City of" arrive quoted
// (RFC 4180), and a parser also reports ragged rows with their line number.
import { parse } from 'csv-parse/sync';
import { unreadableFile } from '../../engine/errors.js';
import type { IndicatorTable } from '../../models/indicators/index.js';

/** Reads and parses `file` (relative to `cwd`). */
export function readCsv(file: string, cwd: string): IndicatorTable {
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
