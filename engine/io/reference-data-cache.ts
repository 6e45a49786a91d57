/**
 * A cache of the decoded embedded data: `loadReferenceData`'s result as V8 serialises it
 * (`node:v8`, the structured clone a worker thread is handed), written by `npm run build`
 * beside the compiled code (`dist/cache`). Reading it takes about 30 ms where loading
 * apache-arrow and decoding `data/built` take about 150 ms, so a run that writes no Arrow file
 * never loads apache-arrow. The Arrow files stay the source: the cache holds the digest of
 * `data/built` it was made from (`dataDigest`) and a format number, and a cache that is missing,
 * unreadable, of another format or of other data is not used (the caller decodes the files).
 * The file is read into shared memory, so a pool's worker threads are handed its bytes without
 * a copy and each decodes them itself, in parallel, rather than the main thread cloning the
 * data for each of them (about 50 ms of its time a thread).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
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

/** The reference data read from a cache: the data and the cache's bytes (shared memory). */
export interface CachedReferenceData {
  readonly data: ReferenceData;
  readonly bytes: Uint8Array;
}

/** The bytes of the file at `path`, in a SharedArrayBuffer. */
function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) throw new Error(`${path}: shorter than its size`);
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * `value` (freshly deserialised, so this thread's own) with each typed array in it that is a
 * view of shared or larger memory (V8's deserialiser gives views of the bytes it reads where
 * they are aligned, else of Node's buffer pool) replaced by a copy owning its memory, as a
 * structured clone's would: no thread writes or transfers memory another thread reads.
 */
function owningArrays<T>(value: T): T {
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as Float64Array;
    const owns =
      !(view.buffer instanceof SharedArrayBuffer) && view.byteLength === view.buffer.byteLength;
    return owns ? value : (view.slice() as unknown as T);
  }
  if (value instanceof Map) {
    for (const [key, entry] of value as Map<unknown, unknown>) value.set(key, owningArrays(entry));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = owningArrays(record[key]);
  }
  return value;
}

/** The contents of cache bytes; every typed array of the data owns its memory. */
function contentsOf(bytes: Uint8Array): Partial<CacheContents> {
  const contents = deserialize(bytes) as Partial<CacheContents>;
  if (typeof contents === 'object' && contents !== null) owningArrays(contents.data);
  return contents;
}

/**
 * The data cached for the built-data folder `dir` if the cache at `path` is of this format and
 * was made from `dir` as it is now (same digest); undefined otherwise.
 */
export function readReferenceCache(
  dir: string,
  path: string = referenceCachePath(),
): CachedReferenceData | undefined {
  let bytes: Uint8Array;
  let contents: Partial<CacheContents>;
  try {
    bytes = readShared(path);
    contents = contentsOf(bytes);
  } catch {
    // Missing, truncated or written by a newer V8: decode the files instead.
    return undefined;
  }
  if (contents.format !== REFERENCE_CACHE_FORMAT || contents.digest !== dataDigest(dir))
    return undefined;
  return { data: contents.data!, bytes };
}

/**
 * The data of cache bytes another thread has read and checked (`readReferenceCache`), decoded
 * again on this thread: the same data, this thread's own copy.
 */
export function referenceDataOf(bytes: Uint8Array): ReferenceData {
  return (contentsOf(bytes) as CacheContents).data;
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
