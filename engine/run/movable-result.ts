/**
 * A chunk result marked for Piscina to move, not copy: the values' buffer goes in the transfer
 * list, so the main thread receives the worker's Float64Array itself and the worker's copy is
 * detached (byteLength 0).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { ChunkResult } from './types.js';

/** `result` as a Piscina transferable whose values' buffer is transferred. */
export function movableResult(result: ChunkResult): ChunkResult {
  const transferable = {
    get [transferableSymbol](): ArrayBufferLike {
      return result.values.buffer;
    },
    get [valueSymbol](): ChunkResult {
      return result;
    },
  };
  return move(transferable) as unknown as ChunkResult;
}
