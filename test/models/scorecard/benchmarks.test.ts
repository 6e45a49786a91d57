import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_GROUPS, loadReferenceData } from '../../../engine/io/reference-data.js';
import type { AreaSummary } from '../../../engine/run/run.js';
import { areaRegistry } from '../../../models/areas/registry.js';
import {
  benchmarkValue,
  summariseAreas,
  upperQuartileOf,
  type BenchmarkKey,
} from '../../../models/scorecard/benchmarks.js';
import { benchmarksFromSummaries, buildBenchmarks } from '../../../models/scorecard/build.js';
import {
  benchmarkFileName,
  defaultCacheDir,
  readBenchmarks,
  writeBenchmarks,
} from '../../../models/scorecard/cache.js';

const key: BenchmarkKey = {
  digest: 'abc123',
  model: 'population',
  baseYear: 2023,
  horizon: 1,
  seed: 7,
  replicates: 10,
};

/** A summary whose metric `m` has the given means in 2023 and 2024. */
function summary(area: string, m2023: number, m2024: number): AreaSummary {
  const cells = [
    { year: 2023, metric: 'm' },
    { year: 2024, metric: 'm' },
  ];
  return {
    area,
    cells,
    summary: { cells: 2, stats: [Float64Array.from([m2023, m2024])] },
  };
}

describe('national benchmarks', () => {
  it('takes the upper quartile in the direction of better: the 25th percentile when lower is better', () => {
    // Areas 1 … 9: type-7 quartiles 3 and 7.
    const s = summariseAreas([9, 1, 8, 2, 7, 3, 6, 4, 5], 4.5);
    expect(s).toEqual({ england: 4.5, average: 5, p25: 3, p75: 7 });
    expect(upperQuartileOf(s.p25, s.p75, 'lower')).toBe(3);
    expect(upperQuartileOf(s.p25, s.p75, 'higher')).toBe(7);
  });

  it('interpolates quartiles between areas (type 7)', () => {
    // Areas 0, 10, 20, 30: h = 0.75 and 2.25.
    const s = summariseAreas([30, 0, 20, 10], 0);
    expect(s.p25).toBe(7.5);
    expect(s.p75).toBe(22.5);
  });

  it('takes a ratio of two metrics as the ratio of their means', () => {
    const at = (m: string): number => ({ a: 30, b: 1500 })[m] ?? NaN;
    expect(benchmarkValue(at, 'a', 'b', 1000)).toBe(20);
    expect(benchmarkValue(at, 'a', undefined, 1)).toBe(30);
  });

  it('keeps England, the average, the quartiles and every area by metric and year', () => {
    const b = benchmarksFromSummaries(key, [
      summary('A', 1, 10),
      summary('B', 2, 20),
      summary('C', 3, 30),
      summary('E92000001', 6, 60),
    ]);
    expect(b.areas).toEqual(['A', 'B', 'C']);
    expect(b.years).toEqual([2023, 2024]);
    expect(b.metrics.m).toEqual({
      england: [6, 60],
      average: [2, 20],
      p25: [1.5, 15],
      p75: [2.5, 25],
      byArea: [
        [1, 2, 3],
        [10, 20, 30],
      ],
    });
    expect(() => benchmarksFromSummaries(key, [summary('A', 1, 1)])).toThrow(/England/);
  });

  it('caches by key, atomically, and finds nothing under another key', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wcc-bench-')), 'cache');
    const b = benchmarksFromSummaries(key, [summary('A', 1, 10), summary('E92000001', 6, 60)]);
    const path = writeBenchmarks(dir, b);
    expect(path).toBe(join(dir, benchmarkFileName(key)));
    expect(readdirSync(dir)).toEqual([benchmarkFileName(key)]);
    expect(readBenchmarks(dir, key)).toEqual(b);
    expect(readBenchmarks(dir, { ...key, seed: 8 })).toBeUndefined();
    expect(readBenchmarks(dir, { ...key, digest: 'abc124' })).toBeUndefined();
    expect(benchmarkFileName({ ...key, replicates: 11 })).not.toBe(benchmarkFileName(key));
  });

  it('keeps its cache in $WCC_CACHE, else ~/.cache/wcc', () => {
    expect(defaultCacheDir({ WCC_CACHE: '/tmp/x' })).toBe('/tmp/x');
    expect(defaultCacheDir({})).toMatch(/\.cache[/\\]wcc$/);
  });

  it('runs areas and England as one area: England is the sum of every authority', async () => {
    const b = await buildBenchmarks({ ...key, replicates: 4 }, { threads: 0 }, [
      'E06000001',
      'E06000002',
    ]);
    expect(b.areas).toEqual(['E06000001', 'E06000002']);
    const pop = b.metrics.population_total!;
    // Base-year population is the mid-2023 estimate: England's is the sum over all authorities.
    const data = loadReferenceData();
    let sum = 0;
    for (const lad of areaRegistry(data).lads) {
      const p = data.population.get(lad.code)!;
      const at = (2023 - p.firstYear) * AGE_GROUPS;
      for (let a = 0; a < AGE_GROUPS; ++a) sum += p.values[at + a]!;
    }
    expect(Math.abs(pop.england[0]! / sum - 1)).toBeLessThan(1e-12);
    expect(pop.average[0]).toBe((pop.byArea[0]![0]! + pop.byArea[0]![1]!) / 2);
    // The same key gives the same file, byte for byte, whatever the threads.
    const again = await buildBenchmarks({ ...key, replicates: 4 }, { threads: 2 }, [
      'E06000001',
      'E06000002',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'wcc-bench-'));
    const first = readFileSync(writeBenchmarks(join(dir, 'a'), b));
    expect(readFileSync(writeBenchmarks(join(dir, 'b'), again)).equals(first)).toBe(true);
  });
});

describe('areas without a value', () => {
  it('are left out of the average and quartiles', () => {
    const s = summariseAreas([1, 2, NaN, 3, 4, 5], 3);
    expect(s.average).toBe(3);
    expect(s.p25).toBe(2);
    expect(s.p75).toBe(4);
  });
});
