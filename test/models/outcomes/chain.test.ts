/**
 * The outcomes model in the chain: base-year life expectancy equals each area's published value,
 * a zero-effect intervention leaves every outcome identical (common random numbers), and
 * case-finding in deciles 1-3 averts deaths and narrows the gap between deciles 1 and 10.
 */
import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../engine/io/reference-data.js';
import { createSimulation } from '../../../models/chain/simulation.js';
import { areaRegistry, resolveArea } from '../../../models/areas/registry.js';
import { outcomesData } from '../../../models/outcomes/index.js';
import { chainPayload } from '../../../models/run-scenario.js';
import { parseScenario } from '../../../models/scenario/schema.js';

const data = loadReferenceData();
const registry = areaRegistry(data);

/** One replicate of `input` for `code`, with a lookup by metric and year. */
function replicate(input: Record<string, unknown>, code: string, r = 0) {
  const scenario = parseScenario({ model: 'outcomes', area: code, ...input });
  const sim = createSimulation(chainPayload(scenario, resolveArea(registry, code)));
  const out = new Float64Array(sim.cells.length);
  sim.simulate(r, out, 0);
  return (metric: string, year: number): number =>
    out[sim.cells.findIndex((c) => c.metric === metric && c.year === year)]!;
}

const caseFinding = (effect: unknown) => ({
  interventions: [
    {
      name: 'bp',
      condition: 'HYP',
      acts_on: 'detection',
      effect,
      start_year: 2024,
      deciles: [1, 2, 3],
    },
  ],
});

