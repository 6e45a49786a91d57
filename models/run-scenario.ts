/**
 * Runs a validated scenario: resolves its areas, plans one engine unit per area and hands them
 * to the Monte Carlo engine. This is the public entry the CLI calls; it does no maths itself.
 */
import { loadReferenceData } from '../engine/io/reference-data.js';
import {
  runMonteCarlo,
  type AreaSummary,
  type MonteCarloOptions,
  type RunUnit,
} from '../engine/run/run.js';
import { runnableModuleUrl } from '../engine/run/module-url.js';
import { InputError } from '../engine/errors.js';
import { areaRegistry, resolveArea, resolveGroup, type AreaRegistry } from './areas/registry.js';
import { POPULATION_METRICS, type AreaSpec } from './population/model.js';
import type { ChainPayload } from './chain/simulation.js';
import { loadPrevalenceCalibration } from './prevalence/calibration.js';
import { ATTRIBUTED_METRICS, ATTRIBUTION_PARTS, RESOURCES } from './demand/model.js';
import { SETTINGS } from './demand/types.js';
import type { ValidatedScenario } from './scenario/schema.js';

/** The most memory one area's replicate values may take (bytes) before a run is refused: the main thread holds them and the chunks they came from, about twice this at peak. */
export const MAX_AREA_VALUES_BYTES = 1024 ** 3;

/** Options of a run beyond the scenario itself (the engine's, less what the scenario gives). */
export interface RunScenarioOptions extends Pick<
  MonteCarloOptions,
  | 'threads'
  | 'chunkSize'
  | 'outPath'
  | 'onProgress'
  | 'signal'
  | 'failAt'
  | 'minReplicatesPerThread'
  | 'keepValues'
  | 'queue'
> {
  /** Only replicates from … to − 1 (default all of the scenario's). */
  readonly range?: { readonly from: number; readonly to: number };
}

/** What a run returns: the areas in output order and their summaries. */
export interface ScenarioResult {
  readonly scenario: ValidatedScenario;
  readonly areas: readonly AreaSpec[];
  readonly summaries: readonly AreaSummary[];
  readonly range: { readonly from: number; readonly to: number };
}

/** The areas a scenario projects, in order: its area codes ("all": every local authority), then its groups. */
export function scenarioAreas(scenario: ValidatedScenario, registry: AreaRegistry): AreaSpec[] {
  const areas: AreaSpec[] = [];
  scenario.areas.forEach((code, i) => {
    if (code.toLowerCase() === 'all') {
      for (const lad of registry.lads)
        areas.push({ code: lad.code, name: lad.name, members: [lad.code] });
    } else
      areas.push(resolveArea(registry, code, scenario.areas.length > 1 ? `area[${i}]` : 'area'));
  });
  scenario.groups.forEach((group, i) => areas.push(resolveGroup(registry, group, `groups[${i}]`)));
  const seen = new Set<string>();
  for (const a of areas) {
    if (seen.has(a.code))
      throw new InputError(`area: ${a.code} (${a.name}) is named more than once`);
    seen.add(a.code);
  }
  return areas;
}

function modelUrl(): string {
  const self = import.meta.url;
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  return runnableModuleUrl(new URL(`./chain/simulation${ext}`, self).href);
}

/** Prevalence metric prefixes by condition, in output order. */
const CONDITION_METRICS = [
  'register',
  'prevalence',
  'true_cases',
  'cases_avoided',
  'extra_registered',
] as const;

