/**
 * Writes the cache of the decoded embedded data (`dist/cache/reference-data.v8`, see
 * `readReferenceCache`) from `data/built`, so a run need not load apache-arrow to read it.
 *
 * Usage (from the repository): `npm run build` (and `npm run data:build`, after the data).
 */
import { pathToFileURL } from 'node:url';
import { builtDataDir } from '../../engine/io/paths.js';
import { writeReferenceCache } from '../../engine/io/reference-data-cache.js';
import { decodeReferenceData } from '../../engine/io/reference-data.js';

/** Decodes `data/built` and writes the cache of it (quiet on success, as tsc is). */
export function buildReferenceCache(): void {
  const dir = builtDataDir();
  writeReferenceCache(decodeReferenceData(dir), dir);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) buildReferenceCache();
