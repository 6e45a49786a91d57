/** Hand-made benchmark records for the bench tests. */
import {
  BENCH_RECORD_FORMAT,
  INTERVAL_DEFINITION,
  type BenchRecord,
  type BenchTaskRecord,
} from '../../bench/record.js';

/** Name of the reference task in the hand-made records. */
export const REF = 'reference: basket';

/** A task with mean ± moe (ms); its ratio to a reference of `refMean` ± `refRme` %. */
export function task(
  name: string,
  mean: number,
  moe: number,
  refMean = 1,
  refRme = 0,
): BenchTaskRecord {
  const rme = (100 * moe) / mean;
  return {
    name,
    suite: name.split(':')[0] ?? name,
    mean,
    moe,
    rme,
    samples: 10,
    referenceRatio: name === REF ? 1 : mean / refMean,
    referenceRatioRme: name === REF ? 0 : Math.hypot(rme, refRme),
  };
}

/** A record of `tasks` (the first should be the reference). */
export function record(tasks: readonly BenchTaskRecord[]): BenchRecord {
  return {
    format: BENCH_RECORD_FORMAT,
    interval: INTERVAL_DEFINITION,
    reference: REF,
    meta: {
      commit: '0123456789abcdef0123456789abcdef01234567',
      node: 'v20.0.0',
      cpu: 'Test CPU',
      cores: 2,
      loadAverage: 0.5,
      date: '2024-01-01T00:00:00.000Z',
      quick: false,
      filter: null,
    },
    tasks,
  };
}
