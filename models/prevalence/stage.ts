/** The prevalence model's entry in the chain: the 21 QOF registers on the projected population. */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { needStage, type ChainModel, type PrevalenceStage } from '../chain/stage.js';
import { loadDeprivationGradient, loadPrevalenceCalibration } from './calibration.js';
import { preparePrevalence, prevalenceWork, simulatePrevalence } from './model.js';

/** Per-register metric stems, in output order. */
const CONDITION_METRICS = [
  'register',
  'prevalence',
  'true_cases',
  'cases_avoided',
  'extra_registered',
] as const;

export const prevalenceModel: ChainModel<'prevalence'> = {
  name: 'prevalence',
  needs: ['population'],
  description:
    'registers, prevalence and true cases of the QOF conditions; prevention and case-finding',
  metrics(p) {
    const metrics = p.prevalence.conditions.flatMap((c) =>
      CONDITION_METRICS.map((m) => `${m}_${c}`),
    );
    if (p.prevalence.interventions.length > 0) metrics.push('intervention_cost');
    return metrics;
  },
  stage(p, earlier, cellOffset): PrevalenceStage {
    const population = needStage(earlier, 'population', 'prevalence');
    const inputs = preparePrevalence(
      loadReferenceData(),
      loadPrevalenceCalibration(),
      loadDeprivationGradient(),
      population.inputs,
      p.prevalence,
      cellOffset,
      p.seed,
    );
    const work = prevalenceWork(inputs);
    return {
      inputs,
      work,
      cells: inputs.cells,
      simulate(replicate, out, offset) {
        simulatePrevalence(
          inputs,
          population.inputs,
          population.work,
          p.seed,
          replicate,
          work,
          out,
          offset,
        );
      },
    };
  },
};
