/**
 * The benchmark cache: one JSON file per key (data digest, model, years, seed, replicates) in a
 * cache folder, written atomically.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../engine/io/atomic-write.js';
import type { BenchmarkKey, Benchmarks } from './benchmarks.js';

/** The cache folder: `$WCC_CACHE`, else `~/.cache/wcc`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const dir = env.WCC_CACHE;
  return dir !== undefined && dir !== '' ? dir : join(homedir(), '.cache', 'wcc');
}

/** The file name of the benchmarks of `key`. */
export function benchmarkFileName(key: BenchmarkKey): string {
  return `benchmarks-${key.model}-${key.baseYear}+${key.horizon}-seed${key.seed}-r${key.replicates}-${key.digest.slice(0, 16)}.json`;
}

/** The cached benchmarks of `key` in `dir`, or undefined when there are none (or another key's). */
export function readBenchmarks(dir: string, key: BenchmarkKey): Benchmarks | undefined {
  const path = join(dir, benchmarkFileName(key));
  if (!existsSync(path)) return undefined;
  const found = JSON.parse(readFileSync(path, 'utf8')) as Benchmarks;
  const same = (Object.keys(key) as (keyof BenchmarkKey)[]).every((k) => found.key[k] === key[k]);
  return found.version === 1 && same ? found : undefined;
}

/** Writes `benchmarks` into `dir` (created if need be), atomically; returns the path. */
export function writeBenchmarks(dir: string, benchmarks: Benchmarks): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, benchmarkFileName(benchmarks.key));
  writeFileAtomic(path, `${JSON.stringify(benchmarks)}\n`);
  return path;
}
