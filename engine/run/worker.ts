/** Piscina worker entry: decode the task, run it, transfer (not copy) the Arrow IPC bytes. */
import { move } from 'piscina';
import { runChunk } from './chunk.js';
import type { ChunkTask } from './types.js';

/** Runs one chunk; the result's buffer is moved to the main thread. */
export default async function chunk(task: ChunkTask): Promise<Uint8Array> {
  return move(await runChunk(task)) as Uint8Array;
}
