/** A digest of the built data (`data/built`), so runs on different machines can prove they use the same data. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtDataDir } from './paths.js';

const digests = new Map<string, string>();

/**
 * SHA-256 (hex) over every file of `dir` (default `data/built`), in name order, each as its
 * name, its length and its bytes; computed once per folder and process.
 */
export function dataDigest(dir: string = builtDataDir()): string {
  const known = digests.get(dir);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  for (const name of names) {
    const bytes = readFileSync(join(dir, name));
    hash.update(`${name}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  const digest = hash.digest('hex');
  digests.set(dir, digest);
  return digest;
}