/** Every metric a run of `scenario` can produce, in output order (the results file's dictionary). */
export function scenarioMetrics(scenario: ValidatedScenario): string[] {
  const metrics: string[] = [...POPULATION_METRICS];
  if (scenario.model === 'population') return metrics;
  for (const c of scenario.prevalence.conditions)
    for (const m of CONDITION_METRICS) metrics.push(`${m}_${c}`);
  if (scenario.prevalence.interventions.length > 0) metrics.push('intervention_cost');
  if (scenario.model === 'prevalence') return metrics;
  metrics.push(...SETTINGS, ...SETTINGS.map((s) => `cost_${s}`), 'cost_total');
  metrics.push(
    'beds_required',
    'theatre_sessions_required',
    'clinic_sessions_required',
    'gp_wte_required',
  );
  for (const r of RESOURCES) metrics.push(`capacity_${r}`, `shortfall_${r}`, `p_shortfall_${r}`);
  metrics.push('lever_cost');
  for (const m of ATTRIBUTED_METRICS)
    for (const part of ATTRIBUTION_PARTS) metrics.push(`change_${m}_${part}`);
  return metrics;
}

/** An upper bound of the cells per replicate of `scenario` (for the memory check). */
export function scenarioCells(scenario: ValidatedScenario): number {
  return scenarioMetrics(scenario).length * (scenario.horizon + 1);
}

/** Checks interventions against the calibrated registers (ages reached must be eligible ages). */
function checkInterventionAges(scenario: ValidatedScenario): void {
  if (scenario.model === 'population' || scenario.prevalence.interventions.length === 0) return;
  const calibration = loadPrevalenceCalibration();
  scenario.prevalence.interventions.forEach((i, k) => {
    const c = calibration.conditions.find((x) => x.code === i.condition);
    if (!c)
      throw new InputError(`interventions[${k}].condition: no calibration for ${i.condition}`);
    if (!scenario.prevalence.conditions.includes(i.condition))
      throw new InputError(
        `interventions[${k}].condition: ${i.condition} is not among the projected conditions (prevalence.conditions: ${scenario.prevalence.conditions.join(', ')})`,
      );
    if (i.ages && (i.ages[0] < c.ageMin || i.ages[1] > c.ageMax))
      throw new InputError(
        `interventions[${k}].ages: expected ages within the ${i.condition} register's eligible ages ${c.ageMin}-${c.ageMax === 90 ? '90+' : c.ageMax}, found [${i.ages[0]}, ${i.ages[1]}]`,
      );
  });
}

/** Runs `scenario` and returns its summaries. */
export async function runScenario(
  scenario: ValidatedScenario,
  options: RunScenarioOptions,
): Promise<ScenarioResult> {
  const registry = areaRegistry(loadReferenceData());
  const areas = scenarioAreas(scenario, registry);
  const range = options.range ?? { from: 0, to: scenario.replicates };
  checkInterventionAges(scenario);
  const bytes = (range.to - range.from) * scenarioCells(scenario) * 8;
  if (bytes > MAX_AREA_VALUES_BYTES)
    throw new InputError(
      `replicates: ${range.to - range.from} replicates × ${scenario.horizon} years need ${(bytes / 1024 ** 3).toFixed(1)} GiB per area, more than the ${MAX_AREA_VALUES_BYTES / 1024 ** 3} GiB allowed; run fewer replicates or split the range with --replicates a:b`,
    );
  const module = modelUrl();
  const units: RunUnit[] = areas.map((area) => {
    const payload: ChainPayload = {
      model: scenario.model,
      area,
      baseYear: scenario.baseYear,
      horizon: scenario.horizon,
      seed: scenario.seed,
      assumptions: scenario.assumptions,
      prevalence: scenario.prevalence,
      demand: scenario.demand,
    };
    return { area: area.code, module, payload, cacheKey: JSON.stringify(payload) };
  });
  const summaries = await runMonteCarlo({
    units,
    from: range.from,
    to: range.to,
    threads: options.threads,
    metrics: scenarioMetrics(scenario),
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.outPath !== undefined ? { outPath: options.outPath } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.failAt !== undefined ? { failAt: options.failAt } : {}),
    ...(options.minReplicatesPerThread !== undefined
      ? { minReplicatesPerThread: options.minReplicatesPerThread }
      : {}),
    ...(options.keepValues === true ? { keepValues: true } : {}),
    ...(options.queue !== undefined ? { queue: options.queue } : {}),
  });
  return { scenario, areas, summaries, range };
}
