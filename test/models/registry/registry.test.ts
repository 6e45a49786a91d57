import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../models/chain/simulation.js';
import { chainOf, chainMetrics } from '../../../models/registry/models.js';
import {
  METRICS,
  assertRegistered,
  metricFilter,
  zeroWhenAbsent,
} from '../../../models/registry/metrics.js';
import { chainPayload } from '../../../models/run-scenario.js';
import { parseScenario } from '../../../models/scenario/schema.js';
import { runDictionaries, valuesBatch } from '../../../engine/run/encode.js';
import { areaRegistry, resolveArea } from '../../../models/areas/registry.js';
import { loadReferenceData } from '../../../engine/io/reference-data.js';

const plan = parseScenario({
  area: 'E06000001',
  attribution: true,
  capacity: { beds: 400 },
  interventions: [
    { name: 'x', condition: 'DM', acts_on: 'incidence', effect: 0.1, start_year: 2024 },
  ],
  levers: [{ name: 'y', kind: 'avoid', setting: 'nel_admissions', effect: 0.05, start_year: 2024 }],
});
const area = resolveArea(areaRegistry(loadReferenceData()), 'E06000001');

describe('the model registry', () => {
  it('composes each chain from the models before it, in order', () => {
    expect(chainOf('population').map((m) => m.name)).toEqual(['population']);
    expect(chainOf('demand').map((m) => m.name)).toEqual(['population', 'prevalence', 'demand']);
  });

  it('declares every cell a full plan writes, and every declared metric is registered', () => {
    const payload = chainPayload(plan, area);
    const declared = new Set(chainMetrics(payload));
    const simulation = createSimulation(payload);
    const written = new Set(simulation.cells.map((c) => c.metric));
    for (const m of written) expect(declared.has(m), m).toBe(true);
    expect(() => assertRegistered(declared)).not.toThrow();
    expect(written.has('cost_net')).toBe(true);
    expect(written.has('change_cost_net_interventions')).toBe(true);
  });

  it('writes the same values as the chain run model by model (cost_net = services + programmes)', () => {
    const simulation = createSimulation(chainPayload(plan, area));
    const out = new Float64Array(simulation.cells.length);
    simulation.simulate(3, out, 0);
    const get = (metric: string, year: number) =>
      out[simulation.cells.findIndex((c) => c.metric === metric && c.year === year)]!;
    for (const year of [2023, 2026, 2028])
      expect(get('cost_net', year)).toBe(get('cost_services', year) + get('cost_programmes', year));
    expect(get('cost_programmes', 2026)).toBe(
      get('intervention_cost', 2026) + get('lever_cost', 2026),
    );
    // The net change's parts add up to the change itself.
    const parts = ['demography', 'trend', 'interventions'].map((p) =>
      get(`change_cost_net_${p}`, 2028),
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(
      get('cost_net', 2028) - get('cost_net', 2023),
      4,
    );
  });
});

describe('the metric registry', () => {
  it('gives every metric a unit, a description and its model', () => {
    for (const m of METRICS.values()) {
      expect(m.unit.length, m.name).toBeGreaterThan(0);
      expect(m.description.length, m.name).toBeGreaterThan(10);
    }
    expect(METRICS.get('p_shortfall_beds')?.unit).toBe('probability');
    expect(METRICS.get('cost_net')?.unit).toBe('£ 2023/24');
    expect(METRICS.get('change_nel_admissions_trend')?.unit).toBe('admissions');
  });

  it('refuses a metric it does not know, in the registry and in the results writer', () => {
    expect(() => assertRegistered(['banana'])).toThrow(/"banana" is not in the metric registry/);
    const dictionaries = runDictionaries(['A'], ['population_total']);
    const cells = [{ year: 2020, metric: 'population_total' }];
    expect(() => valuesBatch(dictionaries, 'A', cells, 0, new Float64Array([1]))).not.toThrow();
    expect(() =>
      valuesBatch(dictionaries, 'A', [{ year: 2020, metric: 'x' }], 0, new Float64Array([1])),
    ).toThrow(/metric "x" is not among the run's declared metrics/);
    expect(() => metricFilter('--metrics', ['cost_*', 'nope'], ['cost_net'])).toThrow(
      /expected a metric this run produces.*found "nope"/,
    );
  });

  it('says which absent metrics mean 0 (programme costs, cases avoided) and which have no value', () => {
    expect(zeroWhenAbsent('cost_programmes')).toBe(true);
    expect(zeroWhenAbsent('cases_avoided_DM')).toBe(true);
    expect(zeroWhenAbsent('capacity_beds')).toBe(false);
    expect(zeroWhenAbsent('shortfall_beds')).toBe(false);
  });
});
