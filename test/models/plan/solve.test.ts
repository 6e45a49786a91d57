import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/errors.js';
import { probabilityOfMeeting } from '../../../engine/stats/probability-of-meeting.js';
import {
  bisectProbability,
  monotonicityBreaks,
  type BisectOptions,
} from '../../../models/plan/bisect-probability.js';
import { outcomeValues } from '../../../models/plan/model.js';
import type { PlanOutcome } from '../../../models/plan/schema.js';
import { resolveLever, withLever } from '../../../models/plan/scenario-path.js';
import { solveLever, type SolveOptions } from '../../../models/plan/solve.js';
import { runScenario } from '../../../models/run-scenario.js';
import { parseScenario } from '../../../models/scenario/schema.js';

const options = (o: Partial<BisectOptions> = {}): BisectOptions => ({
  lo: 0,
  hi: 2,
  probability: 0.8,
  steps: 12,
  tolerance: 0,
  integer: false,
  replicates: 1000,
  ...o,
});

describe('bisection on P(meet)', () => {
  it('finds the analytic answer of a lever with a linear effect, within its stated precision', async () => {
    // Replicate r has outcome 10 + 3x + e_r with e_r evenly spread over (-1, 1); the target
    // 12 is met when e_r ≥ 2 - 3x, so P(x) ≥ 0.8 from x* = (2 - e_(201)) / 3, e sorted upwards.
    const n = 1000;
    const e = Float64Array.from({ length: n }, (_, r) => -1 + (2 * (r + 0.5)) / n);
    const p = (x: number): Promise<number> =>
      Promise.resolve(
        probabilityOfMeeting(
          e.map((v) => 10 + 3 * x + v),
          12,
          'higher',
        ),
      );
    const exact = (2 - e[n - 800]!) / 3;
    const r = await bisectProbability(p, options());
    expect(r.state).toBe('solved');
    if (r.state !== 'solved') return;
    expect(r.bracket[0]).toBeLessThan(exact);
    expect(r.bracket[1]).toBeGreaterThanOrEqual(exact);
    expect(r.bracket[1] - r.bracket[0]).toBe(2 / 2 ** 12);
    expect(r.answer).toBe(r.bracket[1]);
    expect(r.pAtAnswer).toBeGreaterThanOrEqual(0.8);
    expect(await p(r.bracket[0])).toBeLessThan(0.8);
    expect(r.points).toHaveLength(14);
    expect(r.breaks).toEqual([]);
  });

  it('stops once the bracket is within the tolerance, and works in whole numbers', async () => {
    const linear = (x: number): Promise<number> => Promise.resolve(Math.min(1, x / 2));
    const r = await bisectProbability(linear, options({ tolerance: 0.01 }));
    expect(r.state === 'solved' && r.bracket[1] - r.bracket[0]).toBeLessThanOrEqual(0.01);
    expect(r.points.length).toBe(2 + 8);
    const deciles = await bisectProbability(
      (k) => Promise.resolve(k / 10),
      options({ lo: 1, hi: 10, probability: 0.55, integer: true }),
    );
    expect(deciles).toMatchObject({ state: 'solved', answer: 6, bracket: [5, 6], pAtAnswer: 0.6 });
    expect(deciles.points.every((q) => Number.isInteger(q.x))).toBe(true);
  });

  it('says when the target is out of reach, and when the bottom of the range already meets it', async () => {
    const r = await bisectProbability((x) => Promise.resolve(0.3 * x), options({ hi: 1 }));
    expect(r).toMatchObject({ state: 'unreachable', pAtHi: 0.3 });
    expect(r.points).toHaveLength(2);
    const met = await bisectProbability(() => Promise.resolve(0.9), options());
    expect(met).toMatchObject({ state: 'solved', answer: 0, bracket: [0, 0], pAtAnswer: 0.9 });
    expect(met.points).toHaveLength(1);
  });

  it('reports a fall in P beyond Monte Carlo error, and not one within it', async () => {
    // P peaks at 0.95 at x = 1 and falls to 0.85 at x = 2.
    const peaked = (x: number): Promise<number> =>
      Promise.resolve(x <= 1 ? 0.2 + 0.75 * x : 0.95 - 0.1 * (x - 1));
    const r = await bisectProbability(peaked, options());
    expect(r.state).toBe('solved');
    expect(r.breaks.length).toBeGreaterThan(0);
    expect(r.breaks[0]).toMatchObject({ lower: { x: 1, p: 0.95 }, higher: { x: 2, p: 0.85 } });
    // 1.96 × √(2 × 0.9 × 0.1 / 1000) = 0.0263: a fall of 0.02 is noise, one of 0.03 is not.
    const pts = (drop: number) => [
      { x: 0, p: 0.91 },
      { x: 1, p: 0.91 - drop },
    ];
    expect(monotonicityBreaks(pts(0.02), 1000)).toEqual([]);
    const [b] = monotonicityBreaks(pts(0.03), 1000);
    expect(b?.allowed).toBeCloseTo(1.96 * Math.sqrt((2 * 0.895 * 0.105) / 1000), 3);
    expect(
      monotonicityBreaks(
        [
          { x: 0, p: 1 },
          { x: 1, p: 0.999 },
        ],
        2000,
      ),
    ).toEqual([]);
  });
});

