/**
 * Builds data/built/prevalence.json (a PrevalenceCalibration) from the raw files: QOF 2019/20
 * registers by local authority (House of Commons Library), ONS mid-2019 population, IMD 2019
 * by LAD, the published age profiles (literature-parameters, IMPACTncd DisMod II and HSE 2006)
 * and the ONS life tables. The maths is in models/prevalence/calibrate.ts and parameters.ts.
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
import { conditionParameters, type LiteratureRow } from '../models/prevalence/parameters.js';
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
} from '../models/prevalence/types.js';

/** Version of the prevalence.json layout. */
export const PREVALENCE_VERSION = 1;
/** Population year of the QOF 2019/20 registers (ONS mid-2019). */
const REGISTER_YEAR = 2019;
/** Life-table period for the palliative-care shape and the DisMod 90+ weights. */
const LIFE_TABLE_PERIOD = '2017-2019';
/** Significant digits kept in the JSON. */
const DIGITS = 12;
const QOF = 'hoc-qof-prevalence-2019-20';
const LITERATURE = 'literature-parameters';
const IMPACT = 'impactncd-epidemiology-england';

/** What `calibrationInput` reads besides the calibration input itself. */
export interface PrevalenceSources {
  readonly input: CalibrationInput;
  readonly imdMean: number;
  readonly imdSd: number;
  readonly decileShares: Record<string, number[]>;
  readonly literature: LiteratureRow[];
  readonly qofSeries: LiteratureRow[];
  readonly englandByYear: Map<number, Float64Array>;
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
  const calibration: PrevalenceCalibration = {
    version: PREVALENCE_VERSION,
    deprivationZ,
    imdMean: sources.imdMean,
    imdSd: sources.imdSd,
    decileShares: sources.decileShares,
    conditions,
    parameters: conditionParameters(
      sources.literature,
      sources.qofSeries,
      conditions,
      sources.englandByYear,
    ),
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
