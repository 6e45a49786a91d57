/** Piscina worker entry: run the task, move (not copy) its Float64Array to the main thread. */
import { runChunk } from './chunk.js';
import { movableResult } from './movable-result.js';
import type { ChunkResult, ChunkTask } from './types.js';

/** Runs one chunk; the result's values buffer is transferred to the main thread. */
export default async function chunk(task: ChunkTask): Promise<ChunkResult> {
  return movableResult(await runChunk(task));
}
