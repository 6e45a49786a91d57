/**
 * An esbuild plugin that gives each of wcc's modules in the bundle the `import.meta.url` of its
 * place in a mirrored tree (`dist/bundle/engine/run/executors/pool.js` for
 * `engine/run/executors/pool.ts`), not that of the bundle file it was merged into. Modules that
 * find a file relative to themselves (the pool its worker entry, a run its model module, the
 * package root, `createRequire`) then find it in the bundle as they do in tsc's `dist/`.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** The folder, below the package's `dist/`, that mirrors the source tree in the bundle. */
export const BUNDLE_DIR = 'bundle';

/**
 * The expression that replaces `import.meta.url` in the module at `rel` (relative to the package
 * root, `/`-separated, `.ts`): every bundle file lies below `<root>/dist/` (and no folder below it
 * is named `dist`), so the root is the bundle file's URL up to its last `/dist/`.
 */
export function mirroredUrlExpression(rel: string): string {
  const mirrored = `${BUNDLE_DIR}/${rel.replace(/\.ts$/, '.js')}`;
  const dist = `import.meta.url.slice(0, import.meta.url.lastIndexOf("/dist/") + 6)`;
  return `new URL(${JSON.stringify(mirrored)}, ${dist}).href`;
}

/** The plugin, for the package at `root`: rewrites the TypeScript sources outside node_modules. */
export function importMetaUrlPlugin(root: string): Plugin {
  return {
    name: 'wcc-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const rel = relative(root, args.path).split(sep).join('/');
        if (rel.startsWith('..') || rel.startsWith('node_modules/')) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const contents = text.replaceAll('import.meta.url', mirroredUrlExpression(rel));
        return { contents, loader: 'ts' };
      });
    },
  };
}
