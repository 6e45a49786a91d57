/**
 * `dsr`: directly standardised rates per group (Dobson limits), for independent events (a
 * count per age band) or non-independent events (`--frequencies`: persons per band and event
 * frequency), with the rules of PHEindicatormethods `calculate_dsr`:
 * * With the default standard (ESP2013) every row names its band in `ageband`, matched by
 *   label, never by position: each band once per group (once per band and frequency), all 19
 *   present. With a `stdpop` column each row carries its own standard weight.
 * * A missing count, population or standard weight is read as 0, and a note says where.
 * * The rate and its limits are suppressed (NA) when the total count is below 10.
 */
import { invalidCell, invalidGroup } from '../../engine/errors.js';
import {
  type DsrEstimate,
  DSR_MIN_COUNT,
  dsr,
  dsrNonIndependent,
  ESP2013,
} from '../../engine/stats/index.js';
import { esp2013Band, ESP2013_BAND_LABELS, ESP2013_SPELLINGS } from './age-bands.js';
import { groupLabel, groupRows, pick } from './groups.js';
import { limitNames } from './limit-columns.js';
import { groupCells, type IndicatorMethod, limitCells, outputColumns } from './output.js';
import {
  cellText,
  columnIndex,
  fileRow,
  hasColumn,
  type IndicatorTable,
  missingAsZeroNote,
  numberColumn,
} from './table.js';

/** The `statistic` cell of a DSR: says when the rate was suppressed for a small count. */
export function dsrStatistic(est: DsrEstimate, multiplier: number): string {
  return Number.isNaN(est.value) && est.totalCount < DSR_MIN_COUNT
    ? `dsr NA for total count < ${DSR_MIN_COUNT}`
    : `dsr per ${multiplier}`;
}

/**
 * The ESP2013 band index of every row, from its `ageband` label.
 * @throws InputError naming file, row and column for a label that is no ESP2013 band
 */
export function esp2013Bands(table: IndicatorTable): Int32Array {
  const j = columnIndex(table, 'ageband');
  return Int32Array.from(table.rows, (_, i) => {
    const band = esp2013Band(cellText(table, i, j));
    if (band === undefined)
      throw invalidCell(table.file, fileRow(i), 'ageband', ESP2013_SPELLINGS, table.rows[i]?.[j]);
    return band;
  });
}

/** A group's rows matched to its age bands. */
export interface BandMatch {
  /**
   * The group's rows in band order (then by frequency), so that sums do not depend on the
   * order of the file's rows.
   */
  readonly rows: readonly number[];
  /** Band index of each of `rows`. */
  readonly bandOf: Int32Array;
  /** The first row of each band, in band order (0-4 first). */
  readonly bandRows: number[];
}

/**
 * Matches the rows of one group to the 19 ESP2013 bands by label.
 * @param table - the input (for messages)
 * @param label - the group's label (for messages)
 * @param bands - band index of every row of the table ({@link esp2013Bands})
 * @param rows - the group's rows
 * @param frequencies - with non-independent events, each row's event frequency: a band then
 *   repeats once per frequency
 * @throws InputError for a band given twice (twice at one frequency) or a band missing
 */
export function matchEsp2013(
  table: IndicatorTable,
  label: string,
  bands: Int32Array,
  rows: readonly number[],
  frequencies?: Float64Array,
): BandMatch {
  const bandRows = new Array<number>(ESP2013.length).fill(-1);
  const seen = new Map<string, number>();
  const j = columnIndex(table, 'ageband');
  rows.forEach((i) => {
    const b = bands[i] ?? -1;
    const key = frequencies ? `${b}/${frequencies[i]}` : String(b);
    const before = seen.get(key);
    if (before !== undefined) {
      const what = frequencies
        ? `band ${ESP2013_BAND_LABELS[b]} at frequency ${frequencies[i]}`
        : `band ${ESP2013_BAND_LABELS[b]}`;
      throw invalidCell(
        table.file,
        fileRow(i),
        'ageband',
        `each ESP2013 band once in group ${label}, but ${what} is already on row ${fileRow(before)}`,
        table.rows[i]?.[j],
      );
    }
    seen.set(key, i);
    if (bandRows[b] === -1) bandRows[b] = i;
  });
  const missing = ESP2013_BAND_LABELS.filter((_, b) => bandRows[b] === -1);
  if (missing.length > 0) {
    throw invalidGroup(
      table.file,
      label,
      `has ${ESP2013.length - missing.length} age bands; the default standard (--standard esp2013) needs the 19 ESP2013 bands 0-4 … 90+, missing ${missing.join(', ')} (or give a stdpop column)`,
    );
  }
  const byBand = (a: number, b: number): number =>
    (bands[a] ?? 0) - (bands[b] ?? 0) || (frequencies?.[a] ?? 0) - (frequencies?.[b] ?? 0);
  const ordered = [...rows].sort(byBand);
  return { rows: ordered, bandOf: Int32Array.from(ordered, (i) => bands[i] ?? -1), bandRows };
}

