/**
 * The bytes of a chunk result on the queue (Redis stores bytes): a 4-byte little-endian length
 * of a JSON header (the cells, when the result has them), the header, zero padding to a multiple
 * of 8 bytes, then the values' own bytes (IEEE 754 doubles, little-endian as on every platform
 * Node runs on). No value is converted: encoding and decoding each copy the buffer once.
 */
import type { CellSpec, ChunkResult } from './types.js';

/** Alignment of the values within the bytes, so that decoding is one copy into a Float64Array. */
const ALIGN = 8;

/** The bytes of `result`. */
export function encodeChunkResult(result: ChunkResult): Buffer {
  const header = Buffer.from(JSON.stringify(result.cells ?? null), 'utf8');
  const start = Math.ceil((4 + header.length) / ALIGN) * ALIGN;
  const { values } = result;
  const bytes = Buffer.alloc(start + values.byteLength);
  bytes.writeUInt32LE(header.length, 0);
  header.copy(bytes, 4);
  bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), start);
  return bytes;
}

/** Decodes bytes written by `encodeChunkResult`; throws when they are not such bytes. */
export function decodeChunkResult(bytes: Uint8Array): ChunkResult {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.length >= 4 ? view.readUInt32LE(0) : -1;
  const start = Math.ceil((4 + length) / ALIGN) * ALIGN;
  if (length < 0 || start > view.length || (view.length - start) % 8 !== 0)
    throw new Error(`a chunk result of ${view.length} bytes is malformed`);
  const cells = JSON.parse(view.toString('utf8', 4, 4 + length)) as CellSpec[] | null;
  const values = new Float64Array((view.length - start) / 8);
  new Uint8Array(values.buffer).set(view.subarray(start));
  return cells === null ? { values } : { cells, values };
}
