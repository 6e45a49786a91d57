/**
 * OHID Fingertips life expectancy at birth by local authority and sex (indicator 90366,
 * three-year periods 2015-17 … 2023-25, April 2023 boundaries), read from the raw file.
 */
import { readCsv } from './raw-csv.js';

/** England's ONS code. */
export const ENGLAND_CODE = 'E92000001';
const FILE = 'ohid-fingertips-le-by-la-sex/life_expectancy.csv';

/** Life expectancy at birth of one period, years (NaN where the source gives NA). */
export interface SexValues {
  male: number;
  female: number;
}

/** Area code → last year of the period (e.g. 2019 for "2017 - 19") → life expectancy by sex. */
export function readLifeExpectancy(root: string): Map<string, Map<number, SexValues>> {
  const out = new Map<string, Map<number, SexValues>>();
  for (const row of readCsv(root, FILE)) {
    const code = row.area_code ?? '';
    const match = /^(\d{4}) - (\d{2})$/.exec(row.period ?? '');
    if (!match)
      throw new Error(`life expectancy ${code}: period "${row.period ?? ''}" is not "YYYY - YY"`);
    const endYear = Number(match[1]!.slice(0, 2) + match[2]!);
    const text = row.value ?? '';
    const value = text === 'NA' || text === '' ? NaN : Number(text);
    if (Number.isNaN(value) && text !== 'NA' && text !== '')
      throw new Error(
        `life expectancy ${code} ${row.period ?? ''}: value "${text}" is not a number`,
      );
    const byPeriod = out.get(code) ?? new Map<number, SexValues>();
    const entry = byPeriod.get(endYear) ?? { male: NaN, female: NaN };
    if (row.inequality === 'Male') entry.male = value;
    else if (row.inequality === 'Female') entry.female = value;
    else
      throw new Error(
        `life expectancy ${code}: sex "${row.inequality ?? ''}" is not Male or Female`,
      );
    byPeriod.set(endYear, entry);
    out.set(code, byPeriod);
  }
  return out;
}
