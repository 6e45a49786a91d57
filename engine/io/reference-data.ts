/**
 * Loads the embedded England data (`data/built/*.arrow`, made by `npm run data:build`) into
 * plain objects of typed arrays. Loaded once per thread and cached; a pool's worker threads
 * adopt a copy of the main thread's instead (`adoptReferenceData`), which saves each of them
 * loading apache-arrow and decoding the files (about 150 ms of CPU a thread). The main thread
 * reads the build's cache of the decoded data when it matches the files (`readReferenceCache`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { arrowLibrary } from './arrow-library.js';
import { builtDataDir } from './paths.js';
import { readReferenceCache, referenceDataOf } from './reference-data-cache.js';

import { AGES } from '../ages.js';

/** Single years of age in the engine: 0 … 89 and the open group 90+ (index 90). */
export const AGE_GROUPS = AGES;

/** The kind of an area in the registry. */
export type AreaKind = 'country' | 'region' | 'icb' | 'lad' | 'former';

/** One area of the registry. */
export interface AreaRecord {
  /** ONS code: April 2023 boundaries, or a former district's code (kind 'former'). */
  readonly code: string;
  readonly name: string;
  readonly kind: AreaKind;
  /** Region code of a local authority (or a former district's successor); England's code for a region or ICB; '' for England. */
  readonly parent: string;
  /** ICB (E54) of a local authority; '' otherwise. */
  readonly icb: string;
  /** The April 2023 authority a former district became part of; '' otherwise. */
  readonly successor: string;
  /** How an ICB is approximated by whole authorities, or a former district's fate; '' otherwise. */
  readonly note: string;
}

/** Single-year-of-age population estimates of one local authority, by sex. */
export interface PopulationSeries {
  /** First year held (mid-year estimates). */
  readonly firstYear: number;
  /** Number of years held. */
  readonly years: number;
  /** Persons by year and age: `values[(year − firstYear)·91 + age]` (male + female). */
  readonly values: Float64Array;
  /** Males, laid out as `values`. */
  readonly male: Float64Array;
  /** Females, laid out as `values`. */
  readonly female: Float64Array;
}

/** National central death rates of one three-year period. */
export interface MortalityPeriod {
  /** e.g. '2017-2019'. */
  readonly period: string;
  /** Last year of the period, e.g. 2019. */
  readonly endYear: number;
  /** mx by age 0 … 89, 90+ (persons: the sexes combined with the national sex ratio by age). */
  readonly mx: Float64Array;
  readonly mxMale: Float64Array;
  readonly mxFemale: Float64Array;
  /** True for an ONS life table; false for the newest table scaled to OHID England life expectancy. */
  readonly lifeTable: boolean;
}

/** A local authority's mortality level relative to England's, by sex and OHID period. */
export interface AreaMortality {
  /** Last year of the first period held (e.g. 2017 for 2015-17); one entry a year after it. */
  readonly firstEnd: number;
  /** Ratio to England's level by period: `[(end − firstEnd)]`. */
  readonly male: Float64Array;
  readonly female: Float64Array;
  /** Published life expectancy at birth by period (NaN where not published). */
  readonly lifeExpectancyMale: Float64Array;
  readonly lifeExpectancyFemale: Float64Array;
}

/** Everything the engine loads from the embedded data. */
export interface ReferenceData {
  readonly areas: readonly AreaRecord[];
  readonly population: ReadonlyMap<string, PopulationSeries>;
  /** Periods in ascending order of end year. */
  readonly mortality: readonly MortalityPeriod[];
  /** Mortality level by sex of each local authority. */
  readonly areaMortality: ReadonlyMap<string, AreaMortality>;
}

let cached: ReferenceData | undefined;
/** The cache bytes `cached` was read from, if it was. */
let cachedBytes: Uint8Array | undefined;

function readTable(dir: string, file: string): Table {
  return arrowLibrary().tableFromIPC(readFileSync(join(dir, file)));
}

function column<T>(table: Table, name: string): T[] {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`built data: column ${name} missing`);
  return vector.toArray() as T[];
}

/** Options of `loadReferenceData`. */
export interface LoadOptions {
  /** The built-data folder (default: the package's data/built). */
  readonly dir?: string;
  /**
   * Use and fill the per-thread cache, and read the build's cache of the decoded data (default
   * true; benchmarks of loading turn it off).
   */
  readonly cache?: boolean;
}

/** The embedded data if this thread has loaded or adopted it, else undefined (nothing is loaded). */
export function loadedReferenceData(): ReferenceData | undefined {
  return cached;
}

/**
 * Makes `data`, the embedded data as another thread of this process loaded it (a structured
 * clone, so this thread's own copy), what `loadReferenceData` returns here from now on.
 */
export function adoptReferenceData(data: ReferenceData): void {
  cached = data;
  cachedBytes = undefined;
}

/**
 * The bytes (shared memory) of the build's cache this thread read its embedded data from, if it
 * did: handed to another thread (`adoptReferenceCache`), they give it the same data uncloned.
 */
export function loadedReferenceCache(): Uint8Array | undefined {
  return cachedBytes;
}

/**
 * Makes the data of `bytes`, the build's cache as another thread of this process read and
 * checked it (`loadedReferenceCache`), what `loadReferenceData` returns here from now on.
 */
export function adoptReferenceCache(bytes: Uint8Array): void {
  cached = referenceDataOf(bytes);
  cachedBytes = bytes;
}

