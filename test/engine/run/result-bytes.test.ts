import { describe, expect, it } from 'vitest';
import { decodeChunkResult, encodeChunkResult } from '../../../engine/run/result-bytes.js';

describe('chunk result bytes', () => {
  it('round-trip the values bit for bit, with or without cells, from an unaligned buffer', () => {
    const values = Float64Array.of(1.5, -0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE);
    const cells = [{ year: 2023, metric: 'population_total' }];
    for (const result of [{ values }, { cells, values }]) {
      const bytes = encodeChunkResult(result);
      // The values follow the header at a multiple of 8 bytes, unconverted.
      expect(bytes.length % 8).toBe(0);
      expect(bytes.subarray(bytes.length - values.byteLength)).toEqual(Buffer.from(values.buffer));
      // Redis hands back bytes anywhere in a shared buffer.
      const shifted = Buffer.alloc(bytes.length + 3);
      bytes.copy(shifted, 3);
      const decoded = decodeChunkResult(shifted.subarray(3));
      expect(Buffer.from(decoded.values.buffer)).toEqual(Buffer.from(values.buffer));
      expect(decoded.cells).toEqual(result.cells);
    }
  });

  it('refuses bytes that are not a chunk result', () => {
    expect(() => decodeChunkResult(Uint8Array.of(1, 2))).toThrow(/malformed/);
    expect(() => decodeChunkResult(Buffer.from([200, 0, 0, 0, 1, 2, 3, 4]))).toThrow(/malformed/);
  });
});
