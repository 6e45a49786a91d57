/**
 * The contract between the models of the chain: each model prepares a stage per area from the
 * run's plain-data payload and the stages of the models it needs, and a replicate runs the
 * stages in chain order, each reading what the earlier ones left in their working buffers.
 */
import type { CellSpec } from '../../engine/run/types.js';
import type {
  PopulationAssumptions,
  AreaSpec,
  PopulationInputs,
  PopulationWork,
} from '../population/model.js';
import type { PrevalenceInputs, PrevalencePlan, PrevalenceWork } from '../prevalence/model.js';
import type { DemandInputs, DemandPlan, DemandWork } from '../demand/model.js';
import type { ModelName } from '../registry/metrics.js';

/** The plain-data description of one area's run through the chain (posted to workers). */
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

/** One model's part of an area's replicate. */
export interface Stage {
  /** The cells it writes, in order (after those of the stages before it). */
  readonly cells: readonly CellSpec[];
  /** Writes replicate `replicate`'s cells into `out` from `offset` (earlier stages ran first). */
  simulate(replicate: number, out: Float64Array, offset: number): void;
}

export interface PopulationStage extends Stage {
  readonly inputs: PopulationInputs;
  readonly work: PopulationWork;
}
export interface PrevalenceStage extends Stage {
  readonly inputs: PrevalenceInputs;
  readonly work: PrevalenceWork;
}
export interface DemandStage extends Stage {
  readonly inputs: DemandInputs;
  readonly work: DemandWork;
}

/** The outcomes model's stage (nothing later reads its buffers). */
export type OutcomesStage = Stage;

/** The stages prepared so far for an area, by model. */
export interface Stages {
  population?: PopulationStage;
  prevalence?: PrevalenceStage;
  demand?: DemandStage;
  outcomes?: OutcomesStage;
}

/** A model of the chain, as entered in the model registry. */
export interface ChainModel<N extends ModelName = ModelName> {
  readonly name: N;
  /** The models whose stages this one reads (they come before it in the chain). */
  readonly needs: readonly ModelName[];
  /** One line for `wcc metrics` and help. */
  readonly description: string;
  /** Every metric its stage may write for `payload`, in output order (the results dictionary). */
  metrics(payload: ChainPayload): string[];
  /** Prepares the area's stage (deterministic); `cellOffset` counts the earlier stages' cells. */
  stage(payload: ChainPayload, earlier: Stages, cellOffset: number): NonNullable<Stages[N]>;
}

/** The stage of `name` that `model` needs, or an error naming both (a registry defect). */
export function needStage<N extends keyof Stages>(
  earlier: Stages,
  name: N,
  model: ModelName,
): NonNullable<Stages[N]> {
  const stage = earlier[name];
  if (!stage) throw new Error(`model ${model} needs the ${name} model before it`);
  return stage;
}
