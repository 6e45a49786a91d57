/** The population model's entry in the chain: cohort-component projection of the area. */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import type { ChainModel, PopulationStage } from '../chain/stage.js';
import {
  POPULATION_METRICS,
  populationWork,
  preparePopulation,
  simulatePopulation,
  type PopulationWork,
} from './model.js';

/**
 * Working buffers, one per thread and horizon, shared by every area's stage: a thread runs one
 * replicate at a time, and each replicate's projection writes the buffers whole before the
 * models built on it read them. (Each has a WebAssembly instance, about 0.1-0.3 ms to make,
 * which a run of every area would otherwise pay per area and thread.)
 */
const works = new Map<number, PopulationWork>();

function workFor(horizon: number): PopulationWork {
  let work = works.get(horizon);
  if (!work) {
    work = populationWork(horizon);
    works.set(horizon, work);
  }
  return work;
}

export const populationModel: ChainModel<'population'> = {
  name: 'population',
  needs: [],
  description:
    'cohort-component projection by single year of age: people, births, deaths, migration',
  metrics: () => [...POPULATION_METRICS],
  stage(p): PopulationStage {
    const inputs = preparePopulation(
      loadReferenceData(),
      p.area,
      p.baseYear,
      p.horizon,
      p.assumptions,
    );
    const work = workFor(p.horizon);
    return {
      inputs,
      work,
      cells: inputs.cells,
      simulate(replicate, out, offset) {
        simulatePopulation(inputs, p.seed, replicate, work, out, offset);
      },
    };
  },
};
