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
import type { AreaSpec } from './population/model.js';
import { chainPayload } from './chain/payload.js';
import { chainMetrics, runsModel } from './registry/models.js';
import { assertRegistered, metricInfo } from './registry/metrics.js';
import { runMetadata } from '../engine/io/run-metadata.js';
import { loadPrevalenceCalibration } from './prevalence/calibration.js';
import type { ValidatedScenario } from './scenario/schema.js';
import type { DemandPlan } from './demand/model.js';

export { chainPayload };

/**
 * The most memory one area's replicate values may take (bytes) when a caller keeps every
 * replicate (`keepValues`: comparisons, goal seeking, reports): they are held whole, one area at
 * a time, besides at most a few chunks (CHUNK_BUDGET_BYTES each). Runs that do not keep them
 * stream, whatever their size.
 */
export const MAX_KEPT_VALUES_BYTES = 1024 ** 3;

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
  | 'derive'
  | 'memoryBudget'
> {
  /** Only replicates from … to − 1 (default all of the scenario's). */
  readonly range?: { readonly from: number; readonly to: number };
  /** Only these of the scenario's areas (by code), in the scenario's order: runs in batches. */
  readonly onlyAreas?: readonly string[];
}

/** What a run returns: the areas in output order and their summaries. */
export interface ScenarioResult {
  readonly scenario: ValidatedScenario;
  readonly areas: readonly AreaSpec[];
  readonly summaries: readonly AreaSummary[];
  readonly range: { readonly from: number; readonly to: number };
  /** Base-year capacity stated for each area (empty where none). */
  readonly capacity: Readonly<Record<string, DemandPlan['capacity']>>;
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

/** Every metric a run of `scenario` can produce, in output order (the results file's dictionary). */
export function scenarioMetrics(scenario: ValidatedScenario): string[] {
  return chainMetrics(chainPayload(scenario, { code: '', name: '', members: [] }));
}

/**
 * Checks that capacity belongs to areas: one block only for a run of one area, and a map only
 * naming the run's areas.
 */
function checkCapacity(scenario: ValidatedScenario, areas: readonly AreaSpec[]): void {
  if (!runsModel(scenario.model, 'demand')) return;
  const single = Object.keys(scenario.demand.capacity).length > 0;
  if (single && areas.length > 1)
    throw new InputError(
      `capacity: one capacity block for ${areas.length} areas is ambiguous; give capacity per area as a map by area code (capacity: { ${areas
        .slice(0, 2)
        .map((a) => `${a.code}: { beds: … }`)
        .join(', ')} })`,
    );
  const codes = new Set(areas.map((a) => a.code));
  for (const code of Object.keys(scenario.capacityByArea ?? {}))
    if (!codes.has(code))
      throw new InputError(
        `capacity.${code}: expected one of the run's areas (${[...codes].slice(0, 8).join(', ')}${codes.size > 8 ? ', …' : ''}), found "${code}"`,
      );
}

/** An upper bound of the cells per replicate of `scenario` (for sizing chunks and the memory check). */
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
  const all = scenarioAreas(scenario, registry);
  const only = options.onlyAreas === undefined ? undefined : new Set(options.onlyAreas);
  const areas = only ? all.filter((a) => only.has(a.code)) : all;
  if (only && areas.length !== only.size)
    throw new Error(`run: areas ${[...only].join(',')} are not all among the scenario's`);
  const range = options.range ?? { from: 0, to: scenario.replicates };
  checkInterventionAges(scenario);
  checkCapacity(scenario, all);
  const cells = scenarioCells(scenario);
  const bytes = (range.to - range.from) * cells * 8;
  if (options.keepValues === true && bytes > MAX_KEPT_VALUES_BYTES)
    throw new InputError(
      `replicates: ${range.to - range.from} replicates × ${cells} values each need ${(bytes / 1024 ** 3).toFixed(1)} GiB per area held at once here, more than the ${MAX_KEPT_VALUES_BYTES / 1024 ** 3} GiB allowed; run fewer replicates (wcc run streams any number)`,
    );
  const metrics = scenarioMetrics(scenario);
  assertRegistered(metrics);
  const module = modelUrl();
  const units: RunUnit[] = areas.map((area) => {
    const payload = chainPayload(scenario, area);
    return { area: area.code, module, payload, cacheKey: JSON.stringify(payload) };
  });
  const summaries = await runMonteCarlo({
    units,
    from: range.from,
    to: range.to,
    threads: options.threads,
    metrics,
    metadata: runMetadata(
      scenario,
      range,
      Object.fromEntries(metrics.map((m) => [m, metricInfo(m).unit])),
    ),
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
    ...(options.derive ? { derive: options.derive } : {}),
    ...(options.memoryBudget !== undefined ? { memoryBudget: options.memoryBudget } : {}),
    cellsPerReplicate: cells,
  });
  const capacity = Object.fromEntries(
    areas.map((a) => [a.code, chainPayload(scenario, a).demand.capacity]),
  );
  return { scenario, areas, summaries, range, capacity };
}
