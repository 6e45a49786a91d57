import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromIPC, type Table } from 'apache-arrow';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../../engine/errors.js';
import { runnableModuleUrl } from '../../../engine/run/module-url.js';
import { runScenario } from '../../../models/run-scenario.js';
import { parseScenario } from '../../../models/scenario/schema.js';
import type { ChunkResult, ChunkTask } from '../../../engine/run/types.js';
import type { ChainPayload } from '../../../models/chain/simulation.js';
import { areaRegistry, resolveArea } from '../../../models/areas/registry.js';
import { loadReferenceData } from '../../../engine/io/reference-data.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-run-'));
const scenario = parseScenario({
  area: ['E06000001', 'E09000001', 'E12000001'],
  replicates: 230,
  seed: 99,
  horizon: 3,
});

async function runToFile(
  name: string,
  threads: number,
  chunkSize?: number,
  range?: { from: number; to: number },
) {
  const outPath = join(dir, name);
  const result = await runScenario(scenario, {
    threads,
    // Small on purpose: every thread asked for really starts.
    minReplicatesPerThread: 1,
    outPath,
    ...(chunkSize !== undefined ? { chunkSize } : {}),
    ...(range ? { range } : {}),
  });
  return { bytes: readFileSync(outPath), result };
}

interface Row {
  replicate: number;
  year: number;
  area: string;
  metric: string;
  value: number;
}

function rowsOf(table: Table): Row[] {
  const col = (name: string) => table.getChild(name)!;
  const [replicate, year, area, metric, value] = [
    'replicate',
    'year',
    'area',
    'metric',
    'value',
  ].map(col);
  return Array.from({ length: table.numRows }, (_, i) => ({
    replicate: replicate!.get(i) as number,
    year: year!.get(i) as number,
    area: area!.get(i) as string,
    metric: metric!.get(i) as string,
    value: value!.get(i) as number,
  }));
}

