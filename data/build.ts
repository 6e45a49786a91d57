/**
 * Builds the engine's data files (`data/built/*.arrow`) from the raw public files in
 * `data/raw/`. Deterministic: the same raw files give byte-identical outputs, and a test checks
 * that a rebuild reproduces the committed files. Numbers are never edited by hand: every value
 * comes from a raw file through the steps below.
 *
 * Usage: `npm run data:build` (or `node dist/data/build.js [OUT_DIR]`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Table, makeVector, tableToIPC } from 'apache-arrow';
import { packageRoot } from '../engine/io/paths.js';
import { writeFileAtomic } from '../engine/io/atomic-write.js';
import { buildDemand } from './build-demand.js';
import { buildPrevalence } from './build-prevalence.js';
import { buildGradient } from './build-gradient.js';
import { buildMortality } from './build-mortality.js';
import { buildPopulation } from './build-population.js';
import { strings } from './arrow-strings.js';
import { AGES, isEnglishLad, num, readCsv } from './raw-csv.js';

/** The PHE life-expectancy-by-decile data pool three years around 2015 (see PROVENANCE). */
const LE_YEARS = [2014, 2015, 2016] as const;
const LE_PERIOD = '2014-2016';

interface LadInfo {
  code: string;
  name: string;
  region: string;
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
}
