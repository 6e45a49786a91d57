/**
 * Test helper: one replicate of the model chain (population → prevalence → demand when a
 * demand plan is given) for one area, run in-process on the embedded data, with lookups of its
 * cells by metric and year.
 */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry, resolveArea } from '../../models/areas/registry.js';
import {
  demandWork,
  prepareDemand,
  simulateDemand,
  type DemandInputs,
  type DemandPlan,
} from '../../models/demand/model.js';
import { loadDemandReference } from '../../models/demand/reference.js';
import {
  populationWork,
  preparePopulation,
  simulatePopulation,
} from '../../models/population/model.js';
import type { CellSpec } from '../../models/population/model.js';
import {
  loadDeprivationGradient,
  loadPrevalenceCalibration,
} from '../../models/prevalence/calibration.js';
import {
  preparePrevalence,
  prevalenceWork,
  simulatePrevalence,
  type PrevalencePlan,
} from '../../models/prevalence/model.js';

const data = loadReferenceData();
const registry = areaRegistry(data);

/** One replicate's results. */
export interface ChainRun {
  get(metric: string, year: number): number;
  readonly cells: readonly CellSpec[];
  readonly out: Float64Array;
  /** Population by year offset and age. */
  readonly trajectory: Float64Array;
  readonly demand?: DemandInputs;
}

/** Options of `runChain`. */
export interface ChainRunOptions {
  readonly baseYear?: number;
  readonly prevalence: PrevalencePlan;
  readonly demand?: DemandPlan;
  readonly replicate?: number;
  readonly seed?: number;
}

/** Runs one replicate of the chain for `code` over five years. */
export function runChain(code: string, options: ChainRunOptions): ChainRun {
  const { baseYear = 2020, replicate = 0, seed = 3 } = options;
  const area = resolveArea(registry, code);
  const population = preparePopulation(data, area, baseYear, 5);
  const prevalence = preparePrevalence(
    data,
    loadPrevalenceCalibration(),
    loadDeprivationGradient(),
    population,
    options.prevalence,
    population.cells.length,
    seed,
  );
  const demand = options.demand
    ? prepareDemand(
        data,
        loadDemandReference(),
        population,
        prevalence,
        options.demand,
        population.cells.length + prevalence.cells.length,
      )
    : undefined;
  const cells = [...population.cells, ...prevalence.cells, ...(demand?.cells ?? [])];
  const out = new Float64Array(cells.length);
  const popWork = populationWork(5);
  const prevWork = prevalenceWork(prevalence);
  simulatePopulation(population, seed, replicate, popWork, out, 0);
  simulatePrevalence(prevalence, population, popWork, seed, replicate, prevWork, out, 0);
  if (demand)
    simulateDemand(demand, popWork, prevWork, seed, replicate, demandWork(demand), out, 0);
  const index = new Map(cells.map((c, i) => [`${c.metric}|${c.year}`, i]));
  return {
    get(metric, year) {
      const i = index.get(`${metric}|${year}`);
      if (i === undefined) throw new Error(`no cell ${metric} ${year}`);
      return out[i]!;
    },
    cells,
    out,
    trajectory: popWork.trajectory,
    ...(demand ? { demand } : {}),
  };
}
