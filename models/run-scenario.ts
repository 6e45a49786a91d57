/**
 * Runs a validated scenario: resolves its areas, plans one engine unit per area and hands them
 * to the Monte Carlo engine. This is the public entry the CLI calls; it does no maths itself.
 */
import { loadReferenceData } from '../engine/io/reference-data.js';
import { runMonteCarlo, type AreaSummary, type RunUnit } from '../engine/run/run.js';
import { runnableModuleUrl } from '../engine/run/module-url.js';
import { InputError } from '../engine/errors.js';
import { areaRegistry, resolveArea, resolveGroup, type AreaRegistry } from './areas/registry.js';
import { POPULATION_METRICS, type AreaSpec } from './population/model.js';
import type { PopulationPayload } from './population/simulation.js';
import type { ValidatedScenario } from './scenario/schema.js';

/** The most memory one area's replicate values may take (bytes) before a run is refused: the main thread holds them and the chunks they came from, about twice this at peak. */
export const MAX_AREA_VALUES_BYTES = 1024 ** 3;

/** Options of a run beyond the scenario itself. */
export interface RunScenarioOptions {
  /** Worker threads (0: in-process). */
  readonly threads: number;
  /** Replicates per task (default chosen by the engine). */
  readonly chunkSize?: number;
  /** Only replicates from … to − 1 (default all of the scenario's). */
  readonly range?: { readonly from: number; readonly to: number };
  /** Write the long results table here. */
  readonly outPath?: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Test hook: a worker fails at this replicate. */
  readonly failAt?: number;
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
  return runnableModuleUrl(new URL(`./population/simulation${ext}`, self).href);
}

/** Cells per replicate of a population run over `horizon` years. */
export function populationCells(horizon: number): number {
  return (horizon + 1) * 5 + horizon * 3;
}

/** Runs `scenario` and returns its summaries. */
export async function runScenario(
  scenario: ValidatedScenario,
  options: RunScenarioOptions,
): Promise<ScenarioResult> {
  const registry = areaRegistry(loadReferenceData());
  const areas = scenarioAreas(scenario, registry);
  const range = options.range ?? { from: 0, to: scenario.replicates };
  const bytes = (range.to - range.from) * populationCells(scenario.horizon) * 8;
  if (bytes > MAX_AREA_VALUES_BYTES)
    throw new InputError(
      `replicates: ${range.to - range.from} replicates × ${scenario.horizon} years need ${(bytes / 1024 ** 3).toFixed(1)} GiB per area, more than the ${MAX_AREA_VALUES_BYTES / 1024 ** 3} GiB allowed; run fewer replicates or split the range with --replicates a:b`,
    );
  const module = modelUrl();
  const units: RunUnit[] = areas.map((area) => {
    const payload: PopulationPayload = {
      area,
      baseYear: scenario.baseYear,
      horizon: scenario.horizon,
      seed: scenario.seed,
      assumptions: scenario.assumptions,
    };
    return { area: area.code, module, payload, cacheKey: JSON.stringify(payload) };
  });
  const summaries = await runMonteCarlo({
    units,
    from: range.from,
    to: range.to,
    threads: options.threads,
    metrics: POPULATION_METRICS,
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.outPath !== undefined ? { outPath: options.outPath } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.failAt !== undefined ? { failAt: options.failAt } : {}),
  });
  return { scenario, areas, summaries, range };
}
