import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChunk } from '../../../engine/run/chunk.js';
import { summarise, SUMMARY_STATS } from '../../../engine/run/summary.js';
import type { ChunkTask } from '../../../engine/run/types.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-chunk-'));

// A model that leaves some cells unwritten in some replicates (a fresh row reads 0 there), and
// whose cells differ in spread, ties and sign, so every replicate's every cell counts.
const model = join(dir, 'patchy.mjs');
writeFileSync(
  model,
  [
    'export function createSimulation(payload) {',
    '  const { cells, scale } = payload;',
    '  return {',
    '    cells: Array.from({ length: cells }, (_, c) => ({ year: 2023, metric: `m${c}` })),',
    '    simulate(replicate, out, offset) {',
    '      for (let c = 0; c < cells; ++c) {',
    '        if ((replicate + c) % 3 === 0) continue;',
    '        const u = Math.sin(replicate * 12.9898 + c * 78.233) * 43758.5453;',
    '        out[offset + c] = c % 4 === 0 ? Math.round(u) % 3 : scale * (u - Math.floor(u)) - c;',
    '      }',
    '    },',
    '  };',
    '}',
  ].join('\n'),
);

function task(cells: number, from: number, to: number, mode: ChunkTask['mode']): ChunkTask {
  return {
    module: pathToFileURL(model).href,
    payload: { cells, scale: 10 + cells },
    cacheKey: `patchy-${cells}`,
    area: `A${cells}`,
    from,
    to,
    mode,
  };
}

describe('runChunk', () => {
  it("summarises a chunk as the summary of its values, bit for bit, whatever the thread's earlier chunks", async () => {
    // Larger, then smaller chunks (the thread's buffers outgrow them and are not cleared),
    // and several at once (in-process, they interleave at their awaits).
    const shapes: [number, number, number][] = [
      [70, 0, 300],
      [5, 10, 17],
      [70, 300, 301],
      [33, 5, 260],
      [1, 0, 40],
    ];
    const results = await Promise.all(
      shapes.map(([cells, from, to]) => runChunk(task(cells, from, to, 'summary'))),
    );
    for (const [k, [cells, from, to]] of shapes.entries()) {
      const { values } = await runChunk(task(cells, from, to, 'values'));
      const expected = summarise(values, to - from, cells).stats;
      const got = results[k]!.values;
      expect(got.length).toBe(SUMMARY_STATS.length * cells);
      expected.forEach((column, s) =>
        column.forEach((x, c) => expect([k, s, c, got[s * cells + c]]).toEqual([k, s, c, x])),
      );
    }
  });
});
