/**
 * Loading the embedded England data (engine/io/reference-data.ts): every built Arrow file read
 * and turned into typed arrays, as each worker thread does once per run.
 */
import type { Bench } from 'tinybench';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { check } from '../data.js';

/** Adds the reference-data load task to `bench`. */
export function loadBenches(bench: Bench): void {
  bench.add('loadReferenceData, every built file', () => {
    const data = loadReferenceData({ cache: false });
    check(
      data.areas.length > 300 && data.population.size > 250 && data.mortality.length > 0,
      `reference data with ${data.areas.length} areas`,
    );
  });
}
