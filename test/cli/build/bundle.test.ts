import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../engine/io/paths.js';
import { BUNDLE_DIR } from '../../../cli/build/import-meta-url.js';

const root = packageRoot();
const dist = join(root, 'dist');

/** The bundled CLI (what `wcc` runs) with `args`, and Node's module-loading log (NODE_DEBUG=esm). */
function bundled(args: readonly string[]) {
  const r = spawnSync(process.execPath, [join(dist, 'cli', 'main.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'esm' },
  });
  const loaded = new Set(
    [...r.stderr.matchAll(/Storing (file:\/\/\S+)/g)].map((m) => m[1]!.slice(root.length + 8)),
  );
  return { code: r.status, stdout: r.stdout, loaded };
}

/** The same command run by tsc's modules in dist/, unbundled (cli/main.ts's two lines). */
function unbundled(args: readonly string[]) {
  const url = (file: string) => pathToFileURL(join(dist, 'cli', file)).href;
  const script = [
    `import { processIo } from '${url('io.js')}';`,
    `import { runCli } from '${url('program.js')}';`,
    'process.exitCode = await runCli(process.argv.slice(1), processIo());',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout };
}

describe('the bundled CLI', () => {
  const args = ['run', '--area', 'E06000001', '--runs', '5', '-q'];

  it('prints what the unbundled build prints, byte for byte', () => {
    const r = bundled(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('E06000001');
    expect(r.stdout).toBe(unbundled(args).stdout);
  });

  it('runs a pool of threads on the bundled worker and model modules, none of tsc’s', () => {
    const r = bundled([...args, '--threads', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(unbundled([...args, '--threads', '2']).stdout);
    expect(r.loaded).toContain(`dist/${BUNDLE_DIR}/engine/run/worker.js`);
    expect(r.loaded).toContain(`dist/${BUNDLE_DIR}/models/chain/simulation.js`);
    const ours = [...r.loaded].filter((f) => f.startsWith('dist/'));
    expect(
      ours.filter((f) => f !== 'dist/cli/main.js' && !f.startsWith(`dist/${BUNDLE_DIR}/`)),
    ).toEqual([]);
  });

  it('has a source map beside each file', () => {
    expect(existsSync(join(dist, 'cli', 'main.js.map'))).toBe(true);
    expect(existsSync(join(dist, BUNDLE_DIR, 'engine', 'run', 'worker.js.map'))).toBe(true);
  });
});
