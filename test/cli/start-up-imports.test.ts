import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../engine/io/paths.js';

/** Every module the built CLI loads at start-up: static imports followed from dist/cli/main.js. */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // `import … from './x.js'` and `export … from './x.js'`; dynamic `import('…')` is not followed.
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms))
      queue.push(resolve(dirname(file), m[1]!));
  }
  return seen;
}

describe('CLI start-up', () => {
  it('never loads the data build modules', () => {
    const dist = join(packageRoot(), 'dist');
    const loaded = [...staticImports(join(dist, 'cli', 'main.js'))].map((f) => relative(dist, f));
    expect(loaded.length).toBeGreaterThan(20);
    expect(loaded).toContain(join('cli', 'commands', 'prevalence.js'));
    expect(loaded.filter((f) => f.startsWith('data/'))).toEqual([]);
  });

  it('loads the queue (BullMQ and its Redis client) only when a run or worker uses it', () => {
    const dist = join(packageRoot(), 'dist');
    const loaded = [...staticImports(join(dist, 'cli', 'main.js'))].map((f) => relative(dist, f));
    expect(loaded).toContain(join('engine', 'run', 'run.js'));
    expect(loaded).toContain(join('engine', 'run', 'executors', 'queue-url.js'));
    const executors = join('engine', 'run', 'executors');
    expect(loaded).not.toContain(join(executors, 'queue.js'));
    expect(loaded).not.toContain(join(executors, 'queue-worker.js'));
    expect(loaded).not.toContain(join(executors, 'redis.js'));
  });
});
