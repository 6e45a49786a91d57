import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../data/build.js';
import { builtDataDir, packageRoot } from '../../engine/io/paths.js';
import { AGE_GROUPS, loadReferenceData } from '../../engine/io/reference-data.js';
import { lifeExpectancyAtBirth } from '../../engine/kernels/life-table.js';

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
  }, 120_000);

  it('has every English local authority of April 2023, each with population by sex, region, ICB and mortality level', () => {
    const lads = data.areas.filter((a) => a.kind === 'lad');
    expect(lads).toHaveLength(296);
    expect(data.areas.filter((a) => a.kind === 'region')).toHaveLength(9);
    expect(data.areas.filter((a) => a.kind === 'icb')).toHaveLength(42);
    for (const lad of lads) {
      const series = data.population.get(lad.code);
      expect(series, lad.code).toBeDefined();
      expect(series!.firstYear).toBe(2001);
      expect(series!.years).toBe(23);
      expect(
        data.areas.some((a) => a.code === lad.parent && a.kind === 'region'),
        lad.code,
      ).toBe(true);
      expect(
        data.areas.some((a) => a.code === lad.icb && a.kind === 'icb'),
        lad.code,
      ).toBe(true);
      const level = data.areaMortality.get(lad.code)!;
      expect(level.firstEnd).toBe(2017);
      for (const r of [...level.male, ...level.female]) {
        expect(r, lad.code).toBeGreaterThan(0.6);
        expect(r, lad.code).toBeLessThan(1.8);
      }
    }
  });

  it('loses no one: local authorities sum to the published England totals by sex', () => {
    // PROVENANCE.md: the 296 LADs sum to England exactly for ages 0-84 in every year, and within
    // 66 persons for all ages; England 2023 is 57,690,323.
    const rows = raw('ons-mye-lad23-syoa-sex-2001-2023/mye_2001_2023_lad23_syoa_sex.csv').filter(
      (r) => r.area_code === 'E92000001',
    );
    for (const year of [2001, 2011, 2020, 2023]) {
      for (const sex of ['M', 'F'] as const) {
        const published = rows
          .filter((r) => r.sex === sex)
          .map((r) => Number(r[`population_${year}`]));
        let under85 = 0;
        let all = 0;
        for (const s of data.population.values()) {
          const v = sex === 'M' ? s.male : s.female;
          const offset = (year - s.firstYear) * AGE_GROUPS;
          for (let a = 0; a < AGE_GROUPS; ++a) {
            all += v[offset + a]!;
            if (a < 85) under85 += v[offset + a]!;
          }
        }
        expect(under85).toBe(published.slice(0, 85).reduce((t, x) => t + x, 0));
        expect(Math.abs(all - published.reduce((t, x) => t + x, 0))).toBeLessThanOrEqual(66);
      }
    }
    const england2023 = rows.reduce((t, r) => t + Number(r.population_2023), 0);
    expect(england2023).toBe(57_690_323);
  });

  it('resolves the districts merged in 2019-2023 to their April 2023 successors', () => {
    const former = data.areas.filter((a) => a.kind === 'former');
    const byCode = new Map(former.map((a) => [a.code, a.successor]));
    expect(byCode.get('E07000026')).toBe('E06000063'); // Allerdale → Cumberland
    expect(byCode.get('E07000030')).toBe('E06000064'); // Eden → Westmorland and Furness
    expect(byCode.get('E07000163')).toBe('E06000065'); // Craven → North Yorkshire
    expect(byCode.get('E07000187')).toBe('E06000066'); // Mendip → Somerset
    expect(byCode.get('E07000004')).toBe('E06000060'); // Aylesbury Vale → Buckinghamshire
    // Chained: Taunton Deane → Somerset West and Taunton (2019) → Somerset (2023).
    expect(byCode.get('E07000190')).toBe('E06000066');
    const lads = new Set(data.areas.filter((a) => a.kind === 'lad').map((a) => a.code));
    for (const [code, to] of byCode) expect(lads.has(to), code).toBe(true);
  });

  it('builds each ICB from whole local authorities that sum to the ONS ICB estimate', () => {
    const rows = raw('ons-mye-lad23-syoa-sex-2001-2023/mye_2001_2023_lad23_syoa_sex.csv');
    const published = new Map<string, number>();
    for (const r of rows)
      if (r.area_type === 'ICB')
        published.set(r.area_code!, (published.get(r.area_code!) ?? 0) + Number(r.population_2023));
    for (const icb of data.areas.filter((a) => a.kind === 'icb')) {
      let sum = 0;
      for (const lad of data.areas.filter((a) => a.icb === icb.code)) {
        const s = data.population.get(lad.code)!;
        const offset = (2023 - s.firstYear) * AGE_GROUPS;
        for (let a = 0; a < AGE_GROUPS; ++a) sum += s.values[offset + a]!;
      }
      expect(Math.abs(sum - published.get(icb.code)!), icb.code).toBeLessThanOrEqual(10);
    }
  });

  it('combines male and female life tables into persons rates between the two', () => {
    const latest = data.mortality.find((p) => p.period === '2017-2019')!;
    expect(latest.lifeTable).toBe(true);
    const rows = raw(
      'ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv',
    ).filter((r) => r.period === '2017-2019');
    for (const age of [0, 30, 60, 85]) {
      const m = Number(rows.find((r) => r.sex === 'male' && Number(r.age) === age)?.mx);
      const f = Number(rows.find((r) => r.sex === 'female' && Number(r.age) === age)?.mx);
      expect(latest.mxMale[age]).toBe(m);
      expect(latest.mx[age]).toBeGreaterThan(Math.min(m, f));
      expect(latest.mx[age]).toBeLessThan(Math.max(m, f));
    }
    // The open group 90+: the stationary rate 1/e90 of each sex, combined.
    const e90m = Number(rows.find((r) => r.sex === 'male' && r.age === '90')?.ex);
    const e90f = Number(rows.find((r) => r.sex === 'female' && r.age === '90')?.ex);
    expect(latest.mx[90]).toBeGreaterThan(1 / e90f);
    expect(latest.mx[90]).toBeLessThan(1 / e90m);
  });

  it("extends national rates after 2017-19 to England's published life expectancy by sex (OHID)", () => {
    // England (PROVENANCE.md): 2020-22 M 78.9 / F 82.8; 2023-25 M 79.7 / F 83.5.
    const scaled = data.mortality.filter((p) => !p.lifeTable);
    expect(scaled.map((p) => p.period)).toEqual([
      '2018-2020',
      '2019-2021',
      '2020-2022',
      '2021-2023',
      '2022-2024',
      '2023-2025',
    ]);
    const p2022 = scaled.find((p) => p.endYear === 2022)!;
    expect(lifeExpectancyAtBirth(p2022.mxMale)).toBeCloseTo(78.9, 9);
    expect(lifeExpectancyAtBirth(p2022.mxFemale)).toBeCloseTo(82.8, 9);
    const p2025 = scaled.at(-1)!;
    expect(lifeExpectancyAtBirth(p2025.mxMale)).toBeCloseTo(79.7, 9);
    expect(lifeExpectancyAtBirth(p2025.mxFemale)).toBeCloseTo(83.5, 9);
  });

  it('fills the areas without a published life expectancy from their region', () => {
    // NA in the OHID file: the City of London and the Isles of Scilly.
    for (const code of ['E09000001', 'E06000053']) {
      const level = data.areaMortality.get(code)!;
      expect(Number.isNaN(level.lifeExpectancyMale.at(-1)), code).toBe(true);
      expect(level.male.at(-1)).toBeGreaterThan(0.7);
      expect(level.male.at(-1)).toBeLessThan(1.3);
    }
  });
});
