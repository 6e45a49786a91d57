import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../engine/io/reference-data.js';
import { areaRegistry, resolveArea } from '../../../models/areas/registry.js';
import { loadPrevalenceCalibration } from '../../../models/prevalence/calibration.js';
import type { PrevalenceIntervention, PrevalencePlan } from '../../../models/prevalence/model.js';
import { runChain } from '../run-chain.js';
import { CONDITIONS, type Condition } from '../../../models/prevalence/types.js';

const data = loadReferenceData();
const registry = areaRegistry(data);
const calibration = loadPrevalenceCalibration();

function plan(overrides: Partial<PrevalencePlan> = {}): PrevalencePlan {
  return {
    conditions: [...CONDITIONS],
    interventions: [],
    assumptions: {},
    route: 'auto',
    ...overrides,
  };
}

/** Runs one replicate of population and prevalence. */
function run(code: string, baseYear: number, p: PrevalencePlan, replicate = 0, seed = 3) {
  return runChain(code, { baseYear, prevalence: p, replicate, seed });
}

function registerOf(codes: readonly string[], condition: Condition): number {
  const c = calibration.conditions.find((x) => x.code === condition)!;
  return codes.reduce((s, code) => s + (c.register[code] ?? 0), 0);
}

const intervention = (over: Partial<PrevalenceIntervention>): PrevalenceIntervention => ({
  name: 'prevention',
  condition: 'DM',
  actsOn: 'incidence',
  effect: { dist: 'fixed', value: 0.2 },
  startYear: 2021,
  rampYears: 2,
  deciles: [],
  costPerYear: { dist: 'fixed', value: 500_000 },
  ...over,
});

