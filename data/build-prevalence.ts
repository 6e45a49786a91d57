/**
 * Builds data/built/prevalence.json (a PrevalenceCalibration) from the raw files: QOF 2019/20
 * registers by local authority (House of Commons Library), ONS mid-2019 population, IMD 2019
 * by LAD, the published age profiles (literature-parameters, IMPACTncd DisMod II and HSE 2006),
 * the ONS life tables, and the QOF England series 2013-14 … 2019-20 (literature-parameters)
 * extended to 2022-23 by the practice file (NHS England), summed to England and sub-ICBs. The maths is in models/prevalence/calibrate.ts and parameters.ts.
 * Deterministic: the same raw files give the same bytes (floats kept to 12 significant digits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildMortality, readLifeTables } from './build-mortality.js';
import { buildPopulation } from './build-population.js';
import { successorOf } from './code-changes.js';
import { imdScoresLad23 } from './imd-lad23.js';
import { AGES, isEnglishLad, num, readCsv } from './raw-csv.js';
import {
  calibrateAll,
  type CalibrationInput,
  type PublishedProfiles,
  type RegisterCounts,
} from '../models/prevalence/calibrate.js';
import {
  conditionParameters,
  englandSeries,
  type LiteratureRow,
} from '../models/prevalence/parameters.js';
import {
  dismodPersons,
  type AgePrevalenceRow,
  type PrevalenceBand,
} from '../models/prevalence/shapes.js';
import {
  CONDITIONS,
  type Condition,
  type ConditionCalibration,
  type PrevalenceCalibration,
  type SubIcbRegisters,
} from '../models/prevalence/types.js';

/** Version of the prevalence.json layout. */
export const PREVALENCE_VERSION = 2;
/** Population year of the QOF 2019/20 registers (ONS mid-2019). */
const REGISTER_YEAR = 2019;
/** Life-table period for the palliative-care shape and the DisMod 90+ weights. */
const LIFE_TABLE_PERIOD = '2017-2019';
/** Significant digits kept in the JSON. */
const DIGITS = 12;
const QOF = 'hoc-qof-prevalence-2019-20';
const LITERATURE = 'literature-parameters';
const IMPACT = 'impactncd-epidemiology-england';
const QOF_2022 = 'nhs-qof-practice-prevalence-2022-23';
/**
 * The denominator of each register in the 2022-23 file is the list of the age scope it states,
 * except asthma (6+ from 2020-21), divided by the all-ages list like the years before (PROVENANCE).
 */
const ALL_AGES_LIST: readonly string[] = ['AST'];

/** What `calibrationInput` reads besides the calibration input itself. */
export interface PrevalenceSources {
  readonly input: CalibrationInput;
  readonly imdMean: number;
  readonly imdSd: number;
  readonly decileShares: Record<string, number[]>;
  readonly literature: LiteratureRow[];
  readonly qofSeries: LiteratureRow[];
  readonly englandByYear: Map<number, Float64Array>;
  /** QOF 2022-23: England register and list by register, and the sub-ICB sums. */
  readonly qof2022: Map<string, { register: number; list: number }>;
  readonly subIcb2022: SubIcbRegisters[];
}

/**
 * QOF 2022-23 practice registers summed to England and to each sub-ICB, for the modelled
 * registers (CVDPP was retired in 2020-21; NDH is not modelled).
 */
