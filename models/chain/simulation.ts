/**
 * The model chain as one engine simulation, composed from the model registry: the models up to
 * the scenario's, each preparing its stage for the area once, then every replicate running the
 * stages in order. A worker creates it from a plain payload.
 */
import type { CellSpec, Simulation } from '../../engine/run/types.js';
import { chainOf } from '../registry/models.js';
import type { ChainPayload, Stage, Stages } from './stage.js';

export type { ChainPayload } from './stage.js';

/** Creates the simulation of `payload` (called by the engine in each worker). */
export function createSimulation(payload: unknown): Simulation {
  const p = payload as ChainPayload;
  const stages: Stages = {};
  const ordered: Stage[] = [];
  const cells: CellSpec[] = [];
  for (const model of chainOf(p.model)) {
    const stage = model.stage(p, stages, cells.length);
    (stages as Record<string, Stage>)[model.name] = stage;
    ordered.push(stage);
    cells.push(...stage.cells);
  }
  return {
    cells,
    simulate(replicate, out, offset) {
      for (const stage of ordered) stage.simulate(replicate, out, offset);
    },
  };
}