describe('levers by path', () => {
  const input = {
    area: 'E06000001',
    interventions: [
      {
        name: 'p',
        effect: { dist: 'pert', min: 0.05, mode: 0.1, max: 0.2 },
        deciles: [1, 2, 3],
        cost_per_year: [100, 200],
      },
    ],
    capacity: { beds: 300 },
  };

  it('sets a number, scales a distribution and reaches deciles 1 … k, leaving the input as it was', () => {
    const before = structuredClone(input);
    const beds = resolveLever(input, 'capacity.beds');
    expect(beds).toMatchObject({ mode: 'value', current: 300, integer: false });
    expect(withLever(input, beds, 350).capacity).toEqual({ beds: 350 });
    const effect = resolveLever(input, 'interventions[0].effect');
    expect(effect).toMatchObject({ mode: 'factor', current: 1 });
    const i = (s: Record<string, unknown>) => (s.interventions as Record<string, unknown>[])[0]!;
    expect(i(withLever(input, effect, 2)).effect).toEqual({
      dist: 'pert',
      min: 0.1,
      mode: 0.2,
      max: 0.4,
    });
    const cost = resolveLever(input, 'interventions[0].cost_per_year');
    expect(i(withLever(input, cost, 1.5)).cost_per_year).toEqual([150, 300]);
    const reach = resolveLever(input, 'interventions[0].deciles');
    expect(reach).toMatchObject({ mode: 'deciles', current: 3, integer: true });
    expect(i(withLever(input, reach, 5)).deciles).toEqual([1, 2, 3, 4, 5]);
    expect(input).toEqual(before);
  });

  it('names a path that does not exist, or is not numeric, and what is there', () => {
    expect(() => resolveLever(input, 'levers[0].effect')).toThrow(InputError);
    expect(() => resolveLever(input, 'levers[0].effect')).toThrow(
      /option --vary levers\[0\]\.effect: expected a field of the scenario, found "no levers \(the scenario has fields area, interventions, capacity\)"/,
    );
    expect(() => resolveLever(input, 'interventions[3].effect')).toThrow(
      /no interventions\[3\] \(interventions has a list of 1\)/,
    );
    expect(() => resolveLever(input, 'interventions[0].name')).toThrow(
      /option --vary interventions\[0\]\.name: expected a number or a distribution .*, found "p"/,
    );
    expect(() => resolveLever(input, 'area')).toThrow(
      /option --vary area: expected a number or a distribution .*, found "E06000001"/,
    );
    expect(() => resolveLever(input, 'capacity..beds')).toThrow(/expected a field path/);
  });
});