export function qofPractices2022(root: string): {
  england: Map<string, { register: number; list: number }>;
  subIcb: SubIcbRegisters[];
} {
  interface Place {
    code: string;
    odsCode: string;
    name: string;
    icb: string;
    region: string;
    practices: Set<string>;
    register: Record<string, number>;
    list: Record<string, number>;
  }
  const places = new Map<string, Place>();
  const placeOf = new Map<string, Place>();
  for (const row of readCsv(root, `${QOF_2022}/MAPPING_NHS_GEOGRAPHIES_2223.csv`)) {
    const code = row.SUB_ICB_ONS_CODE ?? '';
    const place = places.get(code) ?? {
      code,
      odsCode: row.SUB_ICB_ODS_CODE ?? '',
      name: row.SUB_ICB_NAME ?? '',
      icb: row.ICB_ONS_CODE ?? '',
      region: row.REGION_ONS_CODE ?? '',
      practices: new Set<string>(),
      register: {},
      list: {},
    };
    places.set(code, place);
    placeOf.set(row.PRACTICE_CODE ?? '', place);
  }
  const rows = readCsv(root, `${QOF_2022}/PREVALENCE_2223.csv`);
  const totalList = new Map<string, number>();
  for (const row of rows)
    if (row.PATIENT_LIST_TYPE === 'TOTAL')
      totalList.set(
        row.PRACTICE_CODE ?? '',
        num(row, 'PRACTICE_LIST_SIZE', `QOF 2022-23 ${row.PRACTICE_CODE ?? ''}`),
      );
  const modelled = new Set<string>(CONDITIONS);
  for (const row of rows) {
    const practice = row.PRACTICE_CODE ?? '';
    const code = row.GROUP_CODE ?? '';
    if (!modelled.has(code)) continue;
    const place = placeOf.get(practice);
    if (place === undefined) throw new Error(`QOF 2022-23: practice ${practice} has no sub-ICB`);
    const where = `QOF 2022-23 ${practice} ${code}`;
    const list = ALL_AGES_LIST.includes(code)
      ? totalList.get(practice)
      : num(row, 'PRACTICE_LIST_SIZE', where);
    if (list === undefined) throw new Error(`${where}: no TOTAL list`);
    place.practices.add(practice);
    place.register[code] = (place.register[code] ?? 0) + num(row, 'REGISTER', where);
    place.list[code] = (place.list[code] ?? 0) + list;
  }
  const subIcb = [...places.values()]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(({ practices, ...p }) => ({ ...p, practices: practices.size }));
  const england = new Map<string, { register: number; list: number }>();
  for (const code of CONDITIONS) {
    let register = 0;
    let list = 0;
    for (const p of subIcb) {
      register += p.register[code] ?? 0;
      list += p.list[code] ?? 0;
    }
    if (list > 0) england.set(code, { register, list });
  }
  return { england, subIcb };
}

function literatureRows(root: string, file: string): LiteratureRow[] {
  const optional = (text: string | undefined): number =>
    text === undefined || text === '' ? NaN : Number(text);
  return readCsv(root, `${LITERATURE}/${file}`).map((row) => ({
    parameter: row.parameter ?? '',
    condition: row.condition ?? '',
    value: num(row, 'value', `${file} ${row.parameter ?? ''}`),
    low: optional(row.low),
    high: optional(row.high),
    unit: row.unit ?? '',
    year: row.year ?? '',
    source: row.source ?? '',
    note: row.note ?? '',
  }));
}

function agePrevalenceRows(root: string): AgePrevalenceRow[] {
  return readCsv(root, `${LITERATURE}/age_prevalence.csv`).map((row) => {
    const where = `age_prevalence.csv ${row.condition ?? ''}`;
    const perThousand = (row.unit ?? '').startsWith('per 1,000');
    return {
      condition: row.condition ?? '',
      ageLow: num(row, 'age_low', where),
      ageHigh:
        row.age_high === undefined || row.age_high === '' ? null : num(row, 'age_high', where),
      sex: row.sex ?? '',
      prevalence: num(row, 'value', where) / (perThousand ? 1000 : 100),
      measure: row.measure ?? '',
      source: row.source ?? '',
      year: row.year ?? '',
    };
  });
}

/** DisMod II output prevalence by age 0 … 100 (the seventh column; three title lines first). */
function dismodCurve(root: string, file: string): Float64Array {
  const text = readFileSync(join(root, 'data', 'raw', IMPACT, 'dismod-2011', file), 'utf8');
  const rows: string[][] = parse(text, { from_line: 5, relax_column_count: true });
  const out = new Float64Array(101).fill(NaN);
  for (const row of rows) {
    const age = Number(row[0]);
    if (row[0] === undefined || row[0] === '' || !Number.isInteger(age)) continue;
    out[age] = Number(row[6]);
  }
  if (out.some((v) => !Number.isFinite(v))) throw new Error(`${file}: incomplete ages 0-100`);
  return out;
}

