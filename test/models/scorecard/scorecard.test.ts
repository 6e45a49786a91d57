import { describe, expect, it } from 'vitest';
import type { AreaSummary } from '../../../engine/run/run.js';
import { assessTargets } from '../../../models/plan/model.js';
import type { Plan, PlanOutcome } from '../../../models/plan/schema.js';
import type { Benchmarks } from '../../../models/scorecard/benchmarks.js';
import { rankAmong, scorecardLines } from '../../../models/scorecard/model.js';

/** An area whose metric `m` is 70 in 2023 and takes `final` (one value per replicate) in 2024; `d` is 2. */
function area(code: string, final: readonly number[]): AreaSummary {
  const cells = [
    { year: 2023, metric: 'm' },
    { year: 2023, metric: 'd' },
    { year: 2024, metric: 'm' },
    { year: 2024, metric: 'd' },
  ];
  const values = new Float64Array(final.length * cells.length);
  final.forEach((v, r) => values.set([70, 2, v, 2], r * cells.length));
  return { area: code, cells, summary: { cells: cells.length, stats: [] }, values };
}

const outcome = (o: Partial<PlanOutcome> = {}): PlanOutcome => ({
  label: 'm',
  numerator: 'm',
  per: 1,
  target: 79,
  year: 2024,
  better: 'higher',
  milestones: [],
  ...o,
});

/** A fake cache: England, four areas A (the one scored), B, C, D; `d` is 2 everywhere. */
const cache: Benchmarks = {
  version: 1,
  key: { digest: 'x', model: 'population', baseYear: 2023, horizon: 1, seed: 1, replicates: 10 },
  areas: ['A', 'B', 'C', 'D'],
  years: [2023, 2024],
  metrics: {
    m: {
      england: [72, 78],
      average: [71, 77.5],
      p25: [70, 76.75],
      p75: [72, 78.25],
      byArea: [
        [70, 70, 72, 72],
        [76, 77, 79, 78],
      ],
    },
    d: {
      england: [2, 2],
      average: [2, 2],
      p25: [2, 2],
      p75: [2, 2],
      byArea: [
        [2, 2, 2, 2],
        [2, 2, 2, 2],
      ],
    },
  },
};

// Replicates 80.0 … 80.999: 95 % interval ≈ 80.02-80.97, all above England's 78.
const final = Array.from({ length: 1000 }, (_, i) => 80 + i / 1000);
const peersOf = (a: string): string[] => (a === 'A' ? ['B', 'C', 'D'] : []);

function lines(o: PlanOutcome, values: readonly number[] = final) {
  const plan: Plan = { outcomes: [o], rag: { green: 0.8, amber: 0.5 } };
  const summaries = [area('A', values)];
  return scorecardLines(assessTargets(plan, 2023, summaries), summaries, cache, peersOf);
}

describe('the scorecard', () => {
  it('ranks in the direction of better, 1 = best, ties not counted against', () => {
    expect(rankAmong(5, [1, 7, 9], 'higher')).toBe(3);
    expect(rankAmong(5, [1, 7, 9], 'lower')).toBe(2);
    expect(rankAmong(5, [5, 5], 'higher')).toBe(1);
  });

  it('puts the area beside England, the average, the upper quartile and its peers, in the target year', () => {
    const [l] = lines(outcome());
    expect(l!.year).toBe(2024);
    expect(l!.value).toBeCloseTo(80.4995, 10);
    expect(l!.england).toBe(78);
    expect(l!.average).toBe(77.5);
    expect(l!.upperQuartile).toBe(78.25);
    expect([l!.peersMin, l!.peersMax]).toEqual([77, 79]);
    expect([l!.peerRank, l!.peerCount]).toEqual([1, 3]);
    expect(l!.pMeet).toBe(1);
    expect(l!.rag).toBe('green');
    // England lies below the 99.8 % interval: better at both levels.
    expect(l!.vsEngland).toEqual({ at95: 'better', at998: 'better' });
  });

  it('reads the lower quartile, the rank and the mark the other way when lower is better', () => {
    const [l] = lines(outcome({ better: 'lower' }));
    expect(l!.upperQuartile).toBe(76.75);
    expect(l!.peerRank).toBe(4);
    expect(l!.pMeet).toBe(0);
    expect(l!.rag).toBe('red');
    expect(l!.vsEngland).toEqual({ at95: 'worse', at998: 'worse' });
  });

  it('is similar when England lies inside the Monte Carlo interval', () => {
    const wide = Array.from({ length: 1000 }, (_, i) => 75 + (6 * i) / 999);
    const [l] = lines(outcome(), wide);
    expect(l!.vsEngland).toEqual({ at95: 'similar', at998: 'similar' });
  });

  it('benchmarks a ratio outcome by the areas’ ratios', () => {
    const [l] = lines(outcome({ denominator: 'd', per: 10, target: 395 }));
    expect(l!.england).toBe(390);
    expect(l!.average).toBe(387.5);
    expect(l!.upperQuartile).toBe(391.25);
    expect([l!.peersMin, l!.peersMax]).toEqual([385, 395]);
    expect(l!.value).toBeCloseTo(402.4975, 8);
  });

  it('says when the benchmarks lack an outcome’s metric (an input error, not a crash)', () => {
    const plan: Plan = { outcomes: [outcome()], rag: { green: 0.8, amber: 0.5 } };
    const summaries = [area('A', final)];
    const without: Benchmarks = { ...cache, metrics: { d: cache.metrics.d! } };
    expect(() =>
      scorecardLines(assessTargets(plan, 2023, summaries), summaries, without, peersOf),
    ).toThrow(/benchmarks \(population model, 2023-2024\) have no m in 2024; rebuild/);
  });

  it('leaves the peers empty for an area without peers', () => {
    const plan: Plan = { outcomes: [outcome()], rag: { green: 0.8, amber: 0.5 } };
    const summaries = [area('E12000001', final)];
    const [l] = scorecardLines(assessTargets(plan, 2023, summaries), summaries, cache, peersOf);
    expect(l!.peerCount).toBe(0);
    expect(l!.peerRank).toBe(0);
    expect(l!.peersMin).toBeNaN();
  });
});
