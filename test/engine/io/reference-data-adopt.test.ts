import { describe, expect, it } from 'vitest';
import {
  adoptReferenceData,
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
});