/** HSE 2006 doctor-diagnosed diabetes by band, persons: mean of the sexes, se combined. */
function diabetesBands(root: string): PrevalenceBand[] {
  const rows = readCsv(root, `${IMPACT}/hse-2006-diabetes/DIABdiagpreval2006.csv`);
  const bands = new Map<string, { p: number[]; se: number[] }>();
  for (const row of rows) {
    const key = (row.agegroup ?? '').trim();
    const b = bands.get(key) ?? { p: [], se: [] };
    b.p.push(num(row, 'Pe', `HSE 2006 ${key}`));
    b.se.push(num(row, 'se.Pe', `HSE 2006 ${key}`));
    bands.set(key, b);
  }
  return [...bands].map(([key, b]) => {
    const [lo, hi] = key.replace('+', '').split('-');
    return {
      ageLow: Number(lo),
      ageHigh: hi === undefined ? null : Number(hi),
      prevalence: b.p.reduce((s, v) => s + v, 0) / b.p.length,
      se: Math.sqrt(b.se.reduce((s, v) => s + v * v, 0)) / b.se.length,
    };
  });
}

/** Reads every raw input of the calibration. */
export function prevalenceSources(root: string): PrevalenceSources {
  const population = buildPopulation(root);
  const areas = [...population.pop.keys()].sort();
  const yearIndex = (year: number): number => population.years.indexOf(year) * AGES;
  const pop2019 = new Float64Array(areas.length * AGES);
  const englandByYear = new Map<number, Float64Array>();
  for (const year of population.years) englandByYear.set(year, new Float64Array(AGES));
  areas.forEach((code, i) => {
    const series = population.pop.get(code) ?? new Float64Array(0);
    pop2019.set(
      series.subarray(yearIndex(REGISTER_YEAR), yearIndex(REGISTER_YEAR) + AGES),
      i * AGES,
    );
    for (const year of population.years) {
      const england = englandByYear.get(year) ?? new Float64Array(AGES);
      for (let a = 0; a < AGES; ++a)
        england[a] = (england[a] ?? 0) + (series[yearIndex(year) + a] ?? 0);
    }
  });

  // IMD 2019 score by LAD (April 2023 codes), standardised over the LADs.
  const score = imdScoresLad23(root);
  const scores = areas.map((code) => {
    const s = score.get(code);
    if (s === undefined) throw new Error(`IMD 2019: no score for ${code}`);
    return s;
  });
  const imdMean = scores.reduce((s, v) => s + v, 0) / scores.length;
  const imdSd = Math.sqrt(scores.reduce((s, v) => s + (v - imdMean) ** 2, 0) / (scores.length - 1));
  const deprivationZ = Float64Array.from(scores, (s) => (s - imdMean) / imdSd);

  // Registers and lists on April 2023 codes (merged districts summed); Wales ignored.
  const current = successorOf(root);
  const index = new Map(areas.map((code, i) => [code, i]));
  const registers = new Map<Condition, RegisterCounts>();
  for (const code of CONDITIONS)
    registers.set(code, {
      register: new Float64Array(areas.length),
      list: new Float64Array(areas.length),
    });
  const seen = new Set<string>();
  for (const row of readCsv(root, `${QOF}/output_lad_prevalence.csv`)) {
    const lad = current(row.lad_code ?? '');
    if (!isEnglishLad(lad)) continue;
    const i = index.get(lad);
    const counts = registers.get((row.group_code ?? '') as Condition);
    if (i === undefined || counts === undefined)
      throw new Error(`QOF: unknown area ${lad} or register ${row.group_code ?? ''}`);
    counts.register[i] = (counts.register[i] ?? 0) + num(row, 'register', `QOF ${lad}`);
    counts.list[i] = (counts.list[i] ?? 0) + num(row, 'list', `QOF ${lad}`);
    seen.add(`${lad}|${row.group_code ?? ''}`);
  }
  if (seen.size !== areas.length * CONDITIONS.length)
    throw new Error(
      `QOF: ${seen.size} area-register pairs, expected ${areas.length * CONDITIONS.length}`,
    );

  // Share of each LAD's LSOAs in each national IMD 2019 decile.
  const deciles = new Map<string, number[]>();
  for (const row of readCsv(root, `${QOF}/lsoa_geog_lookup.csv`)) {
    const lad = current(row.LAD_CODE ?? '');
    const decile = Number(row.IMD_OVERALL);
    if (!isEnglishLad(lad) || !Number.isInteger(decile)) continue;
    const counts = deciles.get(lad) ?? new Array<number>(10).fill(0);
    counts[decile - 1] = (counts[decile - 1] ?? 0) + 1;
    deciles.set(lad, counts);
  }
  const decileShares: Record<string, number[]> = {};
  for (const code of areas) {
    const counts = deciles.get(code);
    if (counts === undefined) throw new Error(`LSOA lookup: no LSOAs in ${code}`);
    const total = counts.reduce((s, v) => s + v, 0);
    decileShares[code] = counts.map((v) => v / total);
  }

  const tables = readLifeTables(root).get(LIFE_TABLE_PERIOD);
  const mortality = buildMortality(root).persons.get(LIFE_TABLE_PERIOD);
  if (tables === undefined || mortality === undefined)
    throw new Error(`life tables: no period ${LIFE_TABLE_PERIOD}`);
  const lx = tables.male.lx.map((m, a) => (m + (tables.female.lx[a] ?? NaN)) / 2);
  const persons = (disease: string): Float64Array =>
    dismodPersons(
      dismodCurve(root, `${disease}_males_2011.csv`),
      dismodCurve(root, `${disease}_females_2011.csv`),
      lx,
    );
  const latest = qofPractices2022(root);
  const profiles: PublishedProfiles = {
    agePrevalence: agePrevalenceRows(root),
    chd: persons('chd'),
    stroke: persons('stroke'),
    diabetesBands: diabetesBands(root),
    mortality,
    england: englandByYear.get(REGISTER_YEAR) ?? new Float64Array(AGES),
  };
  return {
    input: { areas, deprivationZ, population: pop2019, registers, profiles },
    imdMean,
    imdSd,
    decileShares,
    literature: literatureRows(root, 'parameters.csv'),
    qofSeries: literatureRows(root, 'qof_england_prevalence_2013-14_to_2019-20.csv'),
    englandByYear,
    qof2022: latest.england,
    subIcb2022: latest.subIcb,
  };
}

