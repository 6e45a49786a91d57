import { describe, expect, it } from 'vitest';
import {
  compareWithBenchmark,
  describeMark,
  twoLevelMark,
} from '../../../models/scorecard/compare.js';

describe('comparison with England, the Fingertips way', () => {
  const ci = { lo: 78, hi: 80 };
  it('is similar when the benchmark lies inside the interval, limits included', () => {
    expect(compareWithBenchmark(ci, 79, 'higher')).toBe('similar');
    expect(compareWithBenchmark(ci, 78, 'higher')).toBe('similar');
    expect(compareWithBenchmark(ci, 80, 'lower')).toBe('similar');
  });
  it('follows polarity: above the benchmark is better when higher is better, worse when lower is', () => {
    expect(compareWithBenchmark(ci, 77.9, 'higher')).toBe('better');
    expect(compareWithBenchmark(ci, 77.9, 'lower')).toBe('worse');
    expect(compareWithBenchmark(ci, 80.1, 'higher')).toBe('worse');
    expect(compareWithBenchmark(ci, 80.1, 'lower')).toBe('better');
  });
  it('says similar when a value is missing (no evidence of a difference)', () => {
    expect(compareWithBenchmark(ci, NaN, 'higher')).toBe('similar');
    expect(compareWithBenchmark({ lo: NaN, hi: 1 }, 0, 'higher')).toBe('similar');
  });
  it('has two levels: within 95 %, between 95 % and 99.8 %, beyond 99.8 %', () => {
    const at95 = { lo: 78, hi: 80 };
    const at998 = { lo: 77, hi: 81 };
    const inside = twoLevelMark(at95, at998, 79, 'higher');
    expect(inside).toEqual({ at95: 'similar', at998: 'similar' });
    expect(describeMark(inside)).toBe('similar');
    const between = twoLevelMark(at95, at998, 77.5, 'higher');
    expect(between).toEqual({ at95: 'better', at998: 'similar' });
    expect(describeMark(between)).toBe('better');
    const beyond = twoLevelMark(at95, at998, 82, 'higher');
    expect(beyond).toEqual({ at95: 'worse', at998: 'worse' });
    expect(describeMark(beyond)).toBe('worse (99.8 %)');
    expect(describeMark(twoLevelMark(at95, at998, 82, 'lower'))).toBe('better (99.8 %)');
  });
});
