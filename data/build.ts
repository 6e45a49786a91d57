/**
 * Builds the engine's data files (`data/built/*.arrow`) from the raw public files in
 * `data/raw/`. Deterministic: the same raw files give byte-identical outputs, and a test checks
 * that a rebuild reproduces the committed files. Numbers are never edited by hand: every value
 * comes from a raw file through the steps below.
 *
 * Usage: `npm run data:build` (or `node dist/data/build.js [OUT_DIR]`).
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  Dictionary,
  Int32,
  Table,
  Utf8,
  makeVector,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { packageRoot } from '../engine/io/paths.js';
import { writeFileAtomic } from '../engine/io/atomic-write.js';
import { buildDemand } from './build-demand.js';
import { buildPrevalence } from './build-prevalence.js';
import { buildGradient } from './build-gradient.js';
import { buildExamples } from './build-examples.js';
import { buildOutcomes } from './build-outcomes.js';

/** Single years of age in the engine: 0 … 89 and the open group 90+. */
export const AGES = 91;
/** First year whose population estimates are complete (1997-2000 lack ages 85+). */
const FIRST_POP_YEAR = 2001;
/** The PHE life-expectancy-by-decile data pool three years around 2015 (see PROVENANCE). */
const LE_YEARS = [2014, 2015, 2016] as const;
const LE_PERIOD = '2014-2016';
/** Sex ratio by age: the latest year of the NHS spend population tables. */
const SEX_RATIO_YEAR = '2014';

export type Row = Record<string, string>;

/** A dictionary-encoded string column (area codes, names and periods repeat a lot). */
function strings(values: readonly string[]) {
  return vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
}

