import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { OUTPUT_BLOCK, openResultsFile } from '../../../engine/io/results-file.js';
import { runDictionaries } from '../../../engine/run/encode.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-results-file-'));
const cells = [
  { year: 2023, metric: 'a' },
  { year: 2023, metric: 'b' },
  { year: 2024, metric: 'a' },
];
const dictionaries = runDictionaries(['X', 'Y'], ['a', 'b']);
const FROM = 40;
const REPLICATES = 2 * OUTPUT_BLOCK + 345;

/** Area `area`'s values: replicate r, cell c is r·10 + c (+ 0.5 for area Y). */
function values(area: string): Float64Array {
  return Float64Array.from(
    { length: REPLICATES * cells.length },
    (_, i) => Math.floor(i / cells.length) * 10 + (i % cells.length) + (area === 'Y' ? 0.5 : 0),
  );
}

/** Writes both areas in chunks of the given sizes (cycled) and returns the file's bytes. */
async function written(name: string, chunks: readonly number[]): Promise<Buffer> {
  const path = join(dir, name);
  const file = openResultsFile(path, dictionaries);
  for (const area of ['X', 'Y']) {
    const all = values(area);
    for (let r = 0, k = 0; r < REPLICATES; ++k) {
      const n = Math.min(chunks[k % chunks.length]!, REPLICATES - r);
      await file.write(area, cells, FROM + r, all.subarray(r * 3, (r + n) * 3));
      r += n;
    }
    await file.endArea();
  }
  await file.commit();
  return readFileSync(path);
}

describe('openResultsFile', () => {
  it('writes the same bytes however the replicates arrive, in blocks from the first replicate', async () => {
    const whole = await written('whole.arrow', [REPLICATES]);
    expect((await written('odd.arrow', [7, 993, 1, 1200])).equals(whole)).toBe(true);
    expect((await written('small.arrow', [13])).equals(whole)).toBe(true);
    const table = tableFromIPC(whole);
    expect(table.batches.map((b) => b.numRows / cells.length)).toEqual([
      OUTPUT_BLOCK,
      OUTPUT_BLOCK,
      345,
      OUTPUT_BLOCK,
      OUTPUT_BLOCK,
      345,
    ]);
    expect(table.numRows).toBe(2 * REPLICATES * cells.length);
    const row = table.get(OUTPUT_BLOCK * cells.length + 4)!;
    expect(row.replicate).toBe(FROM + OUTPUT_BLOCK + 1);
    expect(row.value).toBe((OUTPUT_BLOCK + 1) * 10 + 1);
  });
});
