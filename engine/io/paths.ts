/** Where wcc's own files are, whether it runs from source (vitest) or from the build (dist/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root: the nearest folder above this module that holds wcc's package.json. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'built'))) {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('wcc package root not found above ' + import.meta.url);
    dir = parent;
  }
}

/** The folder of the built data files (`data/built`). */
export function builtDataDir(): string {
  return join(packageRoot(), 'data', 'built');
}
