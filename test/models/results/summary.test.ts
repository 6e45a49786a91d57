import { describe, expect, it } from 'vitest';
import {
  SUMMARY_COLUMNS,
  forEachSummaryRow,
  summaryRecords,
} from '../../../models/results/summary.js';

/** Two areas' summaries: population_total and p_shortfall_beds in 2023 and 2024. */
function summaries() {
  const cells = [
    { year: 2023, metric: 'population_total' },
    { year: 2023, metric: 'p_shortfall_beds' },
    { year: 2024, metric: 'population_total' },
    { year: 2024, metric: 'p_shortfall_beds' },
  ];
  const area = (code: string, base: number) => ({
    area: code,
    cells,
    summary: {
      cells: cells.length,
      stats: [0, 1, 2, 3, 4, 5].map((s) => Float64Array.from(cells, (_, c) => base + 10 * c + s)),
    },
  });
  return [area('A', 100), area('B', 200)];
}

describe('summary records', () => {
  it('lists each area and cell with its unit and statistics; a probability has its mean alone', () => {
    const records = summaryRecords(summaries());
    expect(records).toHaveLength(8);
    expect(records[0]).toEqual({
      area: 'A',
      year: 2023,
      metric: 'population_total',
      unit: 'persons',
      mean: 100,
      p2_5: 101,
      p10: 102,
      p50: 103,
      p90: 104,
      p97_5: 105,
    });
    expect(Object.keys(records[0] ?? {})).toEqual([...SUMMARY_COLUMNS]);
    expect(records[1]).toEqual({
      area: 'A',
      year: 2023,
      metric: 'p_shortfall_beds',
      unit: 'probability',
      mean: 110,
      p2_5: NaN,
      p10: NaN,
      p50: NaN,
      p90: NaN,
      p97_5: NaN,
    });
    expect(records.map((r) => `${r.area} ${r.year} ${r.metric}`).slice(4, 6)).toEqual([
      'B 2023 population_total',
      'B 2023 p_shortfall_beds',
    ]);
  });

  it('keeps only the metrics asked for, asking once per metric', () => {
    const asked: string[] = [];
    const keep = (metric: string) => {
      asked.push(metric);
      return metric.startsWith('p_');
    };
    const records = summaryRecords(summaries(), keep);
    expect(records.map((r) => `${r.area} ${r.year}`)).toEqual([
      'A 2023',
      'A 2024',
      'B 2023',
      'B 2024',
    ]);
    expect(asked).toEqual(['population_total', 'p_shortfall_beds']);
  });

  it('visits the same rows as the records, statistics in column order', () => {
    const rows: unknown[] = [];
    forEachSummaryRow(summaries(), undefined, (area, cell, unit, stats) =>
      rows.push({ area, year: cell.year, metric: cell.metric, unit, stats: [...stats] }),
    );
    expect(rows).toEqual(
      summaryRecords(summaries()).map((r) => ({
        area: r.area,
        year: r.year,
        metric: r.metric,
        unit: r.unit,
        stats: [r.mean, r.p2_5, r.p10, r.p50, r.p90, r.p97_5],
      })),
    );
  });
});
