import { describe, expect, it } from 'vitest';
import { AGES } from '../../../engine/kernels/cohort.js';
import { lifeExpectancyAtBirth } from '../../../engine/kernels/life-table.js';
import { loadReferenceData, type ReferenceData } from '../../../engine/io/reference-data.js';
import { areaRegistry, resolveArea } from '../../../models/areas/registry.js';
import {
  areaPopulation,
  drawPopulation,
  memberPopulation,
  populationWork,
  preparePopulation,
  projectPopulation,
  simulatePopulation,
  POPULATION_METRICS,
  type PopulationInputs,
} from '../../../models/population/model.js';

const data = loadReferenceData();
const registry = areaRegistry(data);
const BIRMINGHAM = resolveArea(registry, 'E08000025');

function run(inputs: PopulationInputs, seed: number, replicate: number): Float64Array {
  const out = new Float64Array(inputs.cells.length);
  simulatePopulation(inputs, seed, replicate, populationWork(inputs.horizon), out);
  return out;
}

function cell(inputs: PopulationInputs, out: Float64Array, year: number, metric: string): number {
  const i = inputs.cells.findIndex((c) => c.year === year && c.metric === metric);
  if (i < 0) throw new Error(`no cell ${year} ${metric}`);
  return out[i]!;
}

describe('memberPopulation', () => {
  it("is the reference data's own series, whose sums from zero are areaPopulation's of the one member", () => {
    const series = memberPopulation(data, 'E08000025');
    expect(series).toBe(data.population.get('E08000025'));
    const copy = areaPopulation(data, ['E08000025']);
    for (let year = 0; year < series.years; ++year) {
      let own = 0;
      let copied = 0;
      for (let a = 0; a < AGES; ++a) {
        own += series.values[year * AGES + a]!;
        copied += copy.values[year * AGES + a]!;
      }
      expect(own).toBe(copied);
    }
  });

  it('names the local authority it has no estimates for', () => {
    expect(() => memberPopulation(data, 'E99999999')).toThrow(/E99999999: no population estimates/);
  });
});

