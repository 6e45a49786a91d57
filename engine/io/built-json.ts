/** Reads the built JSON data files (`data/built/*.json`), once per thread each. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtDataDir } from './paths.js';

const cache = new Map<string, unknown>();

/**
 * The parsed contents of `data/built/<file>`, read once and cached (treat it as read-only).
 * The caller states the type the file was built as.
 */
export function loadBuiltJson(file: string): unknown {
  let data = cache.get(file);
  if (data === undefined) {
    data = JSON.parse(readFileSync(join(builtDataDir(), file), 'utf8')) as unknown;
    cache.set(file, data);
  }
  return data;
}
