/**
 * A cache of the decoded embedded data: `loadReferenceData`'s result as V8 serialises it
 * (`node:v8`, the structured clone a worker thread is handed), written by `npm run build`
 * beside the compiled code (`dist/cache`). Reading it takes about 25 ms where loading
 * apache-arrow and decoding `data/built` take about 150 ms, so a run that writes no Arrow file
 * never loads apache-arrow. The Arrow files stay the source: the cache holds the digest of
 * `data/built` it was made from (`dataDigest`) and a format number, and a cache that is missing,
 * unreadable, of another format or of other data is not used (the caller decodes the files).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from './atomic-write.js';
import { dataDigest } from './data-digest.js';
import { packageRoot } from './paths.js';
import type { ReferenceData } from './reference-data.js';

/**
 * Layout of the cached data: bump it whenever `ReferenceData` or its decoding changes, so a
 * cache written by an older build is not read as the new layout.
 */
export const REFERENCE_CACHE_FORMAT = 1;

/** What the cache file holds. */
interface CacheContents {
  readonly format: number;
  /** `dataDigest` of the folder the data was decoded from. */
  readonly digest: string;
  readonly data: ReferenceData;
}

/** The cache file of the package's built data (`dist/cache/reference-data.v8`). */
export function referenceCachePath(): string {
  return join(packageRoot(), 'dist', 'cache', 'reference-data.v8');
}

/**
 * The data cached for the built-data folder `dir` if the cache at `path` is of this format and
 * was made from `dir` as it is now (same digest); undefined otherwise.
 */
export function readReferenceCache(
  dir: string,
  path: string = referenceCachePath(),
): ReferenceData | undefined {
  let contents: Partial<CacheContents>;
  try {
    contents = deserialize(readFileSync(path)) as Partial<CacheContents>;
  } catch {
    // Missing, truncated or written by a newer V8: decode the files instead.
    return undefined;
  }
  if (contents.format !== REFERENCE_CACHE_FORMAT || contents.digest !== dataDigest(dir))
    return undefined;
  return contents.data;
}

/** Writes `data`, decoded from the built-data folder `dir`, as the cache at `path`. */
export function writeReferenceCache(
  data: ReferenceData,
  dir: string,
  path: string = referenceCachePath(),
): void {
  const contents: CacheContents = { format: REFERENCE_CACHE_FORMAT, digest: dataDigest(dir), data };
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, serialize(contents));
}