describe('solveLever on a scenario', () => {
  const base = {
    model: 'demand',
    area: 'E06000001',
    replicates: 200,
    seed: 7,
    prevalence: { conditions: ['DM', 'HYP'] },
    interventions: [
      {
        name: 'prevention',
        condition: 'DM',
        acts_on: 'incidence',
        effect: { dist: 'pert', min: 0.05, mode: 0.1, max: 0.2 },
        start_year: 2024,
        cost_per_year: 100000,
      },
    ],
    capacity: { beds: 400 },
  };
  const solve = (o: Partial<SolveOptions> & Pick<SolveOptions, 'vary' | 'outcome'>) =>
    solveLever(base, { probability: 0.8, threads: 0, source: 'test', ...o });
  const shortfall: PlanOutcome = {
    label: 'shortfall_beds',
    numerator: 'shortfall_beds',
    per: 1,
    target: 0,
    year: 2028,
    better: 'lower',
    milestones: [],
  };

  it('finds the beds that remove the shortfall with P = 0.8: the analytic quantile, within the bracket', async () => {
    // shortfall = required − beds, so beds x meet it in replicate r when x ≥ required_r.
    const run = await runScenario(parseScenario(base), { threads: 0, keepValues: true });
    const required = outcomeValues(run.summaries[0]!, shortfall, 2028).map((s) => s + 400);
    const exact = Float64Array.from(required).sort()[Math.ceil(0.8 * 200) - 1]!;
    const r = await solve({
      vary: 'capacity.beds',
      outcome: shortfall,
      range: [0, 1000],
    });
    expect(r.search?.state).toBe('solved');
    if (r.search?.state !== 'solved') return;
    expect(r.search.bracket[0]).toBeLessThan(exact);
    expect(r.search.bracket[1]).toBeGreaterThanOrEqual(exact);
    expect(r.search.bracket[1] - r.search.bracket[0]).toBe(1000 / 2 ** 12);
    expect(r.points).toHaveLength(14);
    expect(r.breaks).toEqual([]);
    const p = r.search.pAtAnswer;
    expect(r.answerSe).toBe(Math.sqrt((p * (1 - p)) / 200));
    // The programme cost does not depend on beds: 100,000 a year for 2024-2028.
    expect(r.costMetric).toBe('cost_programmes');
    expect(r.points.every((p) => p.cost === 500000)).toBe(true);
  });

  it('draws the grid of P(meet) and cost for a budget, and prevention lowers the register monotonely', async () => {
    const dm: PlanOutcome = { ...shortfall, label: 'register_DM', numerator: 'register_DM' };
    const r0 = await solve({
      vary: 'interventions[0].effect',
      outcome: { ...dm, target: 1e9 },
      probability: 0.5,
      grid: [0],
    });
    const median = r0.points[0]!.mean;
    const r = await solve({
      vary: 'interventions[0].effect',
      outcome: { ...dm, target: median },
      probability: 0.5,
      grid: [0, 1, 2, 4],
    });
    const p = r.points.map((q) => q.pMeet);
    expect(p[0]).toBeGreaterThan(0.3);
    expect(p[0]).toBeLessThan(0.7);
    for (let i = 1; i < p.length; ++i) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1]!);
    expect(p[3]).toBeGreaterThan(p[0]! + 0.1);
    expect(r.breaks).toEqual([]);
    const cost = await solve({
      vary: 'interventions[0].cost_per_year',
      outcome: dm,
      probability: 0.5,
      grid: [0, 250000],
    });
    expect(cost.points.map((q) => q.cost)).toEqual([0, 1250000]);
  });

  it('gives the same P(meet), mean and cost whether or not the scenario splits its changes', async () => {
    const grid = { vary: 'capacity.beds', outcome: shortfall, grid: [200, 220] };
    const plain = await solve(grid);
    const split = await solveLever(
      { ...base, attribution: true },
      { ...grid, probability: 0.8, threads: 0, source: 'test' },
    );
    expect(split.points).toEqual(plain.points);
    expect(plain.points[0]!.pMeet).toBeLessThan(plain.points[1]!.pMeet);
  });

  it('refuses an outcome the model does not produce, and a plan outcome that is not in the plan', async () => {
    await expect(
      solve({
        vary: 'capacity.beds',
        outcome: { ...shortfall, numerator: 'le_birth_nobody' },
      }),
    ).rejects.toThrow(
      /--outcome: expected a metric this scenario's demand model produces, found "le_birth_nobody"/,
    );
    await expect(
      solve({
        vary: 'capacity.beds',
        outcome: 'le_birth_male',
      }),
    ).rejects.toThrow(/expected a plan block with this outcome/);
  });
});
