/**
 * The registry of models: the chain is composed from it. Each entry says what it needs from
 * the models before it, which metrics it writes, how it prepares an area and how it simulates a
 * replicate; adding a model is its own folder and one line here.
 */
import type { ChainModel, ChainPayload } from '../chain/stage.js';
import { populationModel } from '../population/stage.js';
import { prevalenceModel } from '../prevalence/stage.js';
import { demandModel } from '../demand/stage.js';
import { outcomesModel } from '../outcomes/stage.js';
import { MODELS, type ModelName } from './metrics.js';

/** Every model, in chain order (each runs after the ones it needs). */
export const MODEL_REGISTRY: readonly ChainModel[] = [
  populationModel,
  prevalenceModel,
  demandModel,
  outcomesModel,
];

/** The models a run of `model` composes: it and every model before it, in chain order. */
export function chainOf(model: ModelName): readonly ChainModel[] {
  const end = MODEL_REGISTRY.findIndex((m) => m.name === model);
  if (end < 0) throw new Error(`model ${model} is not in the model registry`);
  return MODEL_REGISTRY.slice(0, end + 1);
}

/** Whether a run of `model` runs model `name` (it or a later one was asked for). */
export function runsModel(model: ModelName, name: ModelName): boolean {
  return MODELS.indexOf(name) <= MODELS.indexOf(model);
}

/** Every metric a run of `payload` can write, in output order (the results dictionary). */
export function chainMetrics(payload: ChainPayload): string[] {
  return chainOf(payload.model).flatMap((m) => m.metrics(payload));
}

// The registry lists the models in the order MODELS names them, each after what it needs.
MODEL_REGISTRY.forEach((m, i) => {
  if (m.name !== MODELS[i]) throw new Error(`model registry: ${m.name} out of order`);
  for (const need of m.needs)
    if (MODELS.indexOf(need) >= i) throw new Error(`model registry: ${m.name} needs ${need} first`);
});
