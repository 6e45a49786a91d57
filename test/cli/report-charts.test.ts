import { describe, expect, it } from 'vitest';
import { fanSvg } from '../../cli/report/charts.js';

describe('fan charts', () => {
  it('give a flat series (every replicate the same) a scale around its value, with whole ticks', () => {
    const points = [2023, 2024, 2025].map((year) => ({
      year,
      mean: 1000,
      p2_5: 1000,
      p10: 1000,
      p25: 1000,
      p50: 1000,
      p75: 1000,
      p90: 1000,
      p97_5: 1000,
    }));
    const svg = fanSvg(
      { area: 'E06000001', metric: 'population_total', unit: 'persons', points, targets: [] },
      'flat',
      'a flat fan',
    );
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(ticks).toContain('1,000');
    expect(ticks.filter((t) => /\.\d{3,}/.test(t))).toEqual([]);
  });
});
