/** The population model's entry in the chain: cohort-component projection of the area. */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import type { ChainModel, PopulationStage } from '../chain/stage.js';
import {
  POPULATION_METRICS,
  populationWork,
  preparePopulation,
  simulatePopulation,
} from './model.js';

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
    const work = populationWork(p.horizon);
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
