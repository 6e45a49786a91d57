/**
 * Builds `data/built/outcomes.json`, the inputs of the outcomes model:
 * - `gradient`: the national age pattern of mortality by deprivation, by sex and single year of
 *   age: w(x) = ln(m_most(x)/m_least(x)), the log rate ratio of the most to the least deprived
 *   IMD 2010 quintile, England 2011-2013 (deaths and populations by quintile from the IMPACTncd
 *   inputs, ONS originals), each 5-year band's value at every age in it.
 * - `areas`: for each area of the PHE life expectancy by local deprivation decile data (keyed by
 *   the code in the data: pre-2019 district and county codes, regions and "England"), by sex, each
 *   decile's population share and level k(d), solved so that the national rates of the data's
 *   period × exp(k(d)·w(x)) give the decile's published life expectancy at birth in a
 *   single-year life table (engine/kernels/life-table.ts); the published values are kept.
 * - `treatments`: relative risk of death, uptake and annual persistence of each treatment that
 *   follows case-finding, and `cvdShareU75`, as distributions (outcomes-treatment-effects).
 * Deterministic JSON (numbers to 12 significant digits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AGES, OPEN_AGE } from '../engine/kernels/cohort.js';
import { infantSeparation, lifeTableInto, lifeTableWork } from '../engine/kernels/life-table.js';
import { LE_MAX_HALF_WIDTH, LE_START_AGES } from '../engine/stats/life-expectancy.js';
import type { Distribution } from '../engine/rng/distributions.js';

type Row = Record<string, string>;

/** Sexes in the order of the PHE file's codes (1 = male, 2 = female). */
const SEXES = ['male', 'female'] as const;
/** Deciles within an area (1 = most deprived). */
const DECILES = 10;
/** National life table whose rates anchor the decile levels: the PHE data pool about 2014-2016. */
const REFERENCE_PERIOD = '2014-2016';
/** Years of the deprivation-quintile deaths pooled for the age pattern (the file's latest three). */
const GRADIENT_YEARS = [2011, 2012, 2013] as const;
/** Quintiles of IMD 2010 in the IMPACTncd files: 1 = least deprived, 5 = most deprived. */
const LEAST = '1';
const MOST = '5';
/** z of a 95 % interval (PHE's 1.96 rounded no further): sdlog of a relative risk = (ln high − ln low)/(2·Z95). */
const Z95 = 1.959963984540054;
/** Bisection bounds and steps of a decile's level k (k = ±8 scales mortality by e^±8·w). */
const K_BOUND = 8;
const K_STEPS = 80;

const LE_FILE = 'phe-le-by-la-deprivation-decile/LE_testdata.csv';
const LIFE_TABLES = 'ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv';
const QUINTILE_DIR = 'impactncd-epidemiology-england/deaths-population-by-imd-quintile';
const TREATMENTS = 'outcomes-treatment-effects/treatment_effects.csv';

function readRows(root: string, path: string): Row[] {
  const text = readFileSync(join(root, 'data', 'raw', path), 'utf8');
  return parse<Row>(text, {
    columns: (h: string[]) => h.map((c) => c.trim()),
    bom: true,
    trim: true,
  });
}

function number(row: Row, column: string, where: string): number {
  const text = row[column];
  const value = text === undefined || text === '' ? NaN : Number(text);
  if (!Number.isFinite(value))
    throw new Error(`${where}: column ${column} is not a number: ${text}`);
  return value;
}

const round = (x: number): number => Number(x.toPrecision(12));

