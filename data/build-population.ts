/**
 * ONS mid-year population estimates by local authority, sex and single year of age, read from
 * the raw files for the data build:
 * - the Census-2021-rebased series on April 2023 boundaries, 2001-2023, by sex (the engine's
 *   population: `ons-mye-lad23-syoa-sex-2001-2023`);
 * - the pre-Census persons series on April 2021 boundaries, 2001-2020
 *   (`ons-la-population-syoa-1997-2020`), kept only where former districts must be weighted
 *   (deprivation scores of merged districts) and for the UK countries' totals.
 */
import { AGES, isEnglishLad, num, readCsv } from './raw-csv.js';

/** First year whose population estimates are complete (1997-2000 lack ages 85+). */
const FIRST_POP_YEAR = 2001;
const REBASED = 'ons-mye-lad23-syoa-sex-2001-2023/mye_2001_2023_lad23_syoa_sex.csv';

/** Population by area × year × age, one series per sex, from the rebased estimates. */
export interface PopulationBySex {
  /** April 2023 local authorities: code → name. */
  readonly lads: Map<string, string>;
  readonly years: number[];
  /** `[(year − first)·91 + age]` persons, per LAD. */
  readonly male: Map<string, Float64Array>;
  readonly female: Map<string, Float64Array>;
  /** Totals of the ONS ICB estimates (all ages, both sexes) by year, per ICB code. */
  readonly icbTotals: Map<string, Float64Array>;
  /** England's published totals (all ages) by sex and year. */
  readonly england: { readonly male: Float64Array; readonly female: Float64Array };
}

const cache = new Map<string, PopulationBySex>();

/** The rebased estimates by LAD (April 2023 codes), sex, year 2001-2023 and age. */
export function buildPopulationBySex(root: string): PopulationBySex {
  const hit = cache.get(root);
  if (hit) return hit;
  const rows = readCsv(root, REBASED);
  const header = Object.keys(rows[0] ?? {});
  const years = header
    .filter((c) => c.startsWith('population_'))
    .map((c) => Number(c.slice('population_'.length)));
  if (years[0] !== FIRST_POP_YEAR || years.some((y, i) => y !== FIRST_POP_YEAR + i))
    throw new Error(`population: expected consecutive years from ${FIRST_POP_YEAR}`);
  const n = years.length;
  const lads = new Map<string, string>();
  const male = new Map<string, Float64Array>();
  const female = new Map<string, Float64Array>();
  const icbTotals = new Map<string, Float64Array>();
  const england = { male: new Float64Array(n), female: new Float64Array(n) };
  for (const row of rows) {
    const code = row.area_code ?? '';
    const where = `population ${code}`;
    const age = num(row, 'age', where);
    const sex = row.sex;
    if (sex !== 'M' && sex !== 'F') throw new Error(`${where}: sex ${sex} is not M or F`);
    if (row.area_type === 'LAD') {
      if (!isEnglishLad(code)) throw new Error(`${where}: not an English local authority`);
      lads.set(code, row.area_name ?? code);
      const bySex = sex === 'M' ? male : female;
      let series = bySex.get(code);
      if (!series) bySex.set(code, (series = new Float64Array(n * AGES)));
      for (let k = 0; k < n; ++k)
        series[k * AGES + age] = num(row, `population_${years[k]}`, where);
    } else if (row.area_type === 'ICB' || row.area_type === 'Country') {
      let totals = row.area_type === 'ICB' ? icbTotals.get(code) : undefined;
      if (row.area_type === 'ICB' && !totals) icbTotals.set(code, (totals = new Float64Array(n)));
      if (row.area_type === 'Country') totals = sex === 'M' ? england.male : england.female;
      for (let k = 0; k < n; ++k)
        totals![k] = totals![k]! + num(row, `population_${years[k]}`, where);
    }
  }
  for (const code of lads.keys())
    if (!male.has(code) || !female.has(code)) throw new Error(`population: ${code} lacks one sex`);
  const built: PopulationBySex = { lads, years, male, female, icbTotals, england };
  cache.set(root, built);
  return built;
}

/** Persons (both sexes) by LAD (April 2023 codes) × year × age, from the rebased estimates. */
export function buildPopulation(root: string): {
  lads: Map<string, string>;
  years: number[];
  pop: Map<string, Float64Array>;
} {
  const bySex = buildPopulationBySex(root);
  const pop = new Map<string, Float64Array>();
  for (const [code, m] of bySex.male) {
    const f = bySex.female.get(code)!;
    pop.set(
      code,
      m.map((v, i) => v + f[i]!),
    );
  }
  return { lads: bySex.lads, years: bySex.years, pop };
}

/**
 * Persons all ages of every English district in the pre-Census series (April 2021 codes,
 * including those merged in 2023), for one year.
 */
export function formerDistrictTotals(root: string, year: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of readCsv(root, 'ons-la-population-syoa-1997-2020/la_pop_estimates.csv')) {
    const code = row.code ?? '';
    if (!isEnglishLad(code) || num(row, 'year', `population ${code}`) !== year) continue;
    let total = num(row, 'Aged 90+', `population ${code} ${year}`);
    for (let a = 0; a < 90; ++a) total += num(row, `Age ${a}`, `population ${code} ${year}`);
    out.set(code, total);
  }
  return out;
}
