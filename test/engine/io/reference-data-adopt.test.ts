import { describe, expect, it } from 'vitest';
import { builtDataDir } from '../../../engine/io/paths.js';
import { readReferenceCache } from '../../../engine/io/reference-data-cache.js';
import {
  adoptReferenceCache,
  adoptReferenceData,
  loadedReferenceCache,
  loadedReferenceData,
  loadReferenceData,
} from '../../../engine/io/reference-data.js';

describe('reference data handed to worker threads', () => {
  it('is what a thread that adopts a copy loads from then on', () => {
    expect(loadedReferenceData()).toBeUndefined();
    const loaded = loadReferenceData({ cache: false });
    const copy = structuredClone(loaded);
    adoptReferenceData(copy);
    expect(loadedReferenceData()).toBe(copy);
    expect(loadReferenceData()).toBe(copy);
    // The clone a worker gets keeps every series and table whole.
    expect(copy.population.get('E08000025')!.male).toEqual(
      loaded.population.get('E08000025')!.male,
    );
    expect(copy.areas).toEqual(loaded.areas);
  });

  it('is the build cache read by another thread, decoded here, when that thread read one', () => {
    const read = readReferenceCache(builtDataDir())!;
    adoptReferenceCache(read.bytes);
    expect(loadedReferenceCache()).toBe(read.bytes);
    const adopted = loadReferenceData();
    expect(adopted === read.data).toBe(false);
    expect(adopted.population.get('E08000025')!.male).toEqual(
      read.data.population.get('E08000025')!.male,
    );
    expect(adopted.areas).toEqual(read.data.areas);
    // A copy of the data adopted later has no cache bytes to hand on.
    adoptReferenceData(structuredClone(adopted));
    expect(loadedReferenceCache()).toBeUndefined();
  });
});
