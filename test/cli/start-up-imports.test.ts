import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../engine/io/paths.js';
import { commandEntries } from '../../cli/commands/index.js';
import { bufferedIo } from '../../cli/io.js';

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

const dist = join(packageRoot(), 'dist');

/** What `wcc NAME …` loads at start-up: the CLI's own static graph and the command's. */
function startUp(name: string): string[] {
  const files = new Set([
    ...staticImports(join(dist, 'cli', 'main.js')),
    ...staticImports(join(dist, 'cli', 'commands', `${name}.js`)),
  ]);
  return [...files].map((f) => relative(dist, f));
}

describe('CLI start-up', () => {
  it('loads no command until one is named, and then only that one', async () => {
    const bare = [...staticImports(join(dist, 'cli', 'main.js'))].map((f) => relative(dist, f));
    expect(bare.filter((f) => f.startsWith(join('cli', 'commands', '')))).toEqual([
      join('cli', 'commands', 'index.js'),
    ]);
    const run = startUp('run');
    expect(run).toContain(join('cli', 'commands', 'run.js'));
    expect(run).not.toContain(join('cli', 'commands', 'report.js'));
    expect(run).not.toContain(join('models', 'exercise', 'model.js'));
    // Each entry's name is its command's: a wrong one would load the wrong command.
    for (const entry of commandEntries)
      expect((await entry.load())(bufferedIo()).name()).toBe(entry.name);
  });

  it('never loads the data build modules', () => {
    const loaded = commandEntries.flatMap((entry) => startUp(entry.name));
    expect(loaded.length).toBeGreaterThan(20);
    expect(loaded).toContain(join('cli', 'commands', 'prevalence.js'));
    expect(loaded.filter((f) => f.startsWith('data/'))).toEqual([]);
  });

  it('loads the queue (BullMQ and its Redis client) only when a run or worker uses it', () => {
    const loaded = [...new Set([...startUp('run'), ...startUp('worker')])];
    expect(loaded).toContain(join('engine', 'run', 'run.js'));
    expect(loaded).toContain(join('engine', 'run', 'executors', 'queue-url.js'));
    const executors = join('engine', 'run', 'executors');
    expect(loaded).not.toContain(join(executors, 'queue.js'));
    expect(loaded).not.toContain(join(executors, 'queue-worker.js'));
    expect(loaded).not.toContain(join(executors, 'redis.js'));
  });
});