describe('outcomes in the chain', () => {
  it('reproduces each area’s published life expectancy by sex (within 0.1 years) and its PHE gap between deciles 1 and 10 (within 0.5) in the base year', () => {
    let worst = 0;
    let checked = 0;
    let worstGap = 0;
    let gaps = 0;
    const outcomes = outcomesData();
    for (const lad of registry.lads) {
      const published = data.areaMortality.get(lad.code);
      if (!published) continue;
      // The period the population model calibrates the 2023 base year to: 2022-24.
      const k = 2024 - published.firstEnd;
      const male = published.lifeExpectancyMale[k]!;
      const female = published.lifeExpectancyFemale[k]!;
      if (!Number.isFinite(male) || !Number.isFinite(female)) continue;
      const get = replicate({ horizon: 1, prevalence: { conditions: ['HYP'] } }, lad.code);
      worst = Math.max(
        worst,
        Math.abs(get('le_birth_male', 2023) - male),
        Math.abs(get('le_birth_female', 2023) - female),
      );
      ++checked;
      // The gap between deciles 1 and 10 keeps the PHE decile data's, on today's level.
      const deciles = outcomes.areas[lad.code];
      if (!deciles) continue;
      for (const sex of ['male', 'female'] as const) {
        const e = deciles[sex];
        if (e.suppressed.includes(1) || e.suppressed.includes(10)) continue;
        const gap = get(`gap_le_${sex}`, 2023) - (e.le[9]! - e.le[0]!);
        worstGap = Math.max(worstGap, Math.abs(gap));
        ++gaps;
      }
    }
    expect(checked).toBeGreaterThan(280);
    expect(worst).toBeLessThan(0.1);
    expect(gaps).toBeGreaterThan(500);
    expect(worstGap).toBeLessThan(0.5);
  }, 120_000);

  it('leaves every outcome identical under a zero-effect intervention', () => {
    const base = replicate({}, 'E06000009', 7);
    const zero = replicate(caseFinding(0), 'E06000009', 7);
    for (const metric of [
      'le_birth_male',
      'le_65_female',
      'sii_le_male',
      'gap_le_female',
      'u75_mortality_dsr',
    ])
      for (const year of [2023, 2025, 2028])
        expect(zero(metric, year), metric).toBe(base(metric, year));
    expect(zero('deaths_averted', 2028)).toBe(0);
    for (const metric of ['deaths', 'population_total', 'population_85_plus'])
      for (const year of [2024, 2028]) expect(zero(metric, year), metric).toBe(base(metric, year));
  });

  it('averts deaths with case-finding in deciles 1-3, raising life expectancy and narrowing the gap', () => {
    const base = replicate({}, 'E06000009', 3);
    const plan = replicate(caseFinding(0.15), 'E06000009', 3);
    expect(plan('deaths_averted', 2023)).toBe(0);
    expect(plan('deaths_averted', 2026)).toBeGreaterThan(0);
    expect(plan('life_years_gained', 2026)).toBeGreaterThan(plan('deaths_averted', 2026));
    for (const sex of ['male', 'female']) {
      expect(plan(`le_birth_${sex}`, 2026)).toBeGreaterThan(base(`le_birth_${sex}`, 2026));
      expect(plan(`gap_le_${sex}`, 2026)).toBeLessThan(base(`gap_le_${sex}`, 2026));
      expect(plan(`sii_le_${sex}`, 2026)).toBeLessThan(base(`sii_le_${sex}`, 2026));
    }
    expect(plan('u75_mortality_dsr', 2026)).toBeLessThan(base('u75_mortality_dsr', 2026));
  });

  it('feeds the deaths averted back into the population: they equal the difference in deaths between paired runs', () => {
    const base = replicate({}, 'E06000009', 5);
    const plan = replicate(caseFinding([0.1, 0.2]), 'E06000009', 5);
    let saved = 0;
    for (let year = 2024; year <= 2028; ++year) {
      const averted = plan('deaths_averted', year);
      const difference = base('deaths', year) - plan('deaths', year);
      expect(Math.abs(difference - averted), `${year}`).toBeLessThan(1e-9 * base('deaths', year));
      saved += averted;
      // The people kept alive stay in the population, net of their own later deaths.
      const extra = plan('population_total', year) - base('population_total', year);
      expect(extra, `${year}`).toBeCloseTo(saved, 6);
      expect(
        plan('population_male', year) +
          plan('population_female', year) -
          plan('population_total', year),
      ).toBeCloseTo(0, 6);
      // Conservation: the stock moves by births − deaths + net migration.
      const flow =
        plan('population_total', year - 1) +
        plan('births', year) -
        plan('deaths', year) +
        plan('net_migration', year);
      expect(plan('population_total', year), `${year}`).toBeCloseTo(flow, 6);
    }
    expect(plan('deaths_averted', 2028)).toBeGreaterThan(0);
    expect(saved).toBeGreaterThan(plan('deaths_averted', 2028));
  });

  it('writes the indicators plans read: emergency admissions per 1,000 and each detection rate', () => {
    const base = replicate({}, 'E06000009', 2);
    const plan = replicate(caseFinding(0.15), 'E06000009', 2);
    for (const year of [2023, 2026]) {
      const per1000 = (1000 * base('nel_admissions', year)) / base('population_total', year);
      expect(base('nel_admissions_per_1000', year)).toBeCloseTo(per1000, 9);
      const detection = base('register_HYP', year) / base('true_cases_HYP', year);
      expect(base('detection_rate_HYP', year)).toBeCloseTo(detection, 12);
      expect(base('detection_rate_DM', year)).toBeGreaterThan(0.5);
      expect(base('detection_rate_DM', year)).toBeLessThan(1);
    }
    // Case-finding raises the register, not the true cases: detection rises.
    expect(plan('detection_rate_HYP', 2026)).toBeGreaterThan(
      base('detection_rate_HYP', 2026) + 0.01,
    );
    expect(plan('detection_rate_DM', 2026)).toBe(base('detection_rate_DM', 2026));
    // Registers without a detection ratio have no true cases and so no detection rate.
    expect(base('detection_rate_AST', 2026)).toBeUndefined();
    // England: about 6.33 million emergency admissions (2023/24) for 57.7 million residents.
    const england = replicate({ horizon: 1 }, 'E92000001');
    expect(england('nel_admissions_per_1000', 2023)).toBeGreaterThan(100);
    expect(england('nel_admissions_per_1000', 2023)).toBeLessThan(125);
  });

  it('gives a region and England their own decile rows', () => {
    const england = replicate({ horizon: 1 }, 'E92000001');
    // England's SII in life expectancy at birth is about 9.4 years for males (PHE, 2015-17).
    expect(england('sii_le_male', 2023)).toBeGreaterThan(8);
    expect(england('sii_le_male', 2023)).toBeLessThan(11);
    expect(england('le_birth_female', 2023)).toBeGreaterThan(england('le_birth_male', 2023));
  });
});
