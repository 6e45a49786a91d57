import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../data/build.js';
import { builtDataDir, packageRoot } from '../../engine/io/paths.js';
import { AGE_GROUPS, loadReferenceData } from '../../engine/io/reference-data.js';

const data = loadReferenceData();
const raw = (path: string): Record<string, string>[] =>
  parse(readFileSync(join(packageRoot(), 'data', 'raw', path), 'utf8'), {
    columns: true,
    bom: true,
  });

describe('data build', () => {
  it('rebuilds the committed files byte for byte from the raw files', () => {
    const built = buildData();
    // Every built file is rebuilt (no stale file is left in data/built).
    const committedFiles = readdirSync(builtDataDir()).filter((f) => !f.startsWith('.'));
    expect(Object.keys(built).sort()).toEqual(committedFiles.sort());
    expect(Object.keys(built)).toEqual(
      expect.arrayContaining(['areas.arrow', 'population.arrow', 'mortality.arrow']),
    );
    for (const [file, bytes] of Object.entries(built)) {
      const committed = readFileSync(join(builtDataDir(), file));
      expect(
        Buffer.from(bytes).equals(committed),
        `${file} differs from a rebuild: run npm run data:build`,
      ).toBe(true);
    }
  }, 60_000);

  it('has every English local authority, each with population, region and mortality data', () => {
    const lads = data.areas.filter((a) => a.kind === 'lad');
    expect(lads).toHaveLength(309);
    expect(data.areas.filter((a) => a.kind === 'region')).toHaveLength(9);
    for (const lad of lads) {
      const series = data.population.get(lad.code);
      expect(series, lad.code).toBeDefined();
      expect(series!.firstYear).toBe(2001);
      expect(series!.years).toBe(20);
      expect(
        data.areas.some((a) => a.code === lad.parent && a.kind === 'region'),
        lad.code,
      ).toBe(true);
      expect(lad.leDeaths, lad.code).toBeGreaterThan(0);
      expect(lad.leExpected, lad.code).toBeGreaterThan(0);
    }
  });

  it('loses no one: local authorities sum to the source totals', () => {
    // The ONS file's 309 English local authorities sum to 56,550,138 in 2020 (PROVENANCE.md).
    let total = 0;
    for (const s of data.population.values()) {
      const offset = (2020 - s.firstYear) * AGE_GROUPS;
      for (let a = 0; a < AGE_GROUPS; ++a) total += s.values[offset + a]!;
    }
    expect(total).toBe(56_550_138);
    // Deaths: every local authority row of the PHE file, mapped to 2021 codes, is kept; the
    // City of London (absent from the file) gets England's total less all the others.
    const le = raw('phe-le-by-la-deprivation-decile/LE_testdata.csv');
    const ladDeaths = le
      .filter((r) => /^E0[6-9]/.test(r.GeoCode ?? ''))
      .reduce((s, r) => s + Number(r.Deaths), 0);
    const kept = data.areas
      .filter((a) => a.kind === 'lad' && a.mortalitySource !== 'England less other areas')
      .reduce((s, a) => s + a.leDeaths, 0);
    expect(kept).toBe(ladDeaths);
    const city = data.areas.filter((a) => a.mortalitySource === 'England less other areas');
    expect(city.map((a) => a.code)).toEqual(['E09000001']);
    // The PHE England row equals the sum of all local authorities, the City included.
    const england = le
      .filter((r) => r.GeoCode === 'England')
      .reduce((s, r) => s + Number(r.Deaths), 0);
    expect(kept + city[0]!.leDeaths).toBe(england);
    expect(city[0]!.leDeaths).toBe(107);
  });

  it('merges the 2019-2021 predecessors into their successors', () => {
    const bucks = data.areas.find((a) => a.code === 'E06000060');
    expect(bucks?.mortalitySource).toBe('predecessors summed');
    const le = raw('phe-le-by-la-deprivation-decile/LE_testdata.csv');
    const predecessors = ['E07000004', 'E07000005', 'E07000006', 'E07000007'];
    const deaths = le
      .filter((r) => predecessors.includes(r.GeoCode ?? ''))
      .reduce((s, r) => s + Number(r.Deaths), 0);
    expect(bucks?.leDeaths).toBe(deaths);
  });

  it('combines male and female life tables into persons rates between the two', () => {
    const latest = data.mortality.at(-1)!;
    expect(latest.period).toBe('2017-2019');
    const rows = raw(
      'ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv',
    ).filter((r) => r.period === '2017-2019');
    for (const age of [0, 30, 60, 85]) {
      const m = Number(rows.find((r) => r.sex === 'male' && Number(r.age) === age)?.mx);
      const f = Number(rows.find((r) => r.sex === 'female' && Number(r.age) === age)?.mx);
      expect(latest.mx[age]).toBeGreaterThan(Math.min(m, f));
      expect(latest.mx[age]).toBeLessThan(Math.max(m, f));
    }
    // The open group 90+: the stationary rate 1/e90 of each sex, combined.
    const e90m = Number(rows.find((r) => r.sex === 'male' && r.age === '90')?.ex);
    const e90f = Number(rows.find((r) => r.sex === 'female' && r.age === '90')?.ex);
    expect(latest.mx[90]).toBeGreaterThan(1 / e90f);
    expect(latest.mx[90]).toBeLessThan(1 / e90m);
  });
});
