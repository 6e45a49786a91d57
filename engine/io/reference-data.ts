/**
 * Loads the embedded England data (`data/built/*.arrow`, made by `npm run data:build`) into
 * plain objects of typed arrays. Loaded once per thread and cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { builtDataDir } from './paths.js';

/** Single years of age in the engine: 0 … 89 and the open group 90+ (index 90). */
export const AGE_GROUPS = 91;

/** The kind of an area in the registry. */
export type AreaKind = 'country' | 'region' | 'lad';

/** One area of the registry. */
export interface AreaRecord {
  /** ONS code on April 2021 boundaries, e.g. E08000025. */
  readonly code: string;
  readonly name: string;
  readonly kind: AreaKind;
  /** Region code of a local authority; England's code for a region; '' for England. */
  readonly parent: string;
  /** Deaths in 2014-2016 (PHE LE-by-decile data), for the area's mortality ratio (LADs only). */
  readonly leDeaths: number;
  /** Expected deaths in 2014-2016 at national persons rates (LADs only). */
  readonly leExpected: number;
  /** Where the mortality data come from: 'own', 'predecessors summed' or 'region ratio'. */
  readonly mortalitySource: string;
}

/** Single-year-of-age population estimates of one local authority. */
export interface PopulationSeries {
  /** First year held (mid-year estimates). */
  readonly firstYear: number;
  /** Number of years held. */
  readonly years: number;
  /** Persons by year and age: `values[(year − firstYear)·91 + age]`. */
  readonly values: Float64Array;
}

/** National persons central death rates of one ONS three-year life-table period. */
export interface MortalityPeriod {
  /** e.g. '2017-2019'. */
  readonly period: string;
  /** Last year of the period, e.g. 2019. */
  readonly endYear: number;
  /** mx by age 0 … 89, 90+ (persons: the sexes combined with the national sex ratio by age). */
  readonly mx: Float64Array;
}

/** Everything the engine loads from the embedded data. */
export interface ReferenceData {
  readonly areas: readonly AreaRecord[];
  readonly population: ReadonlyMap<string, PopulationSeries>;
  /** Periods in ascending order of end year. */
  readonly mortality: readonly MortalityPeriod[];
}

let cached: ReferenceData | undefined;

function readTable(dir: string, file: string): Table {
  return tableFromIPC(readFileSync(join(dir, file)));
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
  /** Use and fill the per-thread cache (default true; benchmarks of loading turn it off). */
  readonly cache?: boolean;
}

/** Loads (once per thread, unless `cache` is false) and returns the embedded data. */
export function loadReferenceData(options: LoadOptions = {}): ReferenceData {
  const dir = options.dir ?? builtDataDir();
  const useCache = (options.cache ?? true) && dir === builtDataDir();
  if (useCache && cached) return cached;
  const areasTable = readTable(dir, 'areas.arrow');
  const codes = column<string>(areasTable, 'code');
  const names = column<string>(areasTable, 'name');
  const kinds = column<AreaKind>(areasTable, 'kind');
  const parents = column<string>(areasTable, 'parent');
  const deaths = areasTable.getChild('le_deaths')!.toArray() as Float64Array;
  const expected = areasTable.getChild('le_expected')!.toArray() as Float64Array;
  const sources = column<string>(areasTable, 'mortality_source');
  const areas: AreaRecord[] = codes.map((code, i) => ({
    code,
    name: names[i] ?? code,
    kind: kinds[i] ?? 'lad',
    parent: parents[i] ?? '',
    leDeaths: deaths[i] ?? NaN,
    leExpected: expected[i] ?? NaN,
    mortalitySource: sources[i] ?? '',
  }));

  const popTable = readTable(dir, 'population.arrow');
  const popArea = popTable.getChild('area')!;
  const popYear = popTable.getChild('year')!.toArray() as Int16Array;
  const popValue = popTable.getChild('population')!.toArray() as Int32Array;
  const population = new Map<string, PopulationSeries>();
  // Rows are sorted by area, year, age; each area is one contiguous run.
  const n = popTable.numRows;
  let start = 0;
  while (start < n) {
    const code = popArea.get(start) as string;
    let end = start;
    while (end < n && popArea.get(end) === code) end += AGE_GROUPS;
    const firstYear = popYear[start]!;
    const values = Float64Array.from(popValue.subarray(start, end));
    population.set(code, { firstYear, years: (end - start) / AGE_GROUPS, values });
    start = end;
  }

  const mortTable = readTable(dir, 'mortality.arrow');
  const periods = column<string>(mortTable, 'period');
  const endYears = mortTable.getChild('end_year')!.toArray() as Int16Array;
  const mx = mortTable.getChild('mx_persons')!.toArray() as Float64Array;
  const mortality: MortalityPeriod[] = [];
  for (let i = 0; i < mortTable.numRows; i += AGE_GROUPS) {
    mortality.push({
      period: periods[i] ?? '',
      endYear: endYears[i]!,
      mx: mx.slice(i, i + AGE_GROUPS),
    });
  }
  mortality.sort((a, b) => a.endYear - b.endYear);

  const data: ReferenceData = { areas, population, mortality };
  if (useCache) cached = data;
  return data;
}
