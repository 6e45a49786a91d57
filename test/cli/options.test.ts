import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import {
  parseFormat,
  parseOutputFormat,
  parseSummaryFormat,
  SUMMARY_FORMATS,
} from '../../cli/options.js';

/** The message of the InputError `f` throws. */
function message(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('--format parsers', () => {
  it('accept every format they offer, in any case', () => {
    expect(SUMMARY_FORMATS.map(parseSummaryFormat)).toEqual(['table', 'wide', 'csv', 'json']);
    expect(parseSummaryFormat(' Wide ')).toBe('wide');
    expect(parseOutputFormat('CSV')).toBe('csv');
    expect(parseOutputFormat(undefined)).toBe('table');
  });
  it('list every valid format when refusing one', () => {
    expect(message(() => parseSummaryFormat('xml'))).toBe(
      'option --format: expected one of table, wide, csv, json, found "xml"',
    );
    expect(message(() => parseOutputFormat('xml'))).toBe(
      'option --format: expected one of table, csv, json, found "xml"',
    );
    expect(message(() => parseFormat('--to', 'xml', ['arrow', 'csv']))).toBe(
      'option --to: expected one of arrow, csv, found "xml"',
    );
  });
});