describe('prevalence model', () => {
  it('reproduces every 2019/20 register exactly on the mid-2019 population', () => {
    for (const code of ['E08000025', 'E06000053', 'E12000007']) {
      const area = resolveArea(registry, code);
      for (const replicate of [0, 7]) {
        const r = run(code, 2019, plan(), replicate);
        for (const condition of CONDITIONS)
          expect(
            r.get(`register_${condition}`, 2019) / registerOf(area.members, condition),
          ).toBeCloseTo(1, 10);
      }
    }
  });

  it('gives the same registers by the incidence route as by the prevalence route, within 0.5 % over five years', () => {
    const a = run('E08000025', 2020, plan(), 4);
    const b = run('E08000025', 2020, plan({ route: 'incidence' }), 4);
    for (const condition of CONDITIONS)
      for (let year = 2020; year <= 2025; ++year) {
        const x = a.get(`register_${condition}`, year);
        const y = b.get(`register_${condition}`, year);
        expect(Math.abs(y - x) / x, `${condition} ${year}`).toBeLessThan(0.005);
      }
  });

  it('leaves every result unchanged when an intervention has no effect (common random numbers)', () => {
    const a = run('E08000025', 2020, plan(), 2);
    const b = run(
      'E08000025',
      2020,
      plan({ interventions: [intervention({ effect: { dist: 'fixed', value: 0 } })] }),
      2,
    );
    for (const [i, cell] of a.cells.entries())
      expect(b.get(cell.metric, cell.year), cell.metric).toBe(a.out[i]);
    expect(b.get('cases_avoided_DM', 2025)).toBe(0);
  });

  it('lowers diabetes with a lag when prevention cuts incidence, less when it reaches only the most deprived', () => {
    const base = run('E08000025', 2020, plan(), 1);
    const all = run('E08000025', 2020, plan({ interventions: [intervention({})] }), 1);
    const deprived = run(
      'E08000025',
      2020,
      plan({ interventions: [intervention({ deciles: [1, 2, 3] })] }),
      1,
    );
    expect(all.get('register_DM', 2020)).toBe(base.get('register_DM', 2020));
    let previous = 0;
    for (let year = 2021; year <= 2025; ++year) {
      const avoided = all.get('cases_avoided_DM', year);
      expect(avoided).toBeGreaterThan(previous);
      previous = avoided;
      expect(all.get('register_DM', year)).toBeLessThan(base.get('register_DM', year));
      expect(deprived.get('cases_avoided_DM', year)).toBeLessThan(avoided);
      expect(deprived.get('cases_avoided_DM', year)).toBeGreaterThan(0);
    }
    // Prevention builds up: after five years far less than 20 % of cases are avoided.
    expect(previous / base.get('true_cases_DM', 2025)).toBeLessThan(0.1);
    // Other conditions do not move.
    expect(all.get('register_HYP', 2025)).toBe(base.get('register_HYP', 2025));
    expect(all.get('intervention_cost', 2021)).toBe(500_000);
  });

  it('raises the register but not the true cases when case-finding improves detection', () => {
    const base = run('E08000025', 2020, plan(), 5);
    const found = run(
      'E08000025',
      2020,
      plan({
        interventions: [
          intervention({
            actsOn: 'detection',
            effect: { dist: 'fixed', value: 0.1 },
            rampYears: 0,
          }),
        ],
      }),
      5,
    );
    const ratio = found.get('register_DM', 2023) / base.get('register_DM', 2023);
    expect(ratio).toBeGreaterThan(1.0999);
    expect(ratio).toBeLessThanOrEqual(1.1 + 1e-12);
    expect(found.get('true_cases_DM', 2023)).toBeCloseTo(base.get('true_cases_DM', 2023), 6);
    expect(found.get('extra_registered_DM', 2023)).toBeCloseTo(
      found.get('register_DM', 2023) - base.get('register_DM', 2023),
      6,
    );
  });

  it("follows England's published registers through 2022-23 in every replicate", () => {
    // From mid-2020 the default trends follow the England QOF series (net of ageing) to 2022-23,
    // so England's 2022-23 prevalence is the published one up to the projected population's
    // ageing and list inflation (within 1 %), whatever slope a replicate draws.
    for (const replicate of [3, 11]) {
      const r = run('E92000001', 2020, plan(), replicate);
      for (const series of calibration.england) {
        const last = series.points.at(-1)!;
        if (last.year !== 2022) continue;
        const published = (100 * last.register) / last.list;
        const projected = r.get(`prevalence_${series.code}`, 2022);
        expect(Math.abs(projected / published - 1), series.code).toBeLessThan(0.01);
      }
    }
  });

  it("applies a scenario's trend from the base year, straight: 0 holds base-year rates", () => {
    const steep = run(
      'E08000035',
      2020,
      plan({ assumptions: { trend: { DM: { dist: 'fixed', value: 0.05 } } } }),
      3,
    );
    const flat = run(
      'E08000035',
      2020,
      plan({ assumptions: { trend: { DM: { dist: 'fixed', value: 0 } } } }),
      3,
    );
    const byDefault = run('E08000035', 2020, plan(), 3);
    expect(steep.get('register_DM', 2020)).toBe(byDefault.get('register_DM', 2020));
    expect(flat.get('register_DM', 2020)).toBe(byDefault.get('register_DM', 2020));
    for (let j = 1; j <= 5; ++j)
      expect(steep.get('register_DM', 2020 + j) / flat.get('register_DM', 2020 + j)).toBeCloseTo(
        Math.exp(0.05 * j),
        10,
      );
    // Other registers keep their default.
    expect(steep.get('register_HYP', 2024)).toBe(byDefault.get('register_HYP', 2024));
  });

  it('keeps prevalence within (0, 100) % and true cases at least the register', () => {
    const r = run('E06000001', 2020, plan(), 9);
    for (const condition of CONDITIONS)
      for (let year = 2020; year <= 2025; ++year) {
        const p = r.get(`prevalence_${condition}`, year);
        expect(p, `${condition} ${year}`).toBeGreaterThan(0);
        expect(p).toBeLessThan(100);
        if (r.cells.some((c) => c.metric === `true_cases_${condition}`))
          expect(r.get(`true_cases_${condition}`, year)).toBeGreaterThanOrEqual(
            r.get(`register_${condition}`, year),
          );
      }
  });
});
