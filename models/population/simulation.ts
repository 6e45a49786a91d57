/**
 * The population model as an engine simulation: a worker creates it from a plain payload,
 * prepares the area once and simulates replicates on demand.
 */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import type { Simulation } from '../../engine/run/types.js';
import {
  populationWork,
  preparePopulation,
  simulatePopulation,
  type AreaSpec,
  type PopulationAssumptions,
} from './model.js';

/** The plain-data description of one area's population run. */
export interface PopulationPayload {
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  readonly seed: number;
  readonly assumptions: PopulationAssumptions;
}

/** Creates the simulation of `payload` (called by the engine in each worker). */
export function createSimulation(payload: unknown): Simulation {
  const p = payload as PopulationPayload;
  const inputs = preparePopulation(
    loadReferenceData(),
    p.area,
    p.baseYear,
    p.horizon,
    p.assumptions,
  );
  const work = populationWork(p.horizon);
  return {
    cells: inputs.cells,
    simulate(replicate, out, offset) {
      simulatePopulation(inputs, p.seed, replicate, work, out, offset);
    },
  };
}
