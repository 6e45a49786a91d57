/**
 * Builds the engine's data files (`data/built/*`) from the raw public files in `data/raw/`.
 * Deterministic: the same raw files give byte-identical outputs, and a test checks that a
 * rebuild reproduces the committed files. Numbers are never edited by hand: every value comes
 * from a raw file through the steps below.
 *
 * Usage: `npm run data:build` (or `node dist/data/build.js [OUT_DIR]`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Table, makeVector, tableToIPC } from 'apache-arrow';
import { packageRoot } from '../engine/io/paths.js';
import { writeFileAtomic } from '../engine/io/atomic-write.js';
import { levelForLifeExpectancy } from '../engine/kernels/life-table.js';
import { buildDemand } from './build-demand.js';
import { buildPrevalence } from './build-prevalence.js';
import { buildGradient } from './build-gradient.js';
import { buildExamples } from './build-examples.js';
import { buildOutcomes } from './build-outcomes.js';
import { buildMortality, nationalRates, LATEST_TABLE } from './build-mortality.js';
import { buildPopulationBySex, type PopulationBySex } from './build-population.js';
import { ENGLAND_CODE, readLifeExpectancy } from './build-life-expectancy.js';
import { formerDistricts, icbMembers, icbSplits, successorOf } from './code-changes.js';
import { strings } from './arrow-strings.js';
import { AGES, isEnglishLad, readCsv } from './raw-csv.js';

/** Largest gap (persons, all ages, 2023) between an ICB's authorities and its ONS estimate: rounding. */
const ICB_ROUNDING = 10;
/** The sexes of the area mortality table. */
const SEXES = ['male', 'female'] as const;

/** Region of each April 2023 LAD from the QOF LSOA lookup (April 2020 codes, mapped forward). */
function regionsOfLads(root: string): {
  regionOf: Map<string, string>;
  regions: { code: string; name: string }[];
} {
  const current = successorOf(root);
  const regionRows = readCsv(root, 'ons-lad-code-changes/regions.csv');
  const regionCodes = new Map(regionRows.map((row) => [row.name ?? '', row.code ?? '']));
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
  return {
    regionOf,
    regions: regionRows.map((row) => ({ code: row.code ?? '', name: row.name ?? '' })),
  };
}

/** Total population (all ages) of `series` in year index `k`. */
function totalAt(series: Float64Array, k: number): number {
  let s = 0;
  for (let a = 0; a < AGES; ++a) s += series[k * AGES + a]!;
  return s;
}

