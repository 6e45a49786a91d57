/**
 * Runs a tiny subset of the benchmark suites in-process with --quick timings and checks the
 * record's shape. Timings are never asserted: only that they are numbers.
 */
import { describe, expect, it } from 'vitest';
import { compareBenchmarks } from '../../bench/compare.js';
import { BENCH_RECORD_FORMAT, parseBenchRecord, type BenchRecord } from '../../bench/record.js';
import { runBenchmarks } from '../../bench/runner.js';
import { SUITES } from '../../bench/suites.js';

const subset = SUITES.filter((s) => s.name === 'kernels/cohort' || s.name === 'stats/quantile');

function expectShape(record: BenchRecord): void {
  // What `--json` writes must read back as a valid record.
  expect(parseBenchRecord(JSON.parse(JSON.stringify(record)), 'smoke')).toEqual(record);
  expect(record.format).toBe(BENCH_RECORD_FORMAT);
  expect(record.meta.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
  expect(record.meta.node).toBe(process.version);
  expect(record.meta.cores).toBeGreaterThanOrEqual(1);
  expect(Number.isNaN(Date.parse(record.meta.date))).toBe(false);
  expect(record.meta.quick).toBe(true);
  const [reference] = record.tasks;
  expect(reference!.name).toBe(record.reference);
  expect(reference!.referenceRatio).toBe(1);
  for (const t of record.tasks) {
    expect(t.name.startsWith(`${t.suite}: `)).toBe(true);
    expect(t.samples).toBeGreaterThanOrEqual(1);
    for (const value of [t.mean, t.moe, t.rme, t.referenceRatio, t.referenceRatioRme])
      expect(Number.isFinite(value)).toBe(true);
  }
  expect(new Set(record.tasks.map((t) => t.name)).size).toBe(record.tasks.length);
}

describe('benchmark runner (smoke)', () => {
  it('runs the reference and the chosen suites and records every task', async () => {
    const seen: string[] = [];
    const record = await runBenchmarks({
      quick: true,
      suites: subset,
      onTask: (t) => seen.push(t.name),
    });
    expectShape(record);
    expect(record.tasks.map((t) => t.suite)).toEqual([
      'reference',
      'kernels/cohort',
      'kernels/cohort',
      'kernels/cohort',
      'kernels/cohort',
      'kernels/cohort',
      'kernels/cohort',
      'stats/quantile',
      'stats/quantile',
      'stats/quantile',
    ]);
    expect(seen).toEqual(record.tasks.map((t) => t.name));
    // A record compared with itself changes nowhere.
    const verdicts = compareBenchmarks(record, record).tasks.map((t) => t.verdict);
    expect(new Set(verdicts)).toEqual(new Set(['no change']));
  });

  it('runs only the tasks matching --filter, and always the reference', async () => {
    const record = await runBenchmarks({ quick: true, suites: subset, filter: 'COHORTSTEP' });
    expectShape(record);
    expect(record.meta.filter).toBe('COHORTSTEP');
    expect(record.tasks.map((t) => t.name)).toEqual([
      record.reference,
      'kernels/cohort: cohortStep, 91 ages × 1,000',
    ]);
  });
});
