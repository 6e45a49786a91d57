/** Population model: public API. */
export {
  POPULATION_METRICS,
  POPULATION_PARAMETERS,
  HISTORY_YEARS,
  MIGRATION_LEVEL_SCALE,
  MORTALITY_RATIO_DRIFT,
  SEX_RATIO_AT_BIRTH,
  preparePopulation,
  populationWork,
  drawPopulation,
  projectPopulation,
  simulatePopulation,
  areaPopulation,
  periodEndingBy,
} from './model.js';
export type {
  AreaPopulation,
  AreaSpec,
  CellSpec,
  PopulationAssumptions,
  PopulationDraw,
  PopulationInputs,
  PopulationMetric,
  PopulationParameter,
  PopulationWork,
} from './model.js';