/** The area registry: England, regions, ICBs, April 2023 LADs and former districts. */
function buildAreas(root: string, population: PopulationBySex): Table {
  const { regionOf, regions } = regionsOfLads(root);
  const icbs = icbMembers(root);
  const splits = icbSplits(root);
  const icbOf = new Map<string, string>();
  for (const icb of icbs) for (const lad of icb.lads) icbOf.set(lad, icb.code);
  const lastK = population.years.length - 1;
  const lastYear = population.years[lastK]!;
  const names = new Map(population.lads);
  for (const icb of icbs) names.set(icb.code, icb.name);

  const rows: {
    code: string;
    name: string;
    kind: string;
    parent: string;
    icb: string;
    successor: string;
    note: string;
  }[] = [];
  rows.push({
    code: ENGLAND_CODE,
    name: 'England',
    kind: 'country',
    parent: '',
    icb: '',
    successor: '',
    note: '',
  });
  for (const r of regions)
    rows.push({
      code: r.code,
      name: r.name,
      kind: 'region',
      parent: ENGLAND_CODE,
      icb: '',
      successor: '',
      note: '',
    });
  for (const icb of icbs) {
    const published = population.icbTotals.get(icb.code);
    if (!published) throw new Error(`areas: no ONS estimate for ICB ${icb.code}`);
    let sum = 0;
    for (const lad of icb.lads) {
      const m = population.male.get(lad);
      const f = population.female.get(lad);
      if (!m || !f) throw new Error(`areas: ICB ${icb.code} lists ${lad}, which has no estimates`);
      sum += totalAt(m, lastK) + totalAt(f, lastK);
    }
    const gap = sum - published[lastK]!;
    if (Math.abs(gap) > ICB_ROUNDING)
      throw new Error(
        `areas: ICB ${icb.code}'s authorities sum to ${sum} in ${lastYear}, the ONS estimate is ${published[lastK]}`,
      );
    const notes = [
      ...splits
        .filter((s) => s.icb === icb.code)
        .map(
          (s) =>
            `counts all of ${names.get(s.lad) ?? s.lad}, whose ${s.part} part lies in ${names.get(s.other) ?? s.other}`,
        ),
      ...splits
        .filter((s) => s.other === icb.code)
        .map(
          (s) =>
            `leaves out ${s.part} (part of ${names.get(s.lad) ?? s.lad}, counted in ${names.get(s.icb) ?? s.icb})`,
        ),
    ];
    rows.push({
      code: icb.code,
      name: icb.name,
      kind: 'icb',
      parent: ENGLAND_CODE,
      icb: '',
      successor: '',
      note:
        notes.length > 0
          ? `approximated by whole local authorities (as the ONS ICB estimates are): ${notes.join('; ')}`
          : '',
    });
  }
  for (const [code, name] of [...population.lads].sort((a, b) => a[0].localeCompare(b[0]))) {
    const region = regionOf.get(code);
    const icb = icbOf.get(code);
    if (region === undefined || icb === undefined)
      throw new Error(`areas: no region or ICB for ${code} ${name}`);
    rows.push({ code, name, kind: 'lad', parent: region, icb, successor: '', note: '' });
  }
  for (const d of formerDistricts(root)) {
    if (!population.lads.has(d.successor))
      throw new Error(`areas: ${d.code}'s successor ${d.successor} is not a 2023 authority`);
    rows.push({
      code: d.code,
      name: d.name,
      kind: 'former',
      parent: regionOf.get(d.successor) ?? '',
      icb: '',
      successor: d.successor,
      note: `abolished; part of ${names.get(d.successor) ?? d.successor} (${d.successor}) since April ${successorYear(root, d.code)}`,
    });
  }
  return new Table({
    code: strings(rows.map((r) => r.code)),
    name: strings(rows.map((r) => r.name)),
    kind: strings(rows.map((r) => r.kind)),
    parent: strings(rows.map((r) => r.parent)),
    icb: strings(rows.map((r) => r.icb)),
    successor: strings(rows.map((r) => r.successor)),
    note: strings(rows.map((r) => r.note)),
  });
}

/** Year the former district `code` was abolished (its last change). */
function successorYear(root: string, code: string): string {
  let year = '';
  for (const file of ['lad_successors_2019_2021.csv', 'lad_successors_2021_2023.csv'])
    for (const row of readCsv(root, `ons-lad-code-changes/${file}`))
      if (row.old_code === code) year = (row.effective ?? '').slice(0, 4);
  return year;
}

/**
 * Each LAD's mortality level by sex and OHID period, relative to England's: the factor k for
 * which the national 2017-19 rates times k give the LAD's published life expectancy,
 * divided by England's own factor for the period. A LAD without a published value (NA: the
 * City of London, the Isles of Scilly) takes the population-weighted mean ratio of the other
 * LADs of its region.
 */
