/**
 * apache-arrow, loaded through its CommonJS build (the package's own `require` entry) when first
 * asked for: Node loads it in about half the time of its ES modules (146 files), and a worker
 * thread handed the reference data by its pool (`adoptReferenceData`) never loads it at all.
 * Types come from the package as usual (`import type * as Arrow`).
 */
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';

let library: typeof Arrow | undefined;

/** The apache-arrow library, loaded on the first call. */
export function arrowLibrary(): typeof Arrow {
  library ??= createRequire(import.meta.url)('apache-arrow') as typeof Arrow;
  return library;
}
