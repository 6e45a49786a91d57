/**
 * Piscina worker entry: adopt the reference data the pool hands over, run the task, move (not
 * copy) its Float64Array to the main thread.
 */
import { workerData } from 'piscina';
import {
  adoptReferenceCache,
  adoptReferenceData,
  type ReferenceData,
} from '../io/reference-data.js';
import { runChunk } from './chunk.js';
import { movableResult } from './movable-result.js';
import type { ChunkResult, ChunkTask } from './types.js';

const handed = workerData as
  { referenceCache?: Uint8Array; referenceData?: ReferenceData } | undefined;
if (handed?.referenceCache) adoptReferenceCache(handed.referenceCache);
else if (handed?.referenceData) adoptReferenceData(handed.referenceData);

/** Runs one chunk; the result's values buffer is transferred to the main thread. */
export default async function chunk(task: ChunkTask): Promise<ChunkResult> {
  return movableResult(await runChunk(task));
}