/** The reference period's central death rates by sex: ages 0 … 89 and 90+ = 1/e(90). */
function referenceRates(root: string): Record<(typeof SEXES)[number], Float64Array> {
  const out = { male: new Float64Array(AGES).fill(NaN), female: new Float64Array(AGES).fill(NaN) };
  for (const row of readRows(root, LIFE_TABLES)) {
    if (row.period !== REFERENCE_PERIOD) continue;
    const rates = row.sex === 'male' ? out.male : out.female;
    const age = number(row, 'age', `life table ${REFERENCE_PERIOD}`);
    if (age < OPEN_AGE) rates[age] = number(row, 'mx', `life table age ${age}`);
    else if (age === OPEN_AGE) rates[age] = 1 / number(row, 'ex', 'life table age 90');
  }
  for (const sex of SEXES)
    if (out[sex].some((m) => !(m > 0)))
      throw new Error(`life tables: period ${REFERENCE_PERIOD} lacks ${sex} rates`);
  return out;
}

/** w(x) by sex: ln(rate of the most / least deprived quintile) of each 20-band age group. */
function gradient(root: string): Record<(typeof SEXES)[number], Float64Array> {
  const deaths = readRows(root, `${QUINTILE_DIR}/deaths_by_imd2010_quintile.csv`);
  const pops = readRows(root, `${QUINTILE_DIR}/population_by_imd2010_quintile.csv`);
  // Band columns 0, 01-04, 05-09, …, 85-89, 90+ (the 20 bands of the PHE method).
  const pad = (n: number): string => String(n).padStart(2, '0');
  const bands = LE_START_AGES.map((start, i) =>
    i === 0
      ? '0'
      : start === OPEN_AGE
        ? '90+'
        : `${pad(start)}-${pad((LE_START_AGES[i + 1] ?? NaN) - 1)}`,
  );
  for (const band of bands)
    if (!(band in (deaths[0] ?? {})) || !(band in (pops[0] ?? {})))
      throw new Error(`${QUINTILE_DIR}: no column ${band}`);
  const sum = (rows: Row[], sex: string, quintile: string): Float64Array => {
    const out = new Float64Array(bands.length);
    for (const row of rows) {
      const year = number(row, 'year', QUINTILE_DIR);
      if (row.sex !== sex || row.qimd !== quintile || !GRADIENT_YEARS.some((y) => y === year))
        continue;
      bands.forEach((band, i) => (out[i] = (out[i] ?? 0) + number(row, band, QUINTILE_DIR)));
    }
    return out;
  };
  const result = { male: new Float64Array(AGES), female: new Float64Array(AGES) };
  SEXES.forEach((sex, s) => {
    const code = String(s + 1);
    const dMost = sum(deaths, code, MOST);
    const pMost = sum(pops, code, MOST);
    const dLeast = sum(deaths, code, LEAST);
    const pLeast = sum(pops, code, LEAST);
    const w = result[sex];
    for (let a = 0; a < AGES; ++a) {
      const band = LE_START_AGES.findLastIndex((start) => start <= a);
      const ratio =
        (dMost[band] ?? NaN) /
        (pMost[band] ?? NaN) /
        ((dLeast[band] ?? NaN) / (pLeast[band] ?? NaN));
      if (!(ratio > 1))
        throw new Error(
          `${QUINTILE_DIR}: ${sex} band ${band}: the most deprived rate is not above the least (${ratio})`,
        );
      w[a] = Math.log(ratio);
    }
  });
  return result;
}

/**
 * The level k with single-year e(0) of rates·exp(k·w) equal to `target` (bisection: e(0)
 * falls as k rises because every w(x) > 0).
 */
