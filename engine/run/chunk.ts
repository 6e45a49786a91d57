/**
 * Runs one chunk of replicates: what a worker does, callable in-process too (tests, and
 * runs on one thread need no pool).
 */
import type { ChunkResult, ChunkTask, Simulation, SimulationModule } from './types.js';
import { summariseColumns } from './summary.js';

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
 * `length` doubles in a buffer of the thread's own: a worker's result reaches the main thread as
 * a copy (structured clone). Not transferred: transferring an ArrayBuffer detaches it, and the
 * first buffer detached in a thread makes V8 compile every later typed-array access with a check
 * for detachment (a loop of 75 multiply-adds went from 109 to 182 ns), which would slow every
 * chunk the worker runs after its first. Not shared either: a SharedArrayBuffer's memory is
 * freed only once every thread that held it has collected its handle, and a worker that
 * allocates almost nothing else seldom collects, so a run of 100,000 replicates of one area held
 * 1 GB where a copy holds 0.4 GB. The copy costs 1-3 ms per megabyte (a structured clone, and
 * a message between threads); the full chain takes about 20 ms to simulate a megabyte of values.
 */
function ownDoubles(length: number): Float64Array {
  return new Float64Array(length);
}

/** Simulates replicates `task.from … task.to − 1` and returns them replicate-major. */
async function simulateChunk(
  task: ChunkTask,
): Promise<{ simulation: Simulation; values: Float64Array }> {
  const simulation = await simulationFor(task);
  const nCells = simulation.cells.length;
  const length = (task.to - task.from) * nCells;
  const values = ownDoubles(length);
  for (let r = task.from; r < task.to; ++r) {
    if (r === task.failAt) throw new Error(`test failure requested at replicate ${r}`);
    simulation.simulate(r, values, (r - task.from) * nCells);
  }
  return { simulation, values };
}

// The summary mode's buffers, reused by every chunk on this thread: one replicate's row, and
// every replicate's values cell-major.
let row = new Float64Array(0);
let columns = new Float64Array(0);

/**
 * Simulates replicates `task.from … task.to − 1` and summarises each cell: the statistics
 * stat-major (`[s·cells + c]`). Each replicate is written into a zeroed row, as into a
 * fresh replicate-major buffer, and its cells are then copied into their columns
 * (`[c·n + i]` for replicate `task.from + i`) while the row is in cache, so the summary reads
 * each column straight through instead of transposing values that far outgrow the cache (a
 * thousand replicates of the full chain are 5 MB an area). Nothing awaits between the first
 * replicate and the copy of the statistics: the thread's buffers serve one chunk at a time.
 */
async function summariseChunk(
  task: ChunkTask,
): Promise<{ simulation: Simulation; stats: Float64Array }> {
  const simulation = await simulationFor(task);
  const nCells = simulation.cells.length;
  const n = task.to - task.from;
  if (row.length < nCells) row = new Float64Array(nCells);
  if (columns.length < n * nCells) columns = new Float64Array(n * nCells);
  const out = row;
  const cols = columns;
  for (let i = 0; i < n; ++i) {
    const r = task.from + i;
    if (r === task.failAt) throw new Error(`test failure requested at replicate ${r}`);
    out.fill(0, 0, nCells);
    simulation.simulate(r, out, 0);
    for (let c = 0, at = i; c < nCells; ++c, at += n) cols[at] = out[c]!;
  }
  const summary = summariseColumns(cols, n, nCells);
  const stats = ownDoubles(summary.stats.length * nCells);
  summary.stats.forEach((column, s) => stats.set(column, s * nCells));
  return { simulation, stats };
}

/**
 * Runs a chunk: its values (replicate-major), or in mode 'summary' its per-cell statistics
 * (stat-major), with the cells when the task asks for them.
 */
export async function runChunk(task: ChunkTask): Promise<ChunkResult> {
  const cellsOf = (simulation: Simulation): Pick<ChunkResult, 'cells'> =>
    task.withCells === true ? { cells: simulation.cells } : {};
  if (task.mode === 'values') {
    const { simulation, values } = await simulateChunk(task);
    return { ...cellsOf(simulation), values };
  }
  const { simulation, stats } = await summariseChunk(task);
  return { ...cellsOf(simulation), values: stats };
}
