/**
 * Runs one chunk of replicates: what a worker does, callable in-process too (tests, and
 * runs on one thread need no pool).
 */
import type { ChunkResult, ChunkTask, Simulation, SimulationModule } from './types.js';
import { summarise } from './summary.js';

const modules = new Map<string, Promise<SimulationModule>>();
const simulations = new Map<string, Simulation>();
/** Prepared areas kept per thread; a run of every area touches each once. */
const MAX_CACHED_SIMULATIONS = 64;

async function simulationFor(task: ChunkTask): Promise<Simulation> {
  const cached = simulations.get(task.cacheKey);
  if (cached) return cached;
  let module = modules.get(task.module);
  if (!module) {
    module = import(task.module) as Promise<SimulationModule>;
    modules.set(task.module, module);
  }
  const simulation = (await module).createSimulation(task.payload);
  if (simulations.size >= MAX_CACHED_SIMULATIONS) simulations.clear();
  simulations.set(task.cacheKey, simulation);
  return simulation;
}

/**
 * `length` doubles in shared memory: a worker's result is posted to the main thread without a
 * copy and without detaching anything. Transferring an ArrayBuffer detaches it, and the first
 * buffer detached in a thread makes V8 compile every later typed-array access with a check
 * for detachment (a loop of 75 multiply-adds went from 109 to 182 ns), which would slow every
 * chunk the worker runs after its first.
 */
function sharedDoubles(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** Simulates replicates `task.from … task.to − 1` and returns them replicate-major. */
export async function simulateChunk(
  task: ChunkTask,
): Promise<{ simulation: Simulation; values: Float64Array }> {
  const simulation = await simulationFor(task);
  const nCells = simulation.cells.length;
  const length = (task.to - task.from) * nCells;
  // Shared when it is the result (the values mode), else the thread's own.
  const values = task.mode === 'values' ? sharedDoubles(length) : new Float64Array(length);
  for (let r = task.from; r < task.to; ++r) {
    if (r === task.failAt) throw new Error(`test failure requested at replicate ${r}`);
    simulation.simulate(r, values, (r - task.from) * nCells);
  }
  return { simulation, values };
}

/**
 * Runs a chunk: its values (replicate-major), or in mode 'summary' its per-cell statistics
 * (stat-major), with the cells when the task asks for them.
 */
export async function runChunk(task: ChunkTask): Promise<ChunkResult> {
  const { simulation, values } = await simulateChunk(task);
  const cells = task.withCells === true ? { cells: simulation.cells } : {};
  if (task.mode === 'values') return { ...cells, values };
  const nCells = simulation.cells.length;
  const summary = summarise(values, task.to - task.from, nCells);
  const stats = sharedDoubles(summary.stats.length * nCells);
  summary.stats.forEach((column, s) => stats.set(column, s * nCells));
  return { ...cells, values: stats };
}
