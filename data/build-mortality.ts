/**
 * ONS national life tables (England, by sex) read from the raw files, and the persons death
 * rates the engine uses, for the data build.
 */
import { Table, makeVector } from 'apache-arrow';
import { strings } from './arrow-strings.js';
import { AGES, num, readCsv } from './raw-csv.js';
import { levelForLifeExpectancy } from '../engine/kernels/life-table.js';
import { readLifeExpectancy, ENGLAND_CODE } from './build-life-expectancy.js';

/** The period whose life tables spread the 85+ sex ratio over single years (PHE LE data, 2014-16). */
const LE_PERIOD = '2014-2016';
/** The newest ONS national life tables: the schedule later periods are scaled from. */
export const LATEST_TABLE = '2017-2019';
/** Source tags of the periods in mortality.arrow. */
const ONS_SOURCE = 'ONS national life tables';
const SCALED_SOURCE = `ONS ${LATEST_TABLE} scaled to OHID England life expectancy`;
/** Sex ratio by age: the latest year of the NHS spend population tables. */
const SEX_RATIO_YEAR = '2014';

export interface LifeTableRow {
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
export function sexRates(t: LifeTableRow): Float64Array {
  const out = new Float64Array(AGES);
  out.set(t.mx.subarray(0, 90));
  out[90] = 1 / t.ex90;
  return out;
}

/**
 * National death rates by sex of every ONS life-table period, then of every later three-year
 * period of the OHID life expectancy series: the 2017-19 schedule of each sex times the factor
 * for which it gives England's published life expectancy at birth of the period exactly (the
 * single-year life table of engine/kernels/life-table.ts).
 */
export function nationalRates(root: string): {
  periods: {
    period: string;
    endYear: number;
    source: string;
    male: Float64Array;
    female: Float64Array;
  }[];
  reference: { male: LifeTableRow; female: LifeTableRow };
} {
  const tables = readLifeTables(root);
  const reference = tables.get(LE_PERIOD);
  const latest = tables.get(LATEST_TABLE);
  if (!reference || !latest)
    throw new Error(`life tables: period ${LE_PERIOD} or ${LATEST_TABLE} not found`);
  const periods = [...tables.keys()].sort().map((p) => {
    const t = tables.get(p)!;
    return {
      period: p,
      endYear: Number(p.slice(5, 9)),
      source: ONS_SOURCE,
      male: sexRates(t.male),
      female: sexRates(t.female),
    };
  });
  const latestEnd = Number(LATEST_TABLE.slice(5, 9));
  const england = readLifeExpectancy(root).get(ENGLAND_CODE);
  if (!england) throw new Error('life expectancy: no England rows');
  const m0 = sexRates(latest.male);
  const f0 = sexRates(latest.female);
  for (const [endYear, le] of [...england].sort((a, b) => a[0] - b[0])) {
    if (endYear <= latestEnd) continue;
    const fm = levelForLifeExpectancy(m0, le.male);
    const ff = levelForLifeExpectancy(f0, le.female);
    periods.push({
      period: `${endYear - 2}-${endYear}`,
      endYear,
      source: SCALED_SOURCE,
      male: m0.map((v) => v * fm),
      female: f0.map((v) => v * ff),
    });
  }
  return { periods, reference: { male: reference.male, female: reference.female } };
}

export function buildMortality(root: string): { table: Table; persons: Map<string, Float64Array> } {
  const { periods: rates, reference } = nationalRates(root);
  const share = maleShare(root, reference);
  const n = rates.length * AGES;
  const period: string[] = [];
  const source: string[] = [];
  const endYear = new Int16Array(n);
  const age = new Int16Array(n);
  const mxPersons = new Float64Array(n);
  const mxMale = new Float64Array(n);
  const mxFemale = new Float64Array(n);
  const persons = new Map<string, Float64Array>();
  let i = 0;
  for (const p of rates) {
    const m = p.male;
    const f = p.female;
    const both = new Float64Array(AGES);
    for (let a = 0; a < AGES; ++a, ++i) {
      period.push(p.period);
      source.push(p.source);
      endYear[i] = p.endYear;
      age[i] = a;
      mxMale[i] = m[a]!;
      mxFemale[i] = f[a]!;
      both[a] = share[a]! * m[a]! + (1 - share[a]!) * f[a]!;
      mxPersons[i] = both[a]!;
    }
    persons.set(p.period, both);
  }
  const table = new Table({
    period: strings(period),
    end_year: makeVector(endYear),
    age: makeVector(age),
    mx_persons: makeVector(mxPersons),
    mx_male: makeVector(mxMale),
    mx_female: makeVector(mxFemale),
    source: strings(source),
  });
  return { table, persons };
}
