import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../engine/io/paths.js';

/**
 * V8 compiles typed-array accesses without a check for a detached buffer until the first
 * buffer of the thread is detached (its "ArrayBufferDetaching" protector); from then on every
 * typed-array loop carries the check. A run must therefore detach nothing: no grown
 * WebAssembly memory, no transferred result. V8 reports each protector it invalidates when
 * started with --trace-protector-invalidation (on standard output, workers' included).
 */
function invalidations(args: readonly string[]): string[] {
  const run = spawnSync(
    process.execPath,
    ['--trace-protector-invalidation', join(packageRoot(), 'dist', 'cli', 'main.js'), ...args],
    { encoding: 'utf8', maxBuffer: 256 * 1024 ** 2 },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line.includes('ArrayBufferDetaching'));
}

describe('typed arrays stay undetached', () => {
  it('in a run on worker threads, its results written to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcc-detaching-'));
    try {
      // 150 replicates of every area: enough for two worker threads.
      const args = ['run', '--model', 'population', '--area', 'all', '--runs', '150'];
      const out = ['--threads', '2', '--out', join(dir, 'run.arrow'), '-q', '--format', 'json'];
      expect(invalidations([...args, ...out])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('in a run in-process, through the whole chain', () => {
    const args = ['run', '--model', 'outcomes', '--area', 'E06000001', '--runs', '20'];
    expect(invalidations([...args, '--threads', '0', '-q', '--format', 'csv'])).toEqual([]);
  }, 60_000);
});