/** Loads (once per thread, unless `cache` is false) and returns the embedded data. */
export function loadReferenceData(options: LoadOptions = {}): ReferenceData {
  const dir = options.dir ?? builtDataDir();
  const useCache = (options.cache ?? true) && dir === builtDataDir();
  if (useCache && cached) return cached;
  const fromCache = useCache ? readReferenceCache(dir) : undefined;
  const data = fromCache?.data ?? decodeReferenceData(dir);
  if (useCache) {
    cached = data;
    cachedBytes = fromCache?.bytes;
  }
  return data;
}

/** Decodes the embedded data from the Arrow files of the built-data folder `dir`. */
export function decodeReferenceData(dir: string): ReferenceData {
  const areasTable = readTable(dir, 'areas.arrow');
  const codes = column<string>(areasTable, 'code');
  const names = column<string>(areasTable, 'name');
  const kinds = column<AreaKind>(areasTable, 'kind');
  const parents = column<string>(areasTable, 'parent');
  const icbs = column<string>(areasTable, 'icb');
  const successors = column<string>(areasTable, 'successor');
  const notes = column<string>(areasTable, 'note');
  const areas: AreaRecord[] = codes.map((code, i) => ({
    code,
    name: names[i] ?? code,
    kind: kinds[i] ?? 'lad',
    parent: parents[i] ?? '',
    icb: icbs[i] ?? '',
    successor: successors[i] ?? '',
    note: notes[i] ?? '',
  }));

  const popTable = readTable(dir, 'population.arrow');
  const popArea = popTable.getChild('area')!;
  const popYear = popTable.getChild('year')!.toArray() as Int16Array;
  const popMale = popTable.getChild('male')!.toArray() as Int32Array;
  const popFemale = popTable.getChild('female')!.toArray() as Int32Array;
  const population = new Map<string, PopulationSeries>();
  // Rows are sorted by area, year, age; each area is one contiguous run.
  const n = popTable.numRows;
  let start = 0;
  while (start < n) {
    const code = popArea.get(start) as string;
    let end = start;
    while (end < n && popArea.get(end) === code) end += AGE_GROUPS;
    const male = Float64Array.from(popMale.subarray(start, end));
    const female = Float64Array.from(popFemale.subarray(start, end));
    const values = new Float64Array(male.length);
    for (let i = 0; i < values.length; ++i) values[i] = male[i]! + female[i]!;
    population.set(code, {
      firstYear: popYear[start]!,
      years: (end - start) / AGE_GROUPS,
      values,
      male,
      female,
    });
    start = end;
  }

  const mortTable = readTable(dir, 'mortality.arrow');
  const periods = column<string>(mortTable, 'period');
  const endYears = mortTable.getChild('end_year')!.toArray() as Int16Array;
  const mx = mortTable.getChild('mx_persons')!.toArray() as Float64Array;
  const mxMale = mortTable.getChild('mx_male')!.toArray() as Float64Array;
  const mxFemale = mortTable.getChild('mx_female')!.toArray() as Float64Array;
  const sources = column<string>(mortTable, 'source');
  const mortality: MortalityPeriod[] = [];
  for (let i = 0; i < mortTable.numRows; i += AGE_GROUPS) {
    mortality.push({
      period: periods[i] ?? '',
      endYear: endYears[i]!,
      mx: mx.slice(i, i + AGE_GROUPS),
      mxMale: mxMale.slice(i, i + AGE_GROUPS),
      mxFemale: mxFemale.slice(i, i + AGE_GROUPS),
      lifeTable: sources[i] === 'ONS national life tables',
    });
  }
  mortality.sort((a, b) => a.endYear - b.endYear);

  const levelTable = readTable(dir, 'area-mortality.arrow');
  const levelArea = column<string>(levelTable, 'area');
  const levelEnd = levelTable.getChild('end_year')!.toArray() as Int16Array;
  const levelSex = column<string>(levelTable, 'sex');
  const levelLe = levelTable.getChild('life_expectancy')!.toArray() as Float64Array;
  const levelRatio = levelTable.getChild('mortality_ratio')!.toArray() as Float64Array;
  let firstEnd = Infinity;
  let lastEnd = -Infinity;
  for (const e of levelEnd) {
    firstEnd = Math.min(firstEnd, e);
    lastEnd = Math.max(lastEnd, e);
  }
  const nEnds = lastEnd - firstEnd + 1;
  const areaMortality = new Map<string, AreaMortality>();
  for (let i = 0; i < levelTable.numRows; ++i) {
    const code = levelArea[i]!;
    let entry = areaMortality.get(code);
    if (!entry) {
      entry = {
        firstEnd,
        male: new Float64Array(nEnds).fill(NaN),
        female: new Float64Array(nEnds).fill(NaN),
        lifeExpectancyMale: new Float64Array(nEnds).fill(NaN),
        lifeExpectancyFemale: new Float64Array(nEnds).fill(NaN),
      };
      areaMortality.set(code, entry);
    }
    const k = levelEnd[i]! - firstEnd;
    const male = levelSex[i] === 'male';
    (male ? entry.male : entry.female)[k] = levelRatio[i]!;
    (male ? entry.lifeExpectancyMale : entry.lifeExpectancyFemale)[k] = levelLe[i]!;
  }

  return { areas, population, mortality, areaMortality };
}
