/**
 * ONS mid-year population estimates by local authority and single year of age, read from the
 * raw files for the data build.
 */
import { AGES, isEnglishLad, num, readCsv } from './raw-csv.js';

/** First year whose population estimates are complete (1997-2000 lack ages 85+). */
const FIRST_POP_YEAR = 2001;

/** Population by LAD (2021 codes) × year × age, from the ONS single-year-of-age estimates. */
export function buildPopulation(root: string): {
  lads: Map<string, string>;
  years: number[];
  pop: Map<string, Float64Array>;
} {
  const rows = readCsv(root, 'ons-la-population-syoa-1997-2020/la_pop_estimates.csv');
  const lads = new Map<string, string>();
  const byKey = new Map<string, Float64Array>();
  let lastYear = FIRST_POP_YEAR;
  for (const row of rows) {
    const code = row.code ?? '';
    const year = num(row, 'year', `population ${code}`);
    if (!isEnglishLad(code) || year < FIRST_POP_YEAR) continue;
    lastYear = Math.max(lastYear, year);
    const ages = new Float64Array(AGES);
    for (let a = 0; a < 90; ++a) ages[a] = num(row, `Age ${a}`, `population ${code} ${year}`);
    ages[90] = num(row, 'Aged 90+', `population ${code} ${year}`);
    byKey.set(`${code}|${year}`, ages);
    if (year === 2020) lads.set(code, row.name ?? code);
  }
  const years: number[] = [];
  for (let y = FIRST_POP_YEAR; y <= lastYear; ++y) years.push(y);
  const pop = new Map<string, Float64Array>();
  for (const code of lads.keys()) {
    const series = new Float64Array(years.length * AGES);
    years.forEach((year, i) => {
      const ages = byKey.get(`${code}|${year}`);
      if (!ages) throw new Error(`population: ${code} has no estimate for ${year}`);
      series.set(ages, i * AGES);
    });
    pop.set(code, series);
  }
  return { lads, years, pop };
}