/** The calibration of every register and its parameters, from the raw files under `root`. */
export function calibratePrevalence(root: string): {
  sources: PrevalenceSources;
  calibration: PrevalenceCalibration;
} {
  const sources = prevalenceSources(root);
  const conditions: ConditionCalibration[] = calibrateAll(sources.input);
  const deprivationZ: Record<string, number> = {};
  sources.input.areas.forEach((code, i) => {
    deprivationZ[code] = sources.input.deprivationZ[i] ?? NaN;
  });
  const england = englandSeries(
    sources.qofSeries,
    sources.qof2022,
    conditions,
    sources.englandByYear,
  );
  const calibration: PrevalenceCalibration = {
    version: PREVALENCE_VERSION,
    deprivationZ,
    imdMean: sources.imdMean,
    imdSd: sources.imdSd,
    decileShares: sources.decileShares,
    conditions,
    parameters: conditionParameters(sources.literature, sources.qofSeries, conditions, england),
    england,
    subIcb2022: sources.subIcb2022,
  };
  return { sources, calibration };
}

/** Rounds every float to DIGITS significant digits (integers and strings unchanged). */
function roundFloats(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  if (!Number.isFinite(value)) throw new Error(`prevalence.json: non-finite number ${value}`);
  return Number(value.toPrecision(DIGITS));
}

/** The JSON text of the PrevalenceCalibration built from the raw files under `root`. */
export function buildPrevalence(root: string): string {
  return `${JSON.stringify(calibratePrevalence(root).calibration, roundFloats)}\n`;
}
