import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { builtDataDir } from '../../../engine/io/paths.js';
import {
  REFERENCE_CACHE_FORMAT,
  readReferenceCache,
  referenceDataOf,
  writeReferenceCache,
} from '../../../engine/io/reference-data-cache.js';
import { decodeReferenceData, type ReferenceData } from '../../../engine/io/reference-data.js';
import { dataDigest } from '../../../engine/io/data-digest.js';

/** Every typed array of `data`, in a fixed order. */
function typedArrays(data: ReferenceData): Float64Array[] {
  const arrays: Float64Array[] = [];
  for (const s of data.population.values()) arrays.push(s.values, s.male, s.female);
  for (const p of data.mortality) arrays.push(p.mx, p.mxMale, p.mxFemale);
  for (const m of data.areaMortality.values())
    arrays.push(m.male, m.female, m.lifeExpectancyMale, m.lifeExpectancyFemale);
  return arrays;
}

/** The bytes of every typed array in `data`, in a fixed order (NaN payloads and −0 included). */
function arrayBytes(data: ReferenceData): Buffer {
  return Buffer.concat(
    typedArrays(data).map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)),
  );
}

/** `data` with each typed array replaced by its class and length (compared fast). */
function outline(data: ReferenceData): unknown {
  return JSON.parse(
    JSON.stringify(data, (_key, value: unknown) =>
      value instanceof Map
        ? [...(value as Map<string, unknown>)]
        : ArrayBuffer.isView(value)
          ? `${value.constructor.name}(${value.byteLength})`
          : value,
    ),
  );
}

/** Whether every typed array of `data` owns its memory (not shared, not a view of more). */
function ownsArrays(data: ReferenceData): boolean {
  return typedArrays(data).every(
    (a) => !(a.buffer instanceof SharedArrayBuffer) && a.byteLength === a.buffer.byteLength,
  );
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wcc-cache-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SMALL: ReferenceData = {
  areas: [{ code: 'E1', name: 'One', kind: 'lad', parent: '', icb: '', successor: '', note: '' }],
  population: new Map([
    [
      'E1',
      {
        firstYear: 2020,
        years: 1,
        values: new Float64Array([3, NaN]),
        male: new Float64Array([1, 2]),
        female: new Float64Array([2, NaN]),
      },
    ],
  ]),
  mortality: [],
  areaMortality: new Map(),
};

describe('the cache of the decoded reference data', () => {
  it('gives back the data it was written with, for the folder it was made from', () => {
    const dir = folder({ 'a.arrow': 'x' });
    const path = join(dir, 'cache.v8');
    writeReferenceCache(SMALL, dir, path);
    const read = readReferenceCache(dir, path)!;
    expect(read.data).toStrictEqual(SMALL);
    expect(arrayBytes(read.data)).toEqual(arrayBytes(SMALL));
    // Its bytes are shared memory; another thread decodes them to its own copy of the same data.
    expect(read.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const again = referenceDataOf(structuredClone(read.bytes));
    expect(again).not.toBe(read.data);
    expect(again).toStrictEqual(SMALL);
    expect(ownsArrays(read.data) && ownsArrays(again)).toBe(true);
  });

  it('is not used for other data, in another format, or when missing or unreadable', () => {
    const dir = folder({ 'a.arrow': 'x' });
    const path = join(dir, 'cache.v8');
    writeReferenceCache(SMALL, dir, path);
    expect(readReferenceCache(folder({ 'a.arrow': 'y' }), path)).toBeUndefined();
    const digest = dataDigest(dir);
    writeFileSync(path, serialize({ format: REFERENCE_CACHE_FORMAT + 1, digest, data: SMALL }));
    expect(readReferenceCache(dir, path)).toBeUndefined();
    writeFileSync(path, serialize({ format: REFERENCE_CACHE_FORMAT, data: SMALL }));
    expect(readReferenceCache(dir, path)).toBeUndefined();
    writeFileSync(path, 'not a cache');
    expect(readReferenceCache(dir, path)).toBeUndefined();
    expect(readReferenceCache(dir, join(dir, 'missing.v8'))).toBeUndefined();
  });

  it('written by the build, holds exactly what decoding data/built gives', () => {
    const dir = builtDataDir();
    const cached = readReferenceCache(dir)?.data;
    expect(cached).toBeDefined();
    const decoded = decodeReferenceData(dir);
    expect(outline(cached!)).toEqual(outline(decoded));
    expect(arrayBytes(cached!).equals(arrayBytes(decoded))).toBe(true);
    expect(ownsArrays(cached!)).toBe(true);
  });
});
