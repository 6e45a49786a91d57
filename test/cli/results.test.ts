import { describe, expect, it } from 'vitest';
import { shortfallLines } from '../../cli/results.js';

describe('shortfallLines', () => {
  it('names the first year a shortfall is more likely than not', () => {
    const rows = [2020, 2021, 2022, 2023].map((year, i) => ({
      area: 'X',
      year,
      metric: 'p_shortfall_beds',
      mean: [0.1, 0.5, 0.51, 0.9][i]!,
    }));
    expect(shortfallLines(rows)).toEqual([
      'beds: a shortfall is more likely than not from 2022 (chance by year: 2020 10 %, 2021 50 %, 2022 51 %, 2023 90 %)',
    ]);
    expect(shortfallLines(rows.slice(0, 2))[0]).toMatch(/less likely than not in every year/);
    expect(shortfallLines([{ area: 'X', year: 2020, metric: 'beds_required', mean: 3 }])).toEqual(
      [],
    );
  });
});