function buildAreaMortality(root: string, population: PopulationBySex): Table {
  const le = readLifeExpectancy(root);
  const { regionOf } = regionsOfLads(root);
  const rates = nationalRates(root).periods.find((p) => p.period === LATEST_TABLE);
  if (!rates) throw new Error(`life tables: no ${LATEST_TABLE}`);
  const england = le.get(ENGLAND_CODE);
  if (!england) throw new Error('life expectancy: no England rows');
  const ends = [...england.keys()].sort((a, b) => a - b);
  const lads = [...population.lads.keys()].sort();
  const area: string[] = [];
  const endYear: number[] = [];
  const sex: string[] = [];
  const value: number[] = [];
  const ratio: number[] = [];
  const source: string[] = [];
  const lastK = population.years.length - 1;
  for (const end of ends) {
    const k = Math.min(
      lastK,
      population.years.indexOf(end - 1) < 0 ? lastK : population.years.indexOf(end - 1),
    );
    for (const s of SEXES) {
      const schedule = rates[s];
      const national = levelForLifeExpectancy(schedule, england.get(end)![s]);
      const own = new Map<string, number>();
      for (const code of lads)
        own.set(
          code,
          levelForLifeExpectancy(schedule, le.get(code)?.get(end)?.[s] ?? NaN) / national,
        );
      const regional = new Map<string, { sum: number; weight: number }>();
      for (const code of lads) {
        const r = own.get(code)!;
        if (!Number.isFinite(r)) continue;
        const w = totalAt((s === 'male' ? population.male : population.female).get(code)!, k);
        const acc = regional.get(regionOf.get(code) ?? '') ?? { sum: 0, weight: 0 };
        acc.sum += r * w;
        acc.weight += w;
        regional.set(regionOf.get(code) ?? '', acc);
      }
      for (const code of lads) {
        const r = own.get(code)!;
        const fill = regional.get(regionOf.get(code) ?? '');
        if (!Number.isFinite(r) && !fill)
          throw new Error(`life expectancy: no value for ${code} or its region`);
        area.push(code);
        endYear.push(end);
        sex.push(s);
        value.push(le.get(code)?.get(end)?.[s] ?? NaN);
        ratio.push(Number.isFinite(r) ? r : fill!.sum / fill!.weight);
        source.push(Number.isFinite(r) ? 'own' : 'region mean');
      }
    }
  }
  return new Table({
    area: strings(area),
    end_year: makeVector(Int16Array.from(endYear)),
    sex: strings(sex),
    life_expectancy: makeVector(Float64Array.from(value)),
    mortality_ratio: makeVector(Float64Array.from(ratio)),
    source: strings(source),
  });
}

/** population.arrow: area, year, age, male, female (rebased estimates, April 2023 codes). */
function populationTable(population: PopulationBySex): Table {
  const codes = [...population.lads.keys()].sort();
  const n = codes.length * population.years.length * AGES;
  const area: string[] = new Array<string>(n);
  const year = new Int16Array(n);
  const age = new Int16Array(n);
  const male = new Int32Array(n);
  const female = new Int32Array(n);
  const whole = (v: number): number => {
    if (!Number.isInteger(v)) throw new Error(`population: ${v} is not a whole number`);
    return v;
  };
  let i = 0;
  for (const code of codes) {
    const m = population.male.get(code)!;
    const f = population.female.get(code)!;
    population.years.forEach((y, k) => {
      for (let a = 0; a < AGES; ++a, ++i) {
        area[i] = code;
        year[i] = y;
        age[i] = a;
        male[i] = whole(m[k * AGES + a]!);
        female[i] = whole(f[k * AGES + a]!);
      }
    });
  }
  return new Table({
    area: strings(area),
    year: makeVector(year),
    age: makeVector(age),
    male: makeVector(male),
    female: makeVector(female),
  });
}

/** The built files, by name. */
export interface BuiltData {
  readonly [file: string]: Uint8Array;
}

/** Builds every data file in memory from the raw files under `root/data/raw`. */
export function buildData(root: string = packageRoot()): BuiltData {
  const population = buildPopulationBySex(root);
  const mortality = buildMortality(root);
  return {
    'areas.arrow': tableToIPC(buildAreas(root, population), 'file'),
    'area-mortality.arrow': tableToIPC(buildAreaMortality(root, population), 'file'),
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
