/**
 * Bundles what a run loads, after tsc has compiled `dist/`: the CLI entry (written over tsc's
 * `dist/cli/main.js`, what `wcc` and `npm start` run), the Piscina worker entry and the chain
 * simulation module a worker imports by URL (`dist/bundle/…`, where the bundled modules look
 * for them), one file per command (loaded when named) and the chunks they share. Node loads a
 * handful of files instead of about 300 ES modules, each costing its loader about 1 ms.
 *
 * Packages that find their own files at run time or are loaded lazily by `createRequire` stay
 * outside (EXTERNAL); the rest of the dependencies are bundled with wcc's own code.
 * `dist/bundle/meta.json` lists each bundle file's modules and imports (esbuild's metafile).
 * Source maps are written beside each file (`node --enable-source-maps` reads them).
 *
 * Usage (from the repository): `npm run build`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { packageRoot } from '../../engine/io/paths.js';
import { BUNDLE_DIR, importMetaUrlPlugin } from './import-meta-url.js';

/**
 * Packages left to Node: Piscina starts its own worker file, apache-arrow and mathjs are loaded
 * on first use by `createRequire`, BullMQ and ioredis (the queue) load their Lua scripts from
 * their own folders, Plot and linkedom draw reports only.
 */
export const EXTERNAL = [
  'piscina',
  'apache-arrow',
  'mathjs',
  'bullmq',
  'ioredis',
  '@observablehq/plot',
  'linkedom',
] as const;

/** The bundle's entries loaded by URL, not import (the worker's by Piscina, the model's by a worker). */
export const URL_ENTRIES = ['engine/run/worker.ts', 'models/chain/simulation.ts'] as const;

/** The CLI entry, bundled over tsc's output of it. */
export const CLI_ENTRY = 'cli/main.ts';

/**
 * CommonJS dependencies `require` Node's modules, which an ES module has no `require` for:
 * each bundle file makes one.
 */
const REQUIRE_BANNER =
  "import { createRequire as __wccCreateRequire } from 'node:module';\n" +
  'const require = __wccCreateRequire(import.meta.url);';

/** Bundles the package at `root` (its `dist/` already compiled); returns esbuild's metafile. */
export async function bundle(root: string): Promise<Metafile> {
  const dist = join(root, 'dist');
  rmSync(join(dist, BUNDLE_DIR), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      { in: CLI_ENTRY, out: CLI_ENTRY.replace(/\.ts$/, '') },
      ...URL_ENTRIES.map((entry) => ({
        in: entry,
        out: `${BUNDLE_DIR}/${entry.replace(/\.ts$/, '')}`,
      })),
    ],
    outdir: dist,
    // Commands and other modules loaded by dynamic import are chunks of their own, loaded then.
    chunkNames: `${BUNDLE_DIR}/chunks/[name]-[hash]`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...EXTERNAL],
    banner: { js: REQUIRE_BANNER },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [importMetaUrlPlugin(root)],
  });
  writeFileSync(join(dist, BUNDLE_DIR, 'meta.json'), JSON.stringify(result.metafile, null, 1));
  return result.metafile;
}

async function main(): Promise<void> {
  // Quiet on success, as tsc is: `npm start` and `npm test` build first.
  await bundle(packageRoot());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
