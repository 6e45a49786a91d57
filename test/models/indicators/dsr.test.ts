import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { ESP2013 } from '../../../engine/stats/index.js';
import {
  ESP2013_BAND_LABELS,
  type IndicatorTable,
  indicatorMethod,
} from '../../../models/indicators/index.js';
import { AREA_COUNTS, AREA_POPS } from '../../engine/stats/helpers.js';
import { DEFAULT_OPTIONS } from './options.js';

const OPTIONS = DEFAULT_OPTIONS;

const dsr = indicatorMethod('dsr');

/** The 19 bands of the helper area as rows `[ageband, count, pop]`, labels as given. */
function bandRows(labels: readonly string[] = ESP2013_BAND_LABELS): string[][] {
  return labels.map((label, b) => [label, String(AREA_COUNTS[b]), String(AREA_POPS[b])]);
}

function table(rows: readonly (readonly string[])[], columns = ['ageband', 'count', 'pop']) {
  return { file: 'deaths.csv', columns, rows } satisfies IndicatorTable;
}

/** Deterministic permutation: row b goes to position (7·b + 3) mod n. */
function shuffled<T>(rows: readonly T[]): T[] {
  const out = new Array<T>(rows.length);
  rows.forEach((row, b) => (out[(7 * b + 3) % rows.length] = row));
  return out;
}

/** The error `f` throws (or fails the test). */
function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('dsr indicator: age bands matched by label', () => {
  it('gives the known DSR whatever the row order or the spelling of the bands', () => {
    const inOrder = dsr(table(bandRows()), OPTIONS);
    // 630.1819610718875 per 100000: the engine's known answer for these bands (mpmath).
    expect(inOrder.rows[0]!.value).toBeCloseTo(630.1819610718875, 10);
    const padded = ESP2013_BAND_LABELS.map((l, b) =>
      b === 18 ? '90 and over' : l.replace(/\d+/g, (d) => d.padStart(2, '0')),
    );
    for (const rows of [shuffled(bandRows()), shuffled(bandRows(padded))]) {
      expect(rows[0]).not.toEqual(bandRows()[0]);
      expect(dsr(table(rows), OPTIONS).rows).toEqual(inOrder.rows);
    }
  });
  it('refuses an unknown band naming file, row, column, expected and actual', () => {
    const rows = bandRows();
    rows[4]![0] = 'banana';
    const error = thrown(() => dsr(table(rows), OPTIONS));
    expect(error.message).toBe(
      'deaths.csv, row 6, column "ageband": expected an ESP2013 age band 0-4, 5-9, …, 85-89, 90+ (also written 00-04, "0 to 4", "90 and over", "90plus"), found "banana"',
    );
  });
  it('refuses a band given twice in a group, and a group missing bands', () => {
    const rows = [...bandRows(), ['05-09', '1', '100']];
    const error = thrown(() => dsr(table(rows), OPTIONS));
    expect(error.message).toBe(
      'deaths.csv, row 21, column "ageband": expected each ESP2013 band once in group (all rows), but band 5-9 is already on row 3, found "05-09"',
    );
    const short = thrown(() => dsr(table(bandRows().slice(0, 17)), OPTIONS));
    expect(short.message).toMatch(/group \(all rows\): has 17 age bands; .* missing 85-89, 90\+/);
  });
  it('needs the ageband column with the default standard, not with a stdpop column', () => {
    const noBand = bandRows().map(([, c, p]) => [c!, p!]);
    expect(thrown(() => dsr(table(noBand, ['count', 'pop']), OPTIONS)).message).toMatch(
      /missing column "ageband"/,
    );
    const withStd = bandRows().map(([, c, p], b) => [c!, p!, String(ESP2013[b])]);
    const out = dsr(table(withStd, ['count', 'pop', 'stdpop']), OPTIONS);
    expect(out.rows[0]!.value).toBeCloseTo(630.1819610718875, 10);
  });
  it('says which rows had a missing count or population read as 0', () => {
    const rows = bandRows();
    rows[0]![1] = 'NA';
    rows[3]![1] = '';
    const out = dsr(table(rows), OPTIONS);
    expect(out.notes).toEqual([
      'deaths.csv: column "count" is missing (empty or NA) on rows 2, 5; read as 0',
    ]);
    expect(dsr(table(bandRows()), OPTIONS).notes).toEqual([]);
  });
  it('matches frequency rows by band label too', () => {
    // Persons with 1 and 2 events per band; shuffled rows give the same rate.
    const rows = ESP2013_BAND_LABELS.flatMap((label, b) => [
      [label, '1', String(AREA_COUNTS[b]), String(AREA_POPS[b])],
      [label, '2', String(b % 3), String(AREA_POPS[b])],
    ]);
    const columns = ['ageband', 'freq', 'persons', 'pop'];
    const options = { ...OPTIONS, frequencies: true };
    const inOrder = dsr(table(rows, columns), options);
    expect(inOrder.rows[0]!.total_count).toBe(560 + 2 * 18);
    expect(dsr(table(shuffled(rows), columns), options).rows).toEqual(inOrder.rows);
    const twice = [...rows, ['5-9', '2', '1', '100']];
    expect(thrown(() => dsr(table(twice, columns), options)).message).toMatch(
      /row 40, column "ageband": .*band 5-9 at frequency 2 is already on row 5/,
    );
  });
  it('refuses a file with a header and no rows', () => {
    expect(thrown(() => dsr(table([]), OPTIONS)).message).toBe(
      'deaths.csv: expected at least one data row below the header, found 0',
    );
  });
});
