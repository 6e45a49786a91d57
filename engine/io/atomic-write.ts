/**
 * Atomic file output: data goes to a temporary file beside the target, which is renamed over
 * the target only once complete, so a crash or Ctrl-C never leaves a half-written file.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { invalidValue } from '../errors.js';

const pending = new Set<string>();

/** Throws an InputError unless `path`'s folder exists (checked before any work starts). */
export function checkOutputPath(path: string, what = 'output file'): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw invalidValue(`${what} ${path}`, 'a path in an existing folder', dir);
  if (existsSync(path) && statSync(path).isDirectory())
    throw invalidValue(`${what} ${path}`, 'a file path, not a folder', path);
}

/** An open atomic output: append chunks, then `commit()` or `abort()`. */
export interface AtomicFile {
  readonly path: string;
  readonly tempPath: string;
  write(chunk: Uint8Array): void;
  commit(): void;
  abort(): void;
}

/** Opens `path` for atomic writing (a hidden temporary file in the same folder). */
export function openAtomic(path: string): AtomicFile {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tempPath, 'w');
  pending.add(tempPath);
  let open = true;
  const close = (): void => {
    if (open) {
      open = false;
      closeSync(fd);
    }
  };
  return {
    path,
    tempPath,
    write(chunk) {
      let offset = 0;
      while (offset < chunk.byteLength) offset += writeSync(fd, chunk, offset);
    },
    commit() {
      fsyncSync(fd);
      close();
      renameSync(tempPath, path);
      pending.delete(tempPath);
    },
    abort() {
      close();
      rmSync(tempPath, { force: true });
      pending.delete(tempPath);
    },
  };
}

/** Writes `bytes` (or text) to `path` atomically. */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const file = openAtomic(path);
  try {
    file.write(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}

/** Removes every temporary file still open (called on interruption). */
export function removePendingFiles(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}