describe('population model', () => {
  it('conserves people with no births, deaths or migration: the total is unchanged and everyone ages one year', () => {
    const inputs = preparePopulation(data, BIRMINGHAM, 2015, 5, {
      fertility_multiplier: { dist: 'fixed', value: 0 },
      mortality_ratio_multiplier: { dist: 'fixed', value: 0 },
      net_migration_multiplier: { dist: 'fixed', value: 0 },
      net_migration_shift: { dist: 'fixed', value: 0 },
    });
    const work = populationWork(5);
    const out = new Float64Array(inputs.cells.length);
    simulatePopulation(inputs, 1, 0, work, out);
    const base = inputs.basePop.reduce((s, x) => s + x, 0);
    for (let year = 2016; year <= 2020; ++year) {
      expect(cell(inputs, out, year, 'population_total')).toBe(base);
      expect(cell(inputs, out, year, 'births')).toBe(0);
      expect(cell(inputs, out, year, 'deaths')).toBe(0);
      expect(cell(inputs, out, year, 'net_migration')).toBe(0);
    }
    const t = work.trajectory;
    for (let j = 1; j <= 5; ++j) {
      for (let a = 0; a < j; ++a) expect(t[j * AGES + a]).toBe(0);
      for (let a = j; a < 90; ++a) expect(t[j * AGES + a]).toBe(inputs.basePop[a - j]);
      for (let a = j; a < 90; ++a)
        expect(work.trajectoryMale[j * AGES + a]).toBe(inputs.basePopMale[a - j]);
    }
  });

  it('balances every year: total = previous total + births − deaths + net migration; bands sum to the total', () => {
    const inputs = preparePopulation(data, BIRMINGHAM, 2023, 5);
    for (const replicate of [0, 1, 2]) {
      const out = run(inputs, 11, replicate);
      for (let year = 2024; year <= 2028; ++year) {
        const total = cell(inputs, out, year, 'population_total');
        const sexes =
          cell(inputs, out, year, 'population_male') + cell(inputs, out, year, 'population_female');
        expect(Math.abs(sexes - total) / total).toBeLessThan(1e-12);
        const flow =
          cell(inputs, out, year - 1, 'population_total') +
          cell(inputs, out, year, 'births') -
          cell(inputs, out, year, 'deaths') +
          cell(inputs, out, year, 'net_migration');
        expect(Math.abs(total - flow) / total).toBeLessThan(1e-12);
        const bands = [
          'population_0_15',
          'population_16_64',
          'population_65_84',
          'population_85_plus',
        ]
          .map((m) => cell(inputs, out, year, m))
          .reduce((s, x) => s + x, 0);
        expect(Math.abs(bands - total) / total).toBeLessThan(1e-12);
      }
    }
  });

  it('uses only population data up to the base year and mortality up to the period centred on it', () => {
    // Change every estimate after 2018 and every death rate of a period ending after 2019:
    // the inputs of a 2018 projection must not move.
    const triple = (v: Float64Array, from: number): Float64Array =>
      v.map((x, i) => (i >= from ? x * 3 : x));
    const altered: ReferenceData = {
      ...data,
      population: new Map(
        [...data.population].map(([code, s]) => {
          const from = (2019 - s.firstYear) * AGES;
          return [
            code,
            {
              ...s,
              values: triple(s.values, from),
              male: triple(s.male, from),
              female: triple(s.female, from),
            },
          ];
        }),
      ),
      mortality: data.mortality.map((p) =>
        p.endYear > 2019
          ? { ...p, mx: p.mx.map((m) => m * 5), mxMale: p.mxMale.map((m) => m * 5) }
          : p,
      ),
      areaMortality: new Map(
        [...data.areaMortality].map(([code, m]) => [
          code,
          {
            ...m,
            male: triple(m.male, 2020 - m.firstEnd),
            female: triple(m.female, 2020 - m.firstEnd),
          },
        ]),
      ),
    };
    const a = preparePopulation(data, BIRMINGHAM, 2018, 5);
    const b = preparePopulation(altered, BIRMINGHAM, 2018, 5);
    expect(b.basePop).toEqual(a.basePop);
    expect(b.trendMxMale).toEqual(a.trendMxMale);
    expect(b.fertility).toBe(a.fertility);
    expect(b.migrationFemale).toEqual(a.migrationFemale);
    expect(b.defaults).toEqual(a.defaults);
    expect(run(b, 3, 4)).toEqual(run(a, 3, 4));
  });

  it("reproduces each sex's published life expectancy in the base year (OHID, period centred on it)", () => {
    // Blackpool 2020-22: males 73.4, the lowest in England; Birmingham 2022-24 from the raw file.
    const blackpool = preparePopulation(data, resolveArea(registry, 'E06000009'), 2021, 1);
    expect(blackpool.history.levelPeriodEnd).toBe(2022);
    expect(lifeExpectancyAtBirth(blackpool.trendMxMale)).toBeCloseTo(73.4, 6);
    const level = data.areaMortality.get('E08000025')!;
    const k = 2024 - level.firstEnd;
    const birmingham = preparePopulation(data, BIRMINGHAM, 2023, 1);
    expect(lifeExpectancyAtBirth(birmingham.trendMxMale)).toBeCloseTo(
      level.lifeExpectancyMale[k]!,
      6,
    );
    expect(lifeExpectancyAtBirth(birmingham.trendMxFemale)).toBeCloseTo(
      level.lifeExpectancyFemale[k]!,
      6,
    );
  });

  it('starts mid-2023 from the 2022-24 mortality and projects the pre-pandemic trend', () => {
    const from2023 = preparePopulation(data, BIRMINGHAM, 2023, 5);
    expect(from2023.history.mortalityPeriod).toBe('2022-2024');
    expect(from2023.history.levelPeriodEnd).toBe(2024);
    // The trend is that of the ONS tables 2012-14 → 2017-19, the same as from mid-2018.
    const from2018 = preparePopulation(data, BIRMINGHAM, 2018, 5);
    expect(from2023.improvement).toEqual(from2018.improvement);
    const mean = from2023.improvement.reduce((s, x) => s + x, 0) / AGES;
    expect(mean).toBeGreaterThan(0);
    expect(mean).toBeLessThan(0.03);
  });

  it('splits births by the sex ratio at birth, which the estimates confirm', () => {
    // England's boys per girl aged 0 at mid-year, 2011-2023 (rebased estimates): 1.04-1.06.
    const england = resolveArea(registry, 'E92000001');
    const inputs = preparePopulation(data, england, 2023, 1);
    for (let year = 2011; year <= 2023; ++year) {
      let boys = 0;
      let girls = 0;
      for (const code of england.members) {
        const s = data.population.get(code)!;
        boys += s.male[(year - s.firstYear) * AGES]!;
        girls += s.female[(year - s.firstYear) * AGES]!;
      }
      expect(boys / girls).toBeGreaterThan(1.04);
      expect(boys / girls).toBeLessThan(1.06);
    }
    const work = populationWork(1);
    const out = new Float64Array(inputs.cells.length);
    simulatePopulation(inputs, 1, 0, work, out);
    // Newborns at the next mid-year: births × share × infant survival, per sex.
    const ratio = work.trajectoryMale[AGES]! / work.trajectoryFemale[AGES]!;
    const migration = inputs.migrationMale[0]! - inputs.migrationFemale[0]!;
    expect(migration).toBe(0);
    expect(ratio).toBeGreaterThan(1.045);
    expect(ratio).toBeLessThan(1.05);
  });

  it('draws each parameter from its own stream: overriding one leaves the others unchanged', () => {
    const plain = preparePopulation(data, BIRMINGHAM, 2023, 5);
    const other = preparePopulation(data, BIRMINGHAM, 2023, 5, {
      fertility_multiplier: { dist: 'pert', min: 0.8, mode: 0.9, max: 1.2 },
    });
    const a = drawPopulation(plain, 5, 17);
    const b = drawPopulation(other, 5, 17);
    expect(b.fertility_multiplier).not.toBe(a.fertility_multiplier);
    expect(b.mortality_ratio_multiplier).toBe(a.mortality_ratio_multiplier);
    expect(b.mortality_improvement_shift).toBe(a.mortality_improvement_shift);
    expect(b.net_migration_shift).toBe(a.net_migration_shift);
    // An override equal to the default changes nothing at all.
    const same = preparePopulation(data, BIRMINGHAM, 2023, 5, {
      net_migration_multiplier: { dist: 'fixed', value: 1 },
    });
    expect(run(same, 5, 17)).toEqual(run(plain, 5, 17));
  });

  it('projects an aggregate as the sum of its local authorities at the base year', () => {
    const london = resolveArea(registry, 'E12000007');
    expect(london.members).toHaveLength(33);
    const inputs = preparePopulation(data, london, 2023, 1);
    let expected = 0;
    for (const code of london.members) {
      const s = data.population.get(code)!;
      const offset = (2023 - s.firstYear) * AGES;
      for (let a = 0; a < AGES; ++a) expected += s.values[offset + a]!;
    }
    expect(inputs.basePop.reduce((s, x) => s + x, 0)).toBe(expected);
  });

  it('gives plausible components for England', () => {
    const england = resolveArea(registry, 'E92000001');
    const inputs = preparePopulation(data, england, 2023, 5);
    expect(inputs.mortalityRatio).toBeGreaterThan(0.98);
    expect(inputs.mortalityRatio).toBeLessThan(1.02);
    const p = drawPopulation(inputs, 1, 0);
    const out = new Float64Array(inputs.cells.length);
    projectPopulation(
      inputs,
      {
        ...p,
        fertility_multiplier: 1,
        mortality_ratio_multiplier: 1,
        mortality_improvement_shift: 0,
        net_migration_shift: 0,
      },
      populationWork(5),
      out,
    );
    // England 2023/24: about 570,000 births and 500,000-580,000 deaths a year (ONS).
    expect(cell(inputs, out, 2024, 'births')).toBeGreaterThan(520_000);
    expect(cell(inputs, out, 2024, 'births')).toBeLessThan(620_000);
    expect(cell(inputs, out, 2024, 'deaths')).toBeGreaterThan(470_000);
    expect(cell(inputs, out, 2024, 'deaths')).toBeLessThan(600_000);
    expect(POPULATION_METRICS).toHaveLength(10);
  });

  it('refuses a base year without history', () => {
    expect(() => preparePopulation(data, BIRMINGHAM, 2001, 5)).toThrow(
      /base year: expected 2002 to 2023/,
    );
    expect(() => preparePopulation(data, BIRMINGHAM, 2024, 5)).toThrow(/found 2024/);
  });
});
