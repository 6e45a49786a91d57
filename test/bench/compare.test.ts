import { describe, expect, it } from 'vitest';
import { agreedVerdict, compareBenchmarks, intervalVerdict } from '../../bench/compare.js';
import { REF, record, task } from './records.js';

describe('intervalVerdict', () => {
  it('calls a change only when the intervals separate', () => {
    const base = { value: 10, halfWidth: 1 };
    expect(intervalVerdict(base, { value: 12.5, halfWidth: 1 })).toBe('regression');
    expect(intervalVerdict(base, { value: 7.5, halfWidth: 1 })).toBe('improvement');
    expect(intervalVerdict(base, { value: 11.5, halfWidth: 1 })).toBe('no change');
    expect(intervalVerdict(base, { value: 8.5, halfWidth: 1 })).toBe('no change');
  });
  it('treats touching intervals as overlapping', () => {
    expect(intervalVerdict({ value: 10, halfWidth: 1 }, { value: 12, halfWidth: 1 })).toBe(
      'no change',
    );
    expect(intervalVerdict({ value: 10, halfWidth: 1 }, { value: 8, halfWidth: 1 })).toBe(
      'no change',
    );
  });
});

describe('compareBenchmarks', () => {
  it('gives the ratio of means and a verdict per task', () => {
    const baseline = record([
      task(REF, 2, 0.02),
      task('a: slower', 10, 0.5),
      task('a: faster', 10, 0.5),
      task('a: noisy', 10, 3),
    ]);
    const current = record([
      task(REF, 2, 0.02),
      task('a: slower', 15, 0.5),
      task('a: faster', 5, 0.5),
      // 14 ± 2 overlaps 10 ± 3: a 40 % slower mean within the noise.
      task('a: noisy', 14, 2),
    ]);
    const { tasks } = compareBenchmarks(baseline, current);
    expect(tasks.map((t) => [t.name, t.ratio, t.verdict])).toEqual([
      [REF, 1, 'no change'],
      ['a: slower', 1.5, 'regression'],
      ['a: faster', 0.5, 'improvement'],
      ['a: noisy', 1.4, 'no change'],
    ]);
    expect(tasks[1]).toMatchObject({ baselineMean: 10, currentMean: 15 });
  });

  it('compares ratios to the reference kernel, which cancel a slower machine', () => {
    // The whole machine runs 1.5 times slower: the reference and the task alike.
    const baseline = record([task(REF, 2, 0.02), task('run: whole', 1000, 10, 2, 1)]);
    const current = record([task(REF, 3, 0.03), task('run: whole', 1500, 15, 3, 1)]);
    const [, whole] = compareBenchmarks(baseline, current).tasks;
    expect(whole!.timeVerdict).toBe('regression');
    expect(whole!.ratio).toBe(1.5);
    expect(whole!.referenceRatio).toBeCloseTo(1, 12);
    expect(whole!.referenceVerdict).toBe('no change');
    // Slower by its time only: the machine moved, so no change is called.
    expect(whole!.verdict).toBe('no change');
  });

  it('calls a change only when the time and the reference ratio agree', () => {
    expect(agreedVerdict('regression', 'regression')).toBe('regression');
    expect(agreedVerdict('improvement', 'improvement')).toBe('improvement');
    expect(agreedVerdict('regression', 'improvement')).toBe('no change');
    expect(agreedVerdict('improvement', 'regression')).toBe('no change');
    expect(agreedVerdict('regression', 'no change')).toBe('no change');
    expect(agreedVerdict('no change', 'improvement')).toBe('no change');
    // Another machine: the reference 4.2 times slower, the task 2.3 times slower. By time a
    // regression, by ratio an improvement: nothing is called.
    const baseline = record([task(REF, 2, 0.02), task('kernels: cohort', 10, 0.1, 2, 1)]);
    const current = record([task(REF, 8.4, 0.08), task('kernels: cohort', 23, 0.23, 8.4, 1)]);
    const [, cohort] = compareBenchmarks(baseline, current).tasks;
    expect([cohort!.timeVerdict, cohort!.referenceVerdict, cohort!.verdict]).toEqual([
      'regression',
      'improvement',
      'no change',
    ]);
  });

  it('does not compare ratios to a reference of another name', () => {
    const baseline = { ...record([task(REF, 2, 0.02), task('a: b', 10, 0.1)]), reference: 'old' };
    const current = record([task(REF, 2, 0.02), task('a: b', 20, 0.1)]);
    const [, b] = compareBenchmarks(baseline, current).tasks;
    expect(b!.timeVerdict).toBe('regression');
    expect(b!.referenceRatio).toBeNaN();
    expect([b!.referenceVerdict, b!.verdict]).toEqual(['no change', 'no change']);
  });

  it('calls a reference-ratio change when the ratio intervals separate', () => {
    const baseline = record([task(REF, 2, 0.02), task('run: whole', 1000, 10, 2, 1)]);
    const current = record([task(REF, 2, 0.02), task('run: whole', 800, 8, 2, 1)]);
    const [, whole] = compareBenchmarks(baseline, current).tasks;
    expect(whole!.referenceRatio).toBeCloseTo(0.8, 12);
    expect(whole!.referenceVerdict).toBe('improvement');
  });

  it('lists tasks found in one record only, in order', () => {
    const baseline = record([task(REF, 2, 0.1), task('x: old', 1, 0.1), task('x: kept', 1, 0.1)]);
    const current = record([task(REF, 2, 0.1), task('x: kept', 1, 0.1), task('x: new', 1, 0.1)]);
    const comparison = compareBenchmarks(baseline, current);
    expect(comparison.tasks.map((t) => t.name)).toEqual([REF, 'x: kept']);
    expect(comparison.onlyInBaseline).toEqual(['x: old']);
    expect(comparison.onlyInCurrent).toEqual(['x: new']);
  });

  it('does not change its arguments', () => {
    const baseline = record([task(REF, 2, 0.1)]);
    const current = record([task(REF, 3, 0.1)]);
    const copies = JSON.stringify([baseline, current]);
    compareBenchmarks(baseline, current);
    expect(JSON.stringify([baseline, current])).toBe(copies);
  });
});
