import { describe, expect, it } from 'vitest';
import type { AreaSummary } from '../../../engine/run/run.js';
import { probabilityOfMeeting } from '../../../engine/stats/probability-of-meeting.js';
import type { Plan, PlanOutcome } from '../../../models/plan/schema.js';
import { aspirations, assessTargets, outcomeValues, ragOf } from '../../../models/plan/model.js';

/** An area whose metric `m` (and `d`) take the given replicate values in 2023 and 2025. */
function area(values2023: readonly number[], values2025: readonly number[], d = 2): AreaSummary {
  const cells = [
    { year: 2023, metric: 'm' },
    { year: 2023, metric: 'd' },
    { year: 2024, metric: 'm' },
    { year: 2024, metric: 'd' },
    { year: 2025, metric: 'm' },
    { year: 2025, metric: 'd' },
  ];
  const n = values2023.length;
  const values = new Float64Array(n * cells.length);
  for (let r = 0; r < n; ++r) {
    const v0 = values2023[r]!;
    const v2 = values2025[r]!;
    values.set([v0, d, (v0 + v2) / 2, d, v2, d], r * cells.length);
  }
  return { area: 'X', cells, summary: { cells: cells.length, stats: [] }, values };
}

const outcome = (o: Partial<PlanOutcome> = {}): PlanOutcome => ({
  label: 'm',
  numerator: 'm',
  per: 1,
  target: 10,
  year: 2025,
  better: 'higher',
  milestones: [],
  ...o,
});
const plan = (o: PlanOutcome): Plan => ({ outcomes: [o], rag: { green: 0.8, amber: 0.5 } });

describe('P(meet)', () => {
  it('is exactly the share of replicates that meet the target, in the direction that counts', () => {
    const v = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(probabilityOfMeeting(v, 8, 'higher')).toBe(0.3);
    expect(probabilityOfMeeting(v, 8, 'lower')).toBe(0.8);
    expect(probabilityOfMeeting(Float64Array.from([NaN, 1]), 0, 'higher')).toBe(0.5);
  });

  it('is 0.5 for a target at the median of a symmetric projection', () => {
    const n = 10_001;
    const final = Array.from({ length: n }, (_, i) => 10 + (i - 5000) / 1000);
    const [a] = assessTargets(plan(outcome({ target: 10.0005 })), 2023, [area(final, final)]);
    expect(a!.pMeet).toBeCloseTo(0.5, 3);
  });

  it('rates green, amber and red by the thresholds, and a baseline identical to the plan adds nothing', () => {
    expect(ragOf(0.8, { green: 0.8, amber: 0.5 })).toBe('green');
    expect(ragOf(0.5, { green: 0.8, amber: 0.5 })).toBe('amber');
    expect(ragOf(0.49, { green: 0.8, amber: 0.5 })).toBe('red');
    const x = area([5, 6, 7, 8], [9, 10, 11, 12]);
    const [a] = assessTargets(plan(outcome()), 2023, [x], [x]);
    expect(a!.pMeet).toBe(0.75);
    expect(a!.rag).toBe('amber');
    expect(a!.baseline?.pMeet).toBe(a!.pMeet);
    expect(a!.baseValue).toBe(6.5);
    expect(a!.projected.mean).toBe(10.5);
  });

  it('reads a ratio per unit, and lower-is-better targets', () => {
    const x = area([5, 6, 7, 8], [9, 10, 11, 12], 4);
    const ratio = outcome({ denominator: 'd', per: 1000, target: 2600, better: 'lower' });
    expect(Array.from(outcomeValues(x, ratio, 2025))).toEqual([2250, 2500, 2750, 3000]);
    expect(assessTargets(plan(ratio), 2023, [x])[0]!.pMeet).toBe(0.5);
  });
});

describe('trajectory', () => {
  it('runs a straight line from the base year through the milestones to the target', () => {
    const o = outcome({ target: 20, year: 2027, milestones: [{ year: 2025, value: 14 }] });
    expect(aspirations(o, 2023, 10)).toEqual([
      { year: 2024, value: 12 },
      { year: 2025, value: 14 },
      { year: 2026, value: 17 },
      { year: 2027, value: 20 },
    ]);
  });

  it('says the first year the trajectory is more likely than not to be off track', () => {
    // Base 6.5 → target 10 in 2025: aspiration 8.25 in 2024, where values are 7, 8, 9, 10.
    const x = area([5, 6, 7, 8], [9, 10, 11, 12]);
    expect(assessTargets(plan(outcome()), 2023, [x])[0]!.offTrackYear).toBeUndefined();
    const high = outcome({ milestones: [{ year: 2024, value: 9.5 }] });
    const [a] = assessTargets(plan(high), 2023, [x]);
    expect(a!.offTrackYear).toBe(2024);
    expect(a!.milestones[0]!.pMeet).toBe(0.25);
  });
});

describe('targets streamed from a run', () => {
  it('equal the targets assessed on every replicate kept, even in several passes', async () => {
    const { runScenario } = await import('../../../models/run-scenario.js');
    const { parseScenario } = await import('../../../models/scenario/schema.js');
    const { planDerivation } = await import('../../../models/plan/model.js');
    const scenario = parseScenario({
      model: 'outcomes',
      area: 'E06000001',
      replicates: 120,
      horizon: 3,
      seed: 5,
      plan: {
        outcomes: [
          {
            metric: 'le_birth_male',
            target: 77.3,
            year: 2026,
            better: 'higher',
            milestones: { 2025: 77.2 },
          },
          { metric: 'sii_le_male', target: 8.1, year: 2026, better: 'lower' },
          {
            metric: 'nel_admissions / population_total',
            per: 1000,
            target: 116,
            year: 2025,
            better: 'lower',
          },
        ],
      },
    });
    const plan = scenario.plan!;
    const kept = await runScenario(scenario, { threads: 0, keepValues: true });
    const derive = planDerivation(plan, scenario.baseYear);
    const streamed = await runScenario(scenario, {
      threads: 0,
      chunkSize: 25,
      derive,
      // 1 byte: the derived cells stream too, their quantiles and counts found in passes.
      memoryBudget: 1,
    });
    expect(streamed.summaries[0]!.values).toBeUndefined();
    const fromValues = assessTargets(plan, scenario.baseYear, kept.summaries, kept.summaries);
    const fromStream = assessTargets(
      plan,
      scenario.baseYear,
      streamed.summaries,
      streamed.summaries,
    );
    expect(fromStream).toEqual(fromValues);
    // And both are the definitions: P(meet) of the first outcome counted on its values.
    const values = outcomeValues(kept.summaries[0]!, plan.outcomes[0]!, 2026);
    expect(fromStream[0]!.pMeet).toBe(probabilityOfMeeting(values, 77.3, 'higher'));
  }, 120_000);
});
