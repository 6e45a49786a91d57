import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../cli/format.js';
import {
  ATTRIBUTION_COLUMNS,
  SUMMARY_COLUMNS,
  formatSummary,
  shortfallLines,
} from '../../cli/results.js';
import { attributionRecords } from '../../models/results/attribution.js';
import type { ScenarioResult } from '../../models/run-scenario.js';
import { shortfallOutlook } from '../../models/results/shortfall.js';
import { summaryRecords } from '../../models/results/summary.js';

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

/**
 * A run's result with only what the CSV and JSON summaries read: three areas (one whose code
 * needs quoting) of 300 cells each, with repeated, missing, negative-zero and infinite statistics.
 */
function syntheticResult(): ScenarioResult {
  const metrics = [
    'population_total',
    'p_shortfall_beds',
    'births',
    'change_ae_attendances_demography',
    'change_ae_attendances_trend',
    'change_ae_attendances_interventions',
  ];
  const cells = Array.from({ length: 300 }, (_, c) => ({
    year: 2023 + (c % 5),
    metric: metrics[c % metrics.length] ?? '',
  }));
  const value = (a: number, s: number, c: number): number => {
    if (c % 7 === 0) return 1000 + c; // the same in every replicate: every statistic equal
    if (c % 11 === 3 && s === 2) return NaN;
    if (c % 13 === 5) return [-0, Infinity, -Infinity, 1e21, 1e-7, 0.1 + 0.2][s] ?? 0;
    return a * 1e4 + c / 3 + s * 0.7;
  };
  const summaries = ['E1', 'E2,"x"', 'E3'].map((area, a) => ({
    area,
    cells,
    summary: {
      cells: cells.length,
      stats: [0, 1, 2, 3, 4, 5].map((s) => Float64Array.from(cells, (_, c) => value(a, s, c))),
    },
    derived: undefined,
  }));
  return {
    scenario: { name: 'synthetic', replicates: 10 },
    range: { from: 0, to: 10 },
    areas: summaries.map((s, a) => ({ code: s.area, name: `Area ${a}`, members: [s.area] })),
    capacity: { E1: { beds: 3 } },
    summaries,
  } as unknown as ScenarioResult;
}

describe('summary formats', () => {
  it('writes the CSV summary as the records in CSV', () => {
    const result = syntheticResult();
    const records = summaryRecords(result.summaries);
    expect(formatSummary(result, 'csv')).toBe(formatCsv(SUMMARY_COLUMNS, records));
    const keep = (m: string) => m !== 'births';
    expect(formatSummary(result, 'csv', keep)).toBe(
      formatCsv(
        SUMMARY_COLUMNS,
        records.filter((r) => keep(r.metric)),
      ),
    );
    expect(formatSummary(result, 'csv', () => false)).toBe(`${SUMMARY_COLUMNS.join(',')}\n`);
  });

  it('writes the JSON summary as the records with missing values null', () => {
    const result = syntheticResult();
    // Each record's columns in order, a missing statistic null.
    const clean = (r: object, columns: readonly string[]) =>
      Object.fromEntries(
        columns.map((c) => {
          const v = (r as Record<string, unknown>)[c];
          return [c, typeof v === 'number' && Number.isNaN(v) ? null : v];
        }),
      );
    const expected = (keep: (m: string) => boolean) => {
      const attribution = attributionRecords(result.summaries).filter((r) => keep(r.metric));
      return `${JSON.stringify(
        {
          scenario: result.scenario,
          range: result.range,
          areas: result.areas.map((a) => ({ ...a, capacity: result.capacity[a.code] ?? {} })),
          summary: summaryRecords(result.summaries)
            .filter((r) => keep(r.metric))
            .map((r) => clean(r, SUMMARY_COLUMNS)),
          ...(attribution.length > 0
            ? { attribution: attribution.map((r) => clean(r, ATTRIBUTION_COLUMNS)) }
            : {}),
        },
        null,
        2,
      )}\n`;
    };
    expect(attributionRecords(result.summaries)).toHaveLength(3 * 50);
    for (const keep of [() => true, (m: string) => m === 'births', () => false])
      expect(formatSummary(result, 'json', keep)).toBe(expected(keep));
  });
});
