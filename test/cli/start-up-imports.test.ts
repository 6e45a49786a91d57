import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../engine/io/paths.js';
import { commandEntries } from '../../cli/commands/index.js';
import { bufferedIo } from '../../cli/io.js';

/** What the bundle holds (cli/build/bundle.ts): each file's modules and imports. */
const meta = JSON.parse(
  readFileSync(join(packageRoot(), 'dist', 'bundle', 'meta.json'), 'utf8'),
) as Metafile;

/** The CLI entry users run (`wcc`, `npm start`, `node dist/cli/main.js`): the bundle's. */
const MAIN = 'dist/cli/main.js';

/** The bundle file of a command, loaded when it is named. */
function commandFile(name: string): string {
  const file = Object.keys(meta.outputs).find(
    (f) => meta.outputs[f]!.entryPoint === `cli/commands/${name}.ts`,
  );
  if (file === undefined) throw new Error(`no bundle file for command ${name}`);
  return file;
}

/** The bundle files loaded with `entries`: their static imports, followed; `import()` is not. */
function staticFiles(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of meta.outputs[file]!.imports)
      if (i.kind === 'import-statement' && i.external !== true) queue.push(i.path);
  }
  return seen;
}

/** The source modules (and packages left outside, as `package:NAME`) those files hold. */
function modulesOf(files: Iterable<string>): string[] {
  const modules = new Set<string>();
  for (const file of files) {
    for (const input of Object.keys(meta.outputs[file]!.inputs)) modules.add(input);
    for (const i of meta.outputs[file]!.imports)
      if (i.external === true && !i.path.startsWith('node:')) modules.add(`package:${i.path}`);
  }
  return [...modules];
}

/** What `wcc NAME …` loads at start-up: the CLI's own static graph and the command's. */
function startUp(name: string): string[] {
  return modulesOf(staticFiles([MAIN, commandFile(name)]));
}

describe('CLI start-up', () => {
  it('loads no command until one is named, and then only that one', async () => {
    const bare = modulesOf(staticFiles([MAIN]));
    expect(bare.filter((f) => f.startsWith('cli/commands/'))).toEqual(['cli/commands/index.ts']);
    const run = startUp('run');
    expect(run).toContain('cli/commands/run.ts');
    expect(run).not.toContain('cli/commands/report.ts');
    expect(run).not.toContain('models/exercise/model.ts');
    // Each entry's name is its command's: a wrong one would load the wrong command.
    for (const entry of commandEntries)
      expect((await entry.load())(bufferedIo()).name()).toBe(entry.name);
  });

  it('never loads the data build modules', () => {
    const loaded = commandEntries.flatMap((entry) => startUp(entry.name));
    expect(loaded.length).toBeGreaterThan(20);
    expect(loaded).toContain('cli/commands/prevalence.ts');
    expect(loaded.filter((f) => f.startsWith('data/'))).toEqual([]);
  });

  it('loads the queue (BullMQ and its Redis client) only when a run or worker uses it', () => {
    const loaded = [...new Set([...startUp('run'), ...startUp('worker')])];
    expect(loaded).toContain('engine/run/run.ts');
    expect(loaded).toContain('engine/run/executors/queue-url.ts');
    for (const module of ['queue.ts', 'queue-worker.ts', 'redis.ts'])
      expect(loaded).not.toContain(`engine/run/executors/${module}`);
    expect(loaded).not.toContain('package:bullmq');
    expect(loaded).not.toContain('package:ioredis');
  });

  it('loads apache-arrow only when a run writes an Arrow file (its results file modules)', () => {
    // arrow.ts loads apache-arrow as it is evaluated; reference data comes from the build's cache.
    const arrowModules = [
      'engine/io/arrow.ts',
      'engine/io/results-file.ts',
      'engine/run/encode.ts',
    ];
    const run = startUp('run');
    expect(run).toContain('engine/run/run.ts');
    const worker = modulesOf(staticFiles(['dist/bundle/engine/run/worker.js']));
    expect(worker).toContain('engine/run/chunk.ts');
    for (const module of arrowModules) {
      expect(run).not.toContain(module);
      expect(worker).not.toContain(module);
    }
  });

  it('bundles zod without its locales (only the English messages a run uses)', () => {
    const run = startUp('run');
    expect(run.filter((f) => f.startsWith('node_modules/zod/'))).not.toEqual([]);
    expect(run.filter((f) => f.includes('/zod/v4/locales/') && !f.endsWith('/en.js'))).toEqual([]);
  });
});
