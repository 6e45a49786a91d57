/**
 * The message protocol between the Monte Carlo orchestrator and its workers: plain data only,
 * so tasks can be posted to worker threads (and, later, to other machines).
 */

/** One output cell of a replicate: a metric in a year. */
export interface CellSpec {
  readonly year: number;
  readonly metric: string;
}

/**
 * A model's simulation of one area, created in each worker from a plain payload by the
 * model module's exported `createSimulation`. `simulate` must depend only on the payload and
 * the replicate index (its random streams derive from (seed, replicate, name)).
 */
export interface Simulation {
  readonly cells: readonly CellSpec[];
  /** Writes replicate `replicate`'s cells into `out` from `offset`. */
  simulate(replicate: number, out: Float64Array, offset: number): void;
}

/** What a model module exports for the engine. */
export interface SimulationModule {
  createSimulation(payload: unknown): Simulation;
}

/** What a worker returns for a chunk. */
export type ChunkMode = 'values' | 'summary';

/** A chunk of replicates of one area, run by one worker. */
export interface ChunkTask {
  /** URL of the model module (exports `createSimulation`), as runnable JavaScript. */
  readonly module: string;
  /** Plain-data description of the area's simulation, passed to `createSimulation`. */
  readonly payload: unknown;
  /** Identifies equal payloads so a worker prepares each area once. */
  readonly cacheKey: string;
  /** Area code, for messages. */
  readonly area: string;
  /** First replicate (inclusive). */
  readonly from: number;
  /** Last replicate (exclusive). */
  readonly to: number;
  /** 'values': the long table of every replicate; 'summary': per-cell statistics only. */
  readonly mode: ChunkMode;
  /** Whether the result describes its cells (the first chunk of each area and pass does). */
  readonly withCells?: boolean;
  /** Test hook: make the worker fail at this replicate (checks failure handling end to end). */
  readonly failAt?: number;
}

/**
 * What a chunk task returns. In mode 'values', every replicate's values replicate-major
 * (`values[r·cells + c]` for replicate `task.from + r`); in mode 'summary', the per-cell
 * statistics stat-major (`values[s·cells + c]`, s in SUMMARY_STATS order). The cells come with
 * the tasks that ask for them (`withCells`), so they are described once per area, not per chunk.
 */
export interface ChunkResult {
  readonly cells?: readonly CellSpec[];
  readonly values: Float64Array;
}