export function solveDecileLevel(
  rates: Float64Array,
  w: Float64Array,
  sex: (typeof SEXES)[number],
  target: number,
): number {
  const mx = new Float64Array(AGES);
  const ex = new Float64Array(AGES);
  const work = lifeTableWork();
  const e0 = (k: number): number => {
    for (let a = 0; a < AGES; ++a) mx[a] = (rates[a] ?? NaN) * Math.exp(k * (w[a] ?? NaN));
    return lifeTableInto(mx, infantSeparation(mx[0] ?? NaN, sex), ex, work);
  };
  let lo = -K_BOUND;
  let hi = K_BOUND;
  if (!(e0(hi) < target && target < e0(lo)))
    throw new Error(
      `outcomes: life expectancy ${target} (${sex}) is outside what k in ±${K_BOUND} reaches`,
    );
  for (let i = 0; i < K_STEPS; ++i) {
    const mid = (lo + hi) / 2;
    if (e0(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** One area's deciles for one sex in outcomes.json. */
export interface DecileEntry {
  /** Population (person-years) share of each decile, 1 … 10. */
  readonly share: number[];
  /** Level of each decile: ln rate multiplier per unit of the national gradient w(x). */
  readonly k: number[];
  /** Published life expectancy at birth of each decile (PHE). */
  readonly le: number[];
  /**
   * Deciles (1 … 10) whose published value PHE would suppress (1.96·se > 10 years): their level
   * is solved for the area's weighted linear fit of life expectancy on the deciles' population
   * mid-ranks (the slope-index regression) over the other deciles instead.
   */
  readonly suppressed: number[];
}

/**
 * Published values where 1.96·se ≤ LE_MAX_HALF_WIDTH, else the value of the population-weighted
 * least-squares line of LE on mid-rank through the other deciles.
 */
function usableValues(
  pop: readonly number[],
  le: readonly number[],
  se: readonly number[],
): {
  values: number[];
  suppressed: number[];
} {
  const total = pop.reduce((t, p) => t + p, 0);
  let cumulative = 0;
  const rank = pop.map((p) => {
    const mid = (cumulative + p / 2) / total;
    cumulative += p;
    return mid;
  });
  const keep = se.map((s) => Z95 * s <= LE_MAX_HALF_WIDTH);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  le.forEach((y, i) => {
    if (!keep[i]) return;
    const wgt = pop[i] ?? 0;
    sw += wgt;
    sx += wgt * (rank[i] ?? 0);
    sy += wgt * y;
  });
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  le.forEach((y, i) => {
    if (!keep[i]) return;
    const dx = (rank[i] ?? 0) - mx;
    sxx += (pop[i] ?? 0) * dx * dx;
    sxy += (pop[i] ?? 0) * dx * (y - my);
  });
  const slope = sxy / sxx;
  return {
    values: le.map((y, i) => (keep[i] ? y : my + slope * ((rank[i] ?? 0) - mx))),
    suppressed: keep.flatMap((k, i) => (k ? [] : [i + 1])),
  };
}

function areas(
  root: string,
  rates: Record<(typeof SEXES)[number], Float64Array>,
  w: Record<(typeof SEXES)[number], Float64Array>,
): Record<string, Record<(typeof SEXES)[number], DecileEntry>> {
  const cells = new Map<string, { pop: number[]; le: number[]; se: number[] }>();
  for (const row of readRows(root, LE_FILE)) {
    const code = row.GeoCode ?? '';
    const sex = SEXES[number(row, 'Sex', LE_FILE) - 1];
    const decile = number(row, 'Decile', LE_FILE);
    if (sex === undefined || !(decile >= 1 && decile <= DECILES))
      throw new Error(`${LE_FILE}: ${code}: sex ${row.Sex} decile ${row.Decile}`);
    const key = `${code}|${sex}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        pop: new Array<number>(DECILES).fill(NaN),
        le: new Array<number>(DECILES).fill(NaN),
        se: new Array<number>(DECILES).fill(NaN),
      };
      cells.set(key, cell);
    }
    cell.pop[decile - 1] = number(row, 'Pop', `${LE_FILE} ${code}`);
    cell.le[decile - 1] = number(row, 'LifeExp', `${LE_FILE} ${code}`);
    cell.se[decile - 1] = number(row, 'SE', `${LE_FILE} ${code}`);
  }
  const codes = [...new Set([...cells.keys()].map((key) => key.split('|')[0] ?? ''))].sort();
  const out: Record<string, Record<(typeof SEXES)[number], DecileEntry>> = {};
  for (const code of codes) {
    // An area with fewer than ten deciles (the Isles of Scilly has one) has no gradient to keep.
    const complete = SEXES.every((sex) =>
      cells.get(`${code}|${sex}`)?.le.every((v) => Number.isFinite(v)),
    );
    if (!complete) continue;
    const entry = (sex: (typeof SEXES)[number]): DecileEntry => {
      const cell = cells.get(`${code}|${sex}`);
      if (!cell || cell.le.some((v) => !Number.isFinite(v)))
        throw new Error(`${LE_FILE}: ${code} ${sex} lacks a decile`);
      const total = cell.pop.reduce((t, p) => t + p, 0);
      const { values, suppressed } = usableValues(cell.pop, cell.le, cell.se);
      return {
        share: cell.pop.map((p) => round(p / total)),
        k: values.map((le) => round(solveDecileLevel(rates[sex], w[sex], sex, le))),
        le: cell.le.map(round),
        suppressed,
      };
    };
    out[code] = { male: entry('male'), female: entry('female') };
  }
  return out;
}

/** A sourced distribution of one treatment parameter. */
interface SourcedDistribution {
  readonly distribution: Distribution;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly source: string;
}

/** A row as a distribution: lognormal from a 95 % CI of a ratio, PERT from a range. */
function sourced(row: Row): SourcedDistribution {
  const where = `${TREATMENTS} ${row.parameter} ${row.treatment}`;
  const value = number(row, 'value', where);
  const low = number(row, 'low', where);
  const high = number(row, 'high', where);
  if (!(low <= value && value <= high)) throw new Error(`${where}: value outside low … high`);
  const ci = (row.interval ?? '').startsWith('95% CI') && (row.parameter ?? '').startsWith('rr_');
  const distribution: Distribution = ci
    ? {
        dist: 'lognormal',
        meanlog: round(Math.log(value)),
        sdlog: round((Math.log(high) - Math.log(low)) / (2 * Z95)),
      }
    : { dist: 'pert', min: low, mode: value, max: high };
  return { distribution, value, low, high, source: `${row.source ?? ''} (${row.url ?? ''})` };
}

function treatments(root: string): {
  treatments: Record<string, Record<string, unknown>>;
  cvdShareU75: SourcedDistribution;
} {
  const rows = readRows(root, TREATMENTS);
  const find = (parameter: string, treatment: string): Row => {
    const row = rows.find((r) => r.parameter === parameter && r.treatment === treatment);
    if (!row) throw new Error(`${TREATMENTS}: no row ${parameter} ${treatment}`);
    return row;
  };
  const out: Record<string, Record<string, unknown>> = {};
  for (const treatment of ['antihypertensive', 'anticoagulation', 'statin']) {
    const rr = find('rr_all_cause_mortality', treatment);
    out[treatment] = {
      conditions: (rr.conditions ?? '').split(' '),
      rrAllCause: sourced(rr),
      uptake: sourced(find('uptake', treatment)),
      persistence: sourced(find('persistence_annual', treatment)),
    };
  }
  return { treatments: out, cvdShareU75: sourced(find('cvd_share_u75_deaths', '')) };
}

/** Builds outcomes.json as text. */
export function buildOutcomes(root: string): string {
  const rates = referenceRates(root);
  const w = gradient(root);
  const { treatments: t, cvdShareU75 } = treatments(root);
  const json = {
    source: {
      deciles: `${LE_FILE} (PHE, about 2015-17, pre-2019 codes); levels k solved against the ONS national life table ${REFERENCE_PERIOD}`,
      gradient: `${QUINTILE_DIR} (England ${GRADIENT_YEARS[0]}-${GRADIENT_YEARS.at(-1)}): ln(most/least deprived IMD 2010 quintile death rate) by age band`,
      treatments: TREATMENTS,
    },
    gradient: { male: [...w.male].map(round), female: [...w.female].map(round) },
    treatments: t,
    cvdShareU75,
    areas: areas(root, rates, w),
  };
  return `${JSON.stringify(json)}\n`;
}