/** Bands of a group by their labels in first-seen order (a stdpop column gives the weights). */
function labelledBands(table: IndicatorTable, rows: readonly number[]): BandMatch {
  const j = columnIndex(table, 'ageband');
  const seen = new Map<string, number>();
  const bandRows: number[] = [];
  const bandOf = Int32Array.from(rows, (i) => {
    const label = cellText(table, i, j);
    let b = seen.get(label);
    if (b === undefined) {
      b = bandRows.length;
      seen.set(label, b);
      bandRows.push(i);
    }
    return b;
  });
  return { rows, bandOf, bandRows };
}

/** Directly standardised rates per group with Dobson limits. */
export const dsrMethod: IndicatorMethod = (table, options) => {
  const multiplier = options.multiplier ?? 100_000;
  const groups = groupRows(table, options.groupBy);
  const read = (column: string) => numberColumn(table, column, { nonNegative: true });
  const pops = read('pop');
  const stdpop = hasColumn(table, 'stdpop') ? read('stdpop') : undefined;
  const counts = options.frequencies ? undefined : read('count');
  const freq = options.frequencies ? read('freq') : undefined;
  const persons = options.frequencies ? read('persons') : undefined;
  // Without a stdpop column the weights are ESP2013's, found by each row's band label.
  const bands = stdpop ? undefined : esp2013Bands(table);
  const allRows = table.rows.map((_, i) => i);
  const notes: string[] = [];
  const inputs: [string, Float64Array | undefined][] = [
    ['count', counts],
    ['freq', freq],
    ['persons', persons],
    ['pop', pops],
    ['stdpop', stdpop],
  ];
  for (const [column, values] of inputs) {
    const note = values && missingAsZeroNote(table, column, values, allRows);
    if (note) notes.push(note);
  }
  const dsrOptions = { levels: options.levels, multiplier };
  return {
    columns: outputColumns(groups, [
      'total_count',
      'total_pop',
      'value',
      ...limitNames(options.levels),
    ]),
    rows: groups.rows.map((rows, g) => {
      const label = groupLabel(groups, g);
      let est: DsrEstimate;
      if (freq && persons) {
        const match = bands
          ? matchEsp2013(table, label, bands, rows, freq)
          : labelledBands(table, rows);
        est = dsrNonIndependent(
          {
            bandOf: match.bandOf,
            frequencies: pick(freq, match.rows),
            persons: pick(persons, match.rows),
          },
          pick(pops, match.bandRows),
          stdpop ? pick(stdpop, match.bandRows) : ESP2013,
          dsrOptions,
        );
      } else {
        const bandRows = bands ? matchEsp2013(table, label, bands, rows).bandRows : rows;
        est = dsr(
          pick(counts ?? new Float64Array(0), bandRows),
          pick(pops, bandRows),
          stdpop ? pick(stdpop, bandRows) : ESP2013,
          dsrOptions,
        );
      }
      return {
        ...groupCells(groups, g),
        total_count: est.totalCount,
        total_pop: est.totalPop,
        value: est.value,
        ...limitCells(est.limits),
        statistic: dsrStatistic(est, multiplier),
        method: 'Dobson',
      };
    }),
    notes,
  };
};
