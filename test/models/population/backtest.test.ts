import { describe, expect, it } from 'vitest';
import {
  backtestPopulation,
  summariseBacktest,
  type BacktestRow,
} from '../../../models/population/backtest.js';

function row(
  actual: number,
  p50: number,
  p10: number,
  p90: number,
  p2_5: number,
  p97_5: number,
): BacktestRow {
  return {
    area: 'X',
    metric: 'population_male',
    name: 'X',
    actual,
    p50,
    p10,
    p90,
    p2_5,
    p97_5,
    ape: (100 * Math.abs(p50 - actual)) / actual,
  };
}

describe('population back-test', () => {
  it('summarises errors and coverage (known answer)', () => {
    const rows = [
      row(100, 101, 95, 105, 90, 110), // APE 1, inside both
      row(100, 103, 101, 106, 99, 108), // APE 3, outside 80 %, inside 95 %
      row(100, 110, 108, 112, 105, 115), // APE 10, outside both
      row(200, 198, 190, 210, 180, 220), // APE 1, inside both
    ];
    const s = summariseBacktest(rows, 'population_male');
    expect(s.metric).toBe('population_male');
    expect(s.areas).toBe(4);
    // Sorted APEs 1, 1, 3, 10: median 2; p90 by linear interpolation 3 + 0.7·7 = 7.9.
    expect(s.medianApe).toBeCloseTo(2, 12);
    expect(s.p90Ape).toBeCloseTo(7.9, 12);
    expect(s.coverage80).toBe(0.5);
    expect(s.coverage95).toBe(0.75);
  });

  it('refuses a target year after the newest estimates, naming the valid range', async () => {
    await expect(
      backtestPopulation({ baseYear: 2020, horizon: 5, replicates: 10, seed: 1, threads: 0 }),
    ).rejects.toThrow(
      /2020 \+ horizon 5 = 2025 is after the last estimate \(mid-2023\); expected base year \+ horizon ≤ 2023/,
    );
  });

  it('scores persons and each sex against the estimates of the target year', async () => {
    const { rows, summaries } = await backtestPopulation({
      baseYear: 2018,
      horizon: 1,
      replicates: 20,
      seed: 1,
      threads: 0,
    });
    expect(summaries.map((s) => s.metric)).toEqual([
      'population_total',
      'population_male',
      'population_female',
    ]);
    for (const s of summaries) expect(s.areas).toBe(296);
    // Actual persons = actual males + actual females, area by area.
    const byKey = new Map(rows.map((r) => [`${r.metric}/${r.area}`, r.actual]));
    for (const r of rows.filter((x) => x.metric === 'population_total'))
      expect(r.actual).toBe(
        byKey.get(`population_male/${r.area}`)! + byKey.get(`population_female/${r.area}`)!,
      );
    // One year ahead the median error is small.
    expect(summaries[0]!.medianApe).toBeLessThan(1.5);
  }, 120_000);
});
