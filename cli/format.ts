/**
 * Output formats shared by every command: aligned text tables for people, CSV and JSON for
 * other tools. A missing value (NaN, null, undefined) is written `NA` in tables and CSV and
 * `null` in JSON, as the published indicator methods (PHEindicatormethods) do.
 */

/** A cell of an output row. */
export type Cell = string | number | null | undefined;

/** One output record, keyed by column name. */
export type OutputRow = Readonly<Record<string, Cell>>;

/** The output formats a command may offer. */
export type OutputFormat = 'table' | 'csv' | 'json';

/** Options for number formatting in tables. */
export interface TableOptions {
  /** Significant digits of numbers in tables (default 6); CSV and JSON keep full precision. */
  readonly digits?: number;
}

function isMissing(value: Cell): boolean {
  return (
    value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))
  );
}

/** The most decimals a table shows. */
const MAX_DECIMALS = 12;

/**
 * Number formats of tables, each made on first use and kept: `value.toLocaleString(locale,
 * options)` is defined as `new Intl.NumberFormat(locale, options).format(value)` and builds that
 * formatter on every call (tens of microseconds, most of a large table's time). `grouped` is
 * `toLocaleString('en-GB')`; `decimalFormat(d)` rounds to at most `d` decimals.
 */
let grouped: Intl.NumberFormat | undefined;
const decimalFormats: (Intl.NumberFormat | undefined)[] = [];

function decimalFormat(decimals: number): Intl.NumberFormat {
  let format = decimalFormats[decimals];
  if (format === undefined) {
    format = new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: 0,
      maximumFractionDigits: decimals,
    });
    decimalFormats[decimals] = format;
  }
  return format;
}

/** Formats a number for a table: integers with thousands grouping, others to `digits` significant digits. */
export function formatNumber(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NA';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) {
    grouped ??= new Intl.NumberFormat('en-GB');
    return grouped.format(value);
  }
  const abs = Math.abs(value);
  if (abs >= 1e15 || (abs !== 0 && abs < 1e-4)) return value.toExponential(digits - 1);
  // Counts of a thousand or more read best as whole numbers; smaller values keep `digits`.
  const decimals = abs >= 1000 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs || 1)));
  return decimalFormat(Math.min(decimals, MAX_DECIMALS)).format(value);
}

/** Formats rows as an aligned text table: text left-aligned, numbers right-aligned. */
export function formatTable(
  columns: readonly string[],
  rows: readonly OutputRow[],
  options: TableOptions = {},
): string {
  const digits = options.digits ?? 6;
  const cells = rows.map((row) => {
    // A number the same as the one before it in its row (every quantile of a metric the same in
    // every replicate) reuses that one's text; Object.is tells 0 from -0, which read differently.
    let last = NaN;
    let lastText = 'NA';
    return columns.map((column) => {
      const value = row[column];
      if (typeof value === 'number') {
        if (!Object.is(value, last)) {
          last = value;
          lastText = formatNumber(value, digits);
        }
        return lastText;
      }
      return isMissing(value) ? 'NA' : String(value);
    });
  });
  const numeric = columns.map((column) => rows.some((row) => typeof row[column] === 'number'));
  const widths = columns.map((column, j) =>
    Math.max(column.length, ...cells.map((line) => (line[j] ?? '').length)),
  );
  const pad = (text: string, j: number): string =>
    numeric[j] ? text.padStart(widths[j] ?? 0) : text.padEnd(widths[j] ?? 0);
  const lines = [
    columns.map((column, j) => pad(column, j)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((line) => line.map((text, j) => pad(text, j)).join('  ')),
  ];
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** A number in CSV: the shortest text that reads back as the same number (`String`), NA for NaN. */
export function csvNumber(value: number): string {
  return Number.isNaN(value) ? 'NA' : String(value);
}

/** A text field of CSV, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvText(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: Cell): string {
  if (typeof value === 'number') return csvNumber(value);
  if (isMissing(value)) return 'NA';
  return csvText(String(value));
}

/** Lines a TextLines joins at a time. */
const CHUNK_LINES = 512;

/**
 * Text built a line at a time, for outputs of many lines (tens of megabytes). Lines are joined a
 * chunk at a time as they come: a line made by concatenation is a tree of its pieces until it is
 * joined, and holding every line's tree until one final join made the garbage collector copy them
 * all (about twice the time of the whole CSV summary of every area).
 */
export class TextLines {
  readonly #chunks: string[] = [];
  readonly #lines: string[] = [];

  /** Appends `line` (without its line break). */
  push(line: string): void {
    const lines = this.#lines;
    lines.push(line);
    if (lines.length === CHUNK_LINES) {
      this.#chunks.push(lines.join('\n'));
      lines.length = 0;
    }
  }

  /** The lines so far, each ended by a line break. */
  text(): string {
    if (this.#lines.length > 0) {
      this.#chunks.push(this.#lines.join('\n'));
      this.#lines.length = 0;
    }
    // An empty last chunk ends the text with a line break within the one join, which makes a
    // flat string; appending the break would make a tree that writing it out must first copy.
    return this.#chunks.length === 0 ? '' : [...this.#chunks, ''].join('\n');
  }
}

/** The header line of CSV with `columns`. */
export function csvHeader(columns: readonly string[]): string {
  return columns.map(csvField).join(',');
}

/** Formats rows as CSV with a header line; numbers keep full precision. */
export function formatCsv(columns: readonly string[], rows: readonly OutputRow[]): string {
  const lines = new TextLines();
  lines.push(csvHeader(columns));
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return lines.text();
}

/** Formats rows as a JSON array of objects (NaN becomes null), pretty-printed. */
export function formatJson(columns: readonly string[], rows: readonly OutputRow[]): string {
  const records = rows.map((row) => {
    const record: Record<string, string | number | null> = {};
    for (const column of columns) {
      const value = row[column];
      record[column] = isMissing(value) ? null : (value as string | number);
    }
    return record;
  });
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Formats rows in `format`. */
export function formatRows(
  format: OutputFormat,
  columns: readonly string[],
  rows: readonly OutputRow[],
  options: TableOptions = {},
): string {
  switch (format) {
    case 'table':
      return formatTable(columns, rows, options);
    case 'csv':
      return formatCsv(columns, rows);
    case 'json':
      return formatJson(columns, rows);
  }
}

/** The default format: a table on a terminal, CSV when piped. */
export function defaultFormat(stdoutIsTTY: boolean): OutputFormat {
  return stdoutIsTTY ? 'table' : 'csv';
}
