/**
 * The model chain as one engine simulation: population, then (for model prevalence and
 * later) the prevalence of long-term conditions on each replicate's projected population.
 * A worker creates it from a plain payload and prepares each area once.
 */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import type { CellSpec, Simulation } from '../../engine/run/types.js';
import {
  populationWork,
  preparePopulation,
  simulatePopulation,
  type AreaSpec,
  type PopulationAssumptions,
} from '../population/model.js';
import {
  preparePrevalence,
  prevalenceWork,
  simulatePrevalence,
  type PrevalencePlan,
} from '../prevalence/model.js';
import { loadDeprivationGradient, loadPrevalenceCalibration } from '../prevalence/calibration.js';
import { demandWork, prepareDemand, simulateDemand, type DemandPlan } from '../demand/model.js';
import { loadDemandReference } from '../demand/reference.js';
import type { ModelName } from '../scenario/schema.js';

/** The plain-data description of one area's run through the chain. */
export interface ChainPayload {
  readonly model: ModelName;
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  readonly seed: number;
  readonly assumptions: PopulationAssumptions;
  readonly prevalence: PrevalencePlan;
  readonly demand: DemandPlan;
}

/** Creates the simulation of `payload` (called by the engine in each worker). */
export function createSimulation(payload: unknown): Simulation {
  const p = payload as ChainPayload;
  const data = loadReferenceData();
  const population = preparePopulation(data, p.area, p.baseYear, p.horizon, p.assumptions);
  const popWork = populationWork(p.horizon);
  if (p.model === 'population') {
    return {
      cells: population.cells,
      simulate(replicate, out, offset) {
        simulatePopulation(population, p.seed, replicate, popWork, out, offset);
      },
    };
  }
  const prevalence = preparePrevalence(
    data,
    loadPrevalenceCalibration(),
    loadDeprivationGradient(),
    population,
    p.prevalence,
    population.cells.length,
    p.seed,
  );
  const prevWork = prevalenceWork(prevalence);
  if (p.model === 'prevalence') {
    return {
      cells: [...population.cells, ...prevalence.cells],
      simulate(replicate, out, offset) {
        simulatePopulation(population, p.seed, replicate, popWork, out, offset);
        simulatePrevalence(
          prevalence,
          population,
          popWork,
          p.seed,
          replicate,
          prevWork,
          out,
          offset,
        );
      },
    };
  }
  const demand = prepareDemand(
    data,
    loadDemandReference(),
    population,
    prevalence,
    p.demand,
    population.cells.length + prevalence.cells.length,
  );
  const work = demandWork(demand);
  const cells: CellSpec[] = [...population.cells, ...prevalence.cells, ...demand.cells];
  return {
    cells,
    simulate(replicate, out, offset) {
      simulatePopulation(population, p.seed, replicate, popWork, out, offset);
      simulatePrevalence(prevalence, population, popWork, p.seed, replicate, prevWork, out, offset);
      simulateDemand(demand, popWork, prevWork, p.seed, replicate, work, out, offset);
    },
  };
}
