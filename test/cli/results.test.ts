import { describe, expect, it } from 'vitest';
import { shortfallLines } from '../../cli/results.js';
import { shortfallOutlook } from '../../models/results/shortfall.js';

/** An area summary whose cells are p_shortfall_beds for 2020-2023 with these means. */
function summaries(means: readonly number[], metric = 'p_shortfall_beds') {
  const cells = means.map((_, i) => ({ year: 2020 + i, metric }));
  const stats = [
    Float64Array.from(means),
    ...[1, 2, 3, 4, 5].map(() => new Float64Array(means.length)),
  ];
  return [{ area: 'X', cells, summary: { cells: means.length, stats } }];
}

describe('shortfall outlook', () => {
  it('names the first year a shortfall is more likely than not', () => {
    const outlook = shortfallOutlook(summaries([0.1, 0.5, 0.51, 0.9]));
    expect(outlook[0]?.firstLikely).toBe(2022);
    expect(shortfallLines(outlook)).toEqual([
      'beds: a shortfall is more likely than not from 2022 (chance by year: 2020 10 %, 2021 50 %, 2022 51 %, 2023 90 %)',
    ]);
    expect(shortfallLines(shortfallOutlook(summaries([0.1, 0.5])))[0]).toMatch(
      /less likely than not in every year/,
    );
    expect(shortfallOutlook(summaries([3], 'beds_required'))).toEqual([]);
  });
});