describe('runMonteCarlo', () => {
  it('writes byte-identical Arrow files whatever the thread count or chunk size', async () => {
    const one = await runToFile('one.arrow', 1);
    const two = await runToFile('two.arrow', 2);
    const chunked = await runToFile('chunked.arrow', 2, 7);
    const inProcess = await runToFile('in-process.arrow', 0, 50);
    expect(two.bytes.equals(one.bytes)).toBe(true);
    expect(chunked.bytes.equals(one.bytes)).toBe(true);
    expect(inProcess.bytes.equals(one.bytes)).toBe(true);
    expect(two.result.summaries).toEqual(one.result.summaries);
    const table = tableFromIPC(one.bytes);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'replicate',
      'year',
      'area',
      'metric',
      'value',
    ]);
    // 3 areas × 230 replicates × (4 years × 7 stocks + 3 years × 3 flows) rows.
    expect(table.numRows).toBe(3 * 230 * (4 * 7 + 3 * 3));
    expect(rowsOf(table)[0]).toMatchObject({
      replicate: 0,
      year: 2023,
      area: 'E06000001',
      metric: 'population_total',
    });
  }, 120_000);

  it('starts only the threads a run keeps busy', async () => {
    const { threadsFor } = await import('../../../engine/run/run.js');
    const units = [{ area: 'A', module: '', payload: null, cacheKey: '' }];
    expect(threadsFor({ threads: 2, units, from: 0, to: 10_000 })).toBe(1);
    expect(threadsFor({ threads: 2, units, from: 0, to: 40_000 })).toBe(2);
    expect(threadsFor({ threads: 8, units: Array(309).fill(units[0]!), from: 0, to: 1000 })).toBe(
      8,
    );
    expect(threadsFor({ threads: 0, units, from: 0, to: 1e6 })).toBe(0);
    expect(threadsFor({ threads: 2, units, from: 0, to: 10, minReplicatesPerThread: 1 })).toBe(2);
  });

  it('gives the same summaries when areas run whole (worker summaries) as when split (merged in the main thread)', async () => {
    const whole = await runScenario(scenario, {
      threads: 2,
      chunkSize: 1000,
      minReplicatesPerThread: 1,
    });
    const split = await runScenario(scenario, {
      threads: 2,
      chunkSize: 13,
      minReplicatesPerThread: 1,
    });
    expect(split.summaries).toEqual(whole.summaries);
  }, 60_000);

  it('summarises beyond its memory budget in several passes, to the same summaries and file', async () => {
    const held = await runToFile('held.arrow', 2, 40);
    const outPath = join(dir, 'streamed.arrow');
    let last = 0;
    let total = 0;
    const streamed = await runScenario(scenario, {
      threads: 2,
      chunkSize: 17,
      minReplicatesPerThread: 1,
      outPath,
      // 1 kB: every area's 230 replicates × 37 values stream, their quantiles found in passes.
      memoryBudget: 1024,
      onProgress: (done, all) => {
        last = done;
        total = all;
      },
    });
    expect(readFileSync(outPath).equals(held.bytes)).toBe(true);
    expect(streamed.summaries).toEqual(held.result.summaries);
    // The first pass and at least one more, each over every area's replicates.
    expect(total).toBeGreaterThanOrEqual(2 * 3 * 230);
    expect(last).toBe(total);
    const inProcess = await runScenario(scenario, { threads: 0, chunkSize: 64, memoryBudget: 1 });
    expect(inProcess.summaries).toEqual(held.result.summaries);
  }, 120_000);

  it('runs a replicate range a:b with the same values as the full run', async () => {
    const full = tableFromIPC((await runToFile('full.arrow', 2)).bytes);
    const part = tableFromIPC(
      (await runToFile('part.arrow', 2, undefined, { from: 100, to: 130 })).bytes,
    );
    const values = new Map(
      rowsOf(full).map((r) => [`${r.area}/${r.replicate}/${r.year}/${r.metric}`, r.value]),
    );
    const rows = rowsOf(part);
    expect(rows).toHaveLength(3 * 30 * 37);
    for (const r of rows) {
      expect(r.replicate).toBeGreaterThanOrEqual(100);
      expect(r.replicate).toBeLessThan(130);
      expect(r.value).toBe(values.get(`${r.area}/${r.replicate}/${r.year}/${r.metric}`));
    }
  }, 60_000);

  it('fails with a simulation error naming the replicate range and leaves no file behind', async () => {
    const outPath = join(dir, 'failed.arrow');
    const run = runScenario(scenario, {
      threads: 2,
      chunkSize: 50,
      outPath,
      failAt: 120,
      minReplicatesPerThread: 1,
    });
    await expect(run).rejects.toBeInstanceOf(SimulationError);
    await expect(run).rejects.toThrow(
      /simulation failed for area E06000001, replicates 100:150: test failure requested at replicate 120/,
    );
    expect(existsSync(outPath)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('failed'))).toEqual([]);
  }, 60_000);

  it('copies worker results to the main thread in memory of its own, neither shared nor detached', async () => {
    const workerUrl = runnableModuleUrl(
      new URL('../../../engine/run/worker.ts', import.meta.url).href,
    );
    const moduleUrl = runnableModuleUrl(
      new URL('../../../models/chain/simulation.ts', import.meta.url).href,
    );
    const registry = areaRegistry(loadReferenceData());
    const s = parseScenario({ area: 'E06000001', horizon: 2, seed: 1 });
    const payload: ChainPayload = {
      model: s.model,
      area: resolveArea(registry, 'E06000001'),
      baseYear: s.baseYear,
      horizon: s.horizon,
      seed: s.seed,
      assumptions: s.assumptions,
      prevalence: s.prevalence,
      demand: s.demand,
    };
    const task: ChunkTask = {
      module: moduleUrl,
      payload,
      cacheKey: 'k',
      area: 'E06000001',
      from: 0,
      to: 10,
      mode: 'values',
    };
    // A worker module that runs the chunk worker and keeps what it returned, as piscina's own
    // test-is-buffer-transferred does; it then writes into its kept view. The main thread's
    // result would see the write if it held the worker's memory (shared), and the worker's view
    // would have no bytes left had it been transferred (detached).
    const keeper = join(dir, 'keep-result.mjs');
    writeFileSync(
      keeper,
      [
        `import chunk from ${JSON.stringify(workerUrl)};`,
        'let kept;',
        'export default async function run(task) {',
        '  const result = await chunk(task);',
        '  kept = result.values;',
        '  return result;',
        '}',
        'export function poke(value) {',
        '  kept[0] = value;',
        '  return kept.byteLength;',
        '}',
      ].join('\n'),
    );
    const pool = new Piscina({
      filename: pathToFileURL(keeper).href,
      minThreads: 1,
      maxThreads: 1,
    });
    try {
      const result = (await pool.run({ ...task, withCells: true })) as ChunkResult;
      expect(result.values).toBeInstanceOf(Float64Array);
      expect(result.values.buffer).toBeInstanceOf(ArrayBuffer);
      expect(result.values.buffer).not.toBeInstanceOf(SharedArrayBuffer);
      expect(result.values.byteOffset).toBe(0);
      expect(result.values.buffer.byteLength).toBe(result.values.byteLength);
      // 10 replicates × (3 years × 7 stocks + 2 years × 3 flows), the cells described once.
      expect(result.cells!.length).toBe(3 * 7 + 2 * 3);
      expect(result.values.length).toBe(10 * result.cells!.length);
      // A task that does not ask for its cells does not get them.
      expect(((await pool.run(task)) as ChunkResult).cells).toBeUndefined();
      // The same (only) thread writes into the values it returned last: its view still holds
      // every byte (not detached), and the main thread's copy does not see the write.
      const again = (await pool.run(task)) as ChunkResult;
      expect(Array.from(again.values)).toEqual(Array.from(result.values));
      expect(again.values[0]).not.toBe(-1);
      expect(await pool.run(-1, { name: 'poke' })).toBe(again.values.byteLength);
      expect(again.values[0]).not.toBe(-1);
    } finally {
      await pool.destroy();
    }
  }, 30_000);
});
