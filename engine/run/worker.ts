/**
 * Piscina worker entry: adopt the reference data the pool hands over, run the task, return its
 * Float64Array, which the main thread gets as a copy: neither transferred (that would detach the
 * worker's buffer, which slows the worker's typed-array code from then on) nor shared (shared
 * memory lingers until the worker collects its handle); see `ownDoubles` in chunk.ts.
 */
import { workerData } from 'piscina';
import {
  adoptReferenceCache,
  adoptReferenceData,
  type ReferenceData,
} from '../io/reference-data.js';
import { runChunk } from './chunk.js';
import type { ChunkResult, ChunkTask } from './types.js';

const handed = workerData as
  { referenceCache?: Uint8Array; referenceData?: ReferenceData } | undefined;
if (handed?.referenceCache) adoptReferenceCache(handed.referenceCache);
else if (handed?.referenceData) adoptReferenceData(handed.referenceData);

/** Runs one chunk; the main thread gets a copy of the result's values. */
export default async function chunk(task: ChunkTask): Promise<ChunkResult> {
  return runChunk(task);
}
