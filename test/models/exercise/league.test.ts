/** The league table and the funnel of an exercise, on a hand-made state. */
import { describe, expect, it } from 'vitest';
import { zForConfidence } from '../../../engine/stats/qnorm.js';
import { funnelOf } from '../../../models/exercise/funnel.js';
import { leagueTable } from '../../../models/exercise/league.js';
import type {
  AreaRound,
  ExerciseState,
  OutcomeRound,
  RoundRecord,
} from '../../../models/exercise/state.js';
import type { Rag } from '../../../models/plan/model.js';

const outcome = (label: string, pMeet: number, rag: Rag): OutcomeRound => ({
  metric: label,
  label,
  unit: 'years',
  better: 'higher',
  target: 1,
  year: 2025,
  pMeet,
  rag,
  mean: 0,
  p10: 0,
  p90: 0,
  fan: [],
});

const area = (
  code: string,
  p: [number, Rag][],
  realised: Record<string, number>,
  shortfall: (number | null)[] = [],
): AreaRound => ({
  area: code,
  realised,
  outcomes: p.map(([x, rag], i) => outcome(`o${i + 1}`, x, rag)),
  capacity: shortfall.map((first, i) => ({
    resource: ['beds', 'gp_wte'][i] ?? 'beds',
    pShortfall: [],
    firstLikely: first,
  })),
  netCost: { year: 2025, mean: 100, p10: 90, p90: 110 },
});

const round = (k: number, areas: AreaRound[]): RoundRecord => ({
  round: k,
  year: 2023 + k,
  draw: k === 0 ? null : 3,
  events: [],
  areas,
});

const state = (rounds: RoundRecord[]): ExerciseState =>
  ({
    setup: {
      areas: ['A', 'B', 'C'].map((code) => ({ code, name: `area ${code}`, scenario: {} })),
    },
    rounds,
  }) as unknown as ExerciseState;

describe('leagueTable', () => {
  const s = state([
    round(0, [
      area(
        'A',
        [
          [0.9, 'green'],
          [0.6, 'amber'],
        ],
        {},
      ),
      area(
        'B',
        [
          [0.7, 'amber'],
          [0.2, 'red'],
        ],
        {},
      ),
      area(
        'C',
        [
          [0.1, 'red'],
          [0.3, 'red'],
        ],
        {},
      ),
    ]),
    round(1, [
      area(
        'A',
        [
          [0.4, 'red'],
          [0.6, 'amber'],
        ],
        {},
        [2027, 2026],
      ),
      area(
        'B',
        [
          [0.7, 'amber'],
          [0.1, 'red'],
        ],
        {},
        [null],
      ),
      area(
        'C',
        [
          [0.2, 'red'],
          [0.3, 'red'],
        ],
        {},
      ),
    ]),
  ]);

  it('sorts by most reds, then the lowest P(meet), and ranks from 1', () => {
    const rows = leagueTable(s);
    expect(rows.map((r) => [r.rank, r.area, r.reds, r.minPMeet])).toEqual([
      [1, 'C', 2, 0.2],
      [2, 'B', 1, 0.1],
      [3, 'A', 1, 0.4],
    ]);
  });

  it('gives the change since the previous round and the RAG moves', () => {
    const a = leagueTable(s).find((r) => r.area === 'A')!;
    expect(a.outcomes[0]!.deltaPMeet).toBeCloseTo(-0.5, 12);
    expect([a.outcomes[0]!.previousRag, a.outcomes[0]!.rag]).toEqual(['green', 'red']);
    expect(a.outcomes[1]!.deltaPMeet).toBe(0);
    const init = leagueTable(s, 0).find((r) => r.area === 'A')!;
    expect(init.outcomes[0]!.deltaPMeet).toBeNull();
    expect(init.outcomes[0]!.previousRag).toBeNull();
  });

  it('gives the first likely shortfall over the stated resources, or none', () => {
    const rows = leagueTable(s);
    const by = (code: string) => rows.find((r) => r.area === code)!;
    expect(by('A').shortfall).toEqual({ year: 2026, resource: 'gp_wte' });
    expect([by('B').shortfall, by('B').capacityStated]).toEqual([null, true]);
    expect([by('C').shortfall, by('C').capacityStated]).toEqual([null, false]);
  });
});

describe('funnelOf', () => {
  const s = state([
    round(0, [
      area('A', [], { population_total: 100_000, nel_admissions: 10_000 }),
      area('B', [], { population_total: 300_000, nel_admissions: 30_900 }),
      area('C', [], { population_total: 50_000, nel_admissions: 6_000 }),
    ]),
  ]);
  const f = funnelOf(s);

  it('centres on the pooled rate per 1,000', () => {
    expect(f.centre).toBeCloseTo((46_900 / 450_000) * 1000, 10);
    expect(f.points.map((p) => p.rate)).toEqual([100, 103, 120]);
  });

  it('draws the limits θ ± z·√(θ/n), narrowing as the population grows', () => {
    const theta = 46_900 / 450_000;
    for (const l of f.limits) {
      const half95 = zForConfidence(95) * Math.sqrt(theta / l.population) * 1000;
      expect(l.upper95 - theta * 1000).toBeCloseTo(half95, 9);
      expect(theta * 1000 - l.lower95).toBeCloseTo(half95, 9);
      expect(l.upper998).toBeGreaterThan(l.upper95);
    }
    const first = f.limits[0]!;
    const last = f.limits.at(-1)!;
    expect(first.upper998 - first.lower998).toBeGreaterThan(last.upper998 - last.lower998);
    expect(first.population).toBeLessThan(50_000);
    expect(last.population).toBeGreaterThan(300_000);
  });

  it('flags areas by the limits they fall outside', () => {
    // z = (rate − θ)/√(θ/n): A ≈ −4.1 and C ≈ 10.9 (beyond 99.8 %), B ≈ −2.1 (between).
    expect(f.points.map((p) => [p.area, p.flag, p.side])).toEqual([
      ['A', 'beyond 99.8 %', 'lower'],
      ['B', 'between 95 and 99.8 %', 'lower'],
      ['C', 'beyond 99.8 %', 'higher'],
    ]);
  });
});