export function readCsv(root: string, path: string): Row[] {
  const text = readFileSync(join(root, 'data', 'raw', path), 'utf8');
  return parse<Row>(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
}

export function num(row: Row, column: string, where: string): number {
  const text = row[column];
  const value = text === undefined || text === '' ? NaN : Number(text);
  if (!Number.isFinite(value))
    throw new Error(`${where}: column ${column} is not a number: ${text}`);
  return value;
}

export function isEnglishLad(code: string): boolean {
  return /^E0[6789]/.test(code);
}

interface LadInfo {
  code: string;
  name: string;
  region: string;
}

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

interface LifeTableRow {
  mx: Float64Array;
  lx: Float64Array;
  ex90: number;
}

/** Reads the ONS national life tables into period → sex → arrays over ages 0 … 100. */
export function readLifeTables(
  root: string,
): Map<string, { male: LifeTableRow; female: LifeTableRow }> {
  const rows = readCsv(
    root,
    'ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv',
  );
  const tables = new Map<string, { male: LifeTableRow; female: LifeTableRow }>();
  const blank = (): LifeTableRow => ({
    mx: new Float64Array(101),
    lx: new Float64Array(101),
    ex90: NaN,
  });
  for (const row of rows) {
    const period = row.period ?? '';
    let entry = tables.get(period);
    if (!entry) {
      entry = { male: blank(), female: blank() };
      tables.set(period, entry);
    }
    const sexTable = row.sex === 'male' ? entry.male : entry.female;
    const age = num(row, 'age', `life table ${period}`);
    sexTable.mx[age] = num(row, 'mx', `life table ${period} age ${age}`);
    sexTable.lx[age] = num(row, 'lx', `life table ${period} age ${age}`);
    if (age === 90) sexTable.ex90 = num(row, 'ex', `life table ${period} age 90`);
  }
  return tables;
}

/**
 * Male share of the population by single year of age 0 … 90+: from the NHS spend population
 * tables (England, ages 0-84 and 85+), with the 85+ group spread over 85 … 90+ in proportion to
 * each sex's stationary life-table population (L ≈ average of l at the two ends of the year;
 * the open group T90 = l90·e90) of the period `reference`.
 */
function maleShare(
  root: string,
  reference: { male: LifeTableRow; female: LifeTableRow },
): Float64Array {
  const rows = readCsv(
    root,
    'nhs-spend-by-age-sex-imd-asaria/nhs_spend_components_by_age_sex_imdq_long.csv',
  );
  const male = new Float64Array(86);
  const female = new Float64Array(86);
  for (const row of rows) {
    if (row.measure !== 'population' || row.year !== SEX_RATIO_YEAR) continue;
    const age = num(row, 'age', 'sex ratio');
    const value = num(row, 'value', 'sex ratio');
    if (row.sex === 'male') male[age] = (male[age] ?? 0) + value;
    else if (row.sex === 'female') female[age] = (female[age] ?? 0) + value;
  }
  const share = new Float64Array(AGES);
  for (let a = 0; a < 85; ++a) share[a] = male[a]! / (male[a]! + female[a]!);
  const stationary = (t: LifeTableRow): Float64Array => {
    const out = new Float64Array(AGES - 85);
    for (let a = 85; a < 90; ++a) out[a - 85] = (t.lx[a]! + t.lx[a + 1]!) / 2;
    out[5] = t.lx[90]! * t.ex90;
    return out;
  };
  const lm = stationary(reference.male);
  const lf = stationary(reference.female);
  const sum = (v: Float64Array): number => v.reduce((s, x) => s + x, 0);
  const m85 = male[85]! / sum(lm);
  const f85 = female[85]! / sum(lf);
  for (let a = 85; a < AGES; ++a) {
    const m = m85 * lm[a - 85]!;
    const f = f85 * lf[a - 85]!;
    share[a] = m / (m + f);
  }
  return share;
}

/** Central death rates 0 … 89 and 90+ (1/e90, the stationary open-group rate) for one sex. */
function sexRates(t: LifeTableRow): Float64Array {
  const out = new Float64Array(AGES);
  out.set(t.mx.subarray(0, 90));
  out[90] = 1 / t.ex90;
  return out;
}

export function buildMortality(root: string): { table: Table; persons: Map<string, Float64Array> } {
  const tables = readLifeTables(root);
  const reference = tables.get(LE_PERIOD) ?? tables.get('2014-2016');
  if (!reference) throw new Error(`life tables: period ${LE_PERIOD} not found`);
  const share = maleShare(root, reference);
  const periods = [...tables.keys()].sort();
  const n = periods.length * AGES;
  const period: string[] = [];
  const endYear = new Int16Array(n);
  const age = new Int16Array(n);
  const mxPersons = new Float64Array(n);
  const mxMale = new Float64Array(n);
  const mxFemale = new Float64Array(n);
  const persons = new Map<string, Float64Array>();
  let i = 0;
  for (const p of periods) {
    const t = tables.get(p)!;
    const m = sexRates(t.male);
    const f = sexRates(t.female);
    const both = new Float64Array(AGES);
    for (let a = 0; a < AGES; ++a, ++i) {
      period.push(p);
      endYear[i] = Number(p.slice(5, 9));
      age[i] = a;
      mxMale[i] = m[a]!;
      mxFemale[i] = f[a]!;
      both[a] = share[a]! * m[a]! + (1 - share[a]!) * f[a]!;
      mxPersons[i] = both[a]!;
    }
    persons.set(p, both);
  }
  const table = new Table({
    period: strings(period),
    end_year: makeVector(endYear),
    age: makeVector(age),
    mx_persons: makeVector(mxPersons),
    mx_male: makeVector(mxMale),
    mx_female: makeVector(mxFemale),
  });
  return { table, persons };
}

function buildAreas(
  root: string,
  population: ReturnType<typeof buildPopulation>,
  persons: Map<string, Float64Array>,
): Table {
  const successors = new Map<string, string>();
  for (const row of readCsv(root, 'ons-lad-code-changes/lad_successors_2019_2021.csv'))
    successors.set(row.old_code ?? '', row.new_code ?? '');
  const current = (code: string): string => successors.get(code) ?? code;
  const regionCodes = new Map<string, string>();
  const regionRows = readCsv(root, 'ons-lad-code-changes/regions.csv');
  for (const row of regionRows) regionCodes.set(row.name ?? '', row.code ?? '');

  // Region of each LAD from the QOF LSOA lookup (April 2020 codes, mapped to 2021).
  const regionOf = new Map<string, string>();
  for (const row of readCsv(root, 'hoc-qof-prevalence-2019-20/lsoa_geog_lookup.csv')) {
    const code = current(row.LAD_CODE ?? '');
    const region = regionCodes.get(row.REGION ?? '');
    if (!isEnglishLad(code) || region === undefined) continue;
    const seen = regionOf.get(code);
    if (seen !== undefined && seen !== region)
      throw new Error(`areas: ${code} lies in two regions`);
    regionOf.set(code, region);
  }

  // Deaths by LAD in the pooled LE period, summed over sexes and deciles, on 2021 codes.
  const deaths = new Map<string, number>();
  let englandDeaths = 0;
  for (const row of readCsv(root, 'phe-le-by-la-deprivation-decile/LE_testdata.csv')) {
    if (row.GeoCode === 'England') englandDeaths += num(row, 'Deaths', 'LE England');
    const code = current(row.GeoCode ?? '');
    if (!isEnglishLad(code)) continue;
    deaths.set(code, (deaths.get(code) ?? 0) + num(row, 'Deaths', `LE ${code}`));
  }
  // One district absent from the file (the City of London, whose deaths PHE publishes only
  // within England's total) gets England's deaths less every other district's.
  const absent = [...population.lads.keys()].filter((code) => !deaths.has(code));
  const remainder = englandDeaths - [...deaths.values()].reduce((t, d) => t + d, 0);
  const derived = new Set<string>();
  if (absent.length === 1 && remainder > 0) {
    deaths.set(absent[0]!, remainder);
    derived.add(absent[0]!);
  }
  // Expected deaths: the LAD's population of each pooled year × national persons rates.
  const rates = persons.get(LE_PERIOD);
  if (!rates) throw new Error(`life tables: period ${LE_PERIOD} not found`);
  const expected = new Map<string, number>();
  for (const [code, series] of population.pop) {
    let e = 0;
    for (const year of LE_YEARS) {
      const offset = population.years.indexOf(year) * AGES;
      for (let a = 0; a < AGES; ++a) e += series[offset + a]! * rates[a]!;
    }
    expected.set(code, e);
  }
  // A LAD still missing from the LE data takes its region's mortality ratio.
  const regionRatio = new Map<string, { d: number; e: number }>();
  for (const [code, d] of deaths) {
    const region = regionOf.get(code) ?? '';
    const acc = regionRatio.get(region) ?? { d: 0, e: 0 };
    acc.d += d;
    acc.e += expected.get(code) ?? 0;
    regionRatio.set(region, acc);
  }

  const codes: string[] = [];
  const names: string[] = [];
  const kinds: string[] = [];
  const parents: string[] = [];
  const sources: string[] = [];
  const leDeaths: number[] = [];
  const leExpected: number[] = [];
  const lads: LadInfo[] = [...population.lads].map(([code, name]) => {
    const region = regionOf.get(code);
    if (region === undefined) throw new Error(`areas: no region found for ${code} ${name}`);
    return { code, name, region };
  });
  lads.sort((a, b) => a.code.localeCompare(b.code));
  const push = (
    code: string,
    name: string,
    kind: string,
    parent: string,
    d: number,
    e: number,
    source: string,
  ): void => {
    codes.push(code);
    names.push(name);
    kinds.push(kind);
    parents.push(parent);
    leDeaths.push(d);
    leExpected.push(e);
    sources.push(source);
  };
  push('E92000001', 'England', 'country', '', NaN, NaN, '');
  for (const row of regionRows)
    push(row.code ?? '', row.name ?? '', 'region', 'E92000001', NaN, NaN, '');
  for (const lad of lads) {
    const e = expected.get(lad.code) ?? NaN;
    const d = deaths.get(lad.code);
    if (d !== undefined) {
      const merged = [...successors].some(([, to]) => to === lad.code);
      const source = derived.has(lad.code)
        ? 'England less other areas'
        : merged
          ? 'predecessors summed'
          : 'own';
      push(lad.code, lad.name, 'lad', lad.region, d, e, source);
    } else {
      const r = regionRatio.get(lad.region);
      if (!r) throw new Error(`areas: no mortality data for ${lad.code} or its region`);
      push(lad.code, lad.name, 'lad', lad.region, (e * r.d) / r.e, e, 'region ratio');
    }
  }
  return new Table({
    code: strings(codes),
    name: strings(names),
    kind: strings(kinds),
    parent: strings(parents),
    le_deaths: makeVector(Float64Array.from(leDeaths)),
    le_expected: makeVector(Float64Array.from(leExpected)),
    mortality_source: strings(sources),
  });
}

function populationTable(population: ReturnType<typeof buildPopulation>): Table {
  const codes = [...population.pop.keys()].sort();
  const n = codes.length * population.years.length * AGES;
  const area: string[] = new Array<string>(n);
  const year = new Int16Array(n);
  const age = new Int16Array(n);
  const value = new Float64Array(n);
  let i = 0;
  for (const code of codes) {
    const series = population.pop.get(code)!;
    population.years.forEach((y, k) => {
      for (let a = 0; a < AGES; ++a, ++i) {
        area[i] = code;
        year[i] = y;
        age[i] = a;
        value[i] = series[k * AGES + a]!;
      }
    });
  }
  return new Table({
    area: strings(area),
    year: makeVector(year),
    age: makeVector(age),
    population: makeVector(
      Int32Array.from(value, (v) => {
        if (!Number.isInteger(v)) throw new Error(`population: ${v} is not a whole number`);
        return v;
      }),
    ),
  });
}

/** The built files, by name. */
export interface BuiltData {
  readonly [file: string]: Uint8Array;
}

/** Builds every data file in memory from the raw files under `root/data/raw`. */
export function buildData(root: string = packageRoot()): BuiltData {
  const population = buildPopulation(root);
  const mortality = buildMortality(root);
  const areas = buildAreas(root, population, mortality.persons);
  return {
    'areas.arrow': tableToIPC(areas, 'file'),
    'population.arrow': tableToIPC(populationTable(population), 'file'),
    'mortality.arrow': tableToIPC(mortality.table, 'file'),
    'demand.json': new TextEncoder().encode(buildDemand(root)),
    'deprivation-gradient.json': new TextEncoder().encode(buildGradient(root)),
    'prevalence.json': new TextEncoder().encode(buildPrevalence(root)),
    'outcomes.json': new TextEncoder().encode(buildOutcomes(root)),
  };
}

/** Writes the built files to `outDir` (atomically, one by one). */
export function writeBuiltData(outDir: string, built: BuiltData): void {
  mkdirSync(outDir, { recursive: true });
  for (const [file, bytes] of Object.entries(built)) writeFileAtomic(join(outDir, file), bytes);
}

if (
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
) {
  const outDir = process.argv[2] ?? join(packageRoot(), 'data', 'built');
  const built = buildData();
  writeBuiltData(outDir, built);
  for (const [file, bytes] of Object.entries(built))
    process.stdout.write(`${file}\t${bytes.byteLength} bytes\n`);
  for (const [file, text] of buildExamples(packageRoot())) {
    writeFileAtomic(join(packageRoot(), file), new TextEncoder().encode(text));
    process.stdout.write(`${file}\t${text.length} bytes\n`);
  }
}
