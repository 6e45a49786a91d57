/**
 * Rounds of an exercise: the revealed replicate comes from the seeded streams, and the state is
 * the same bytes whatever the threads or the batching of areas.
 */
import { describe, expect, it } from 'vitest';
import { advanceExercise, initExercise } from '../../../models/exercise/lifecycle.js';
import { checkNextRound, roundDraw } from '../../../models/exercise/model.js';
import { parseEvents, parseExercise } from '../../../models/exercise/schema.js';
import { stateText, type ExerciseState } from '../../../models/exercise/state.js';
import { createStream } from '../../../engine/rng/stream.js';
import { runTargets } from '../../../models/plan/run-targets.js';
import { parseScenario } from '../../../models/scenario/schema.js';

describe('roundDraw', () => {
  it('is the stream (seed, round, "exercise/round") scaled to the replicates', () => {
    for (const round of [1, 2, 3]) {
      const u = createStream(7, round, 'exercise/round').next();
      expect(roundDraw(7, round, 200)).toBe(Math.floor(u * 200));
    }
    const draws = Array.from({ length: 50 }, (_, k) => roundDraw(1, k + 1, 10));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(9);
    expect(new Set(draws).size).toBeGreaterThan(5);
  });
});

describe('checkNextRound', () => {
  const setup = { horizon: 2, baseYear: 2023 } as Parameters<typeof checkNextRound>[0];
  const file = (round: number) => parseEvents({ round, events: [] }, 'e.yaml');
  it('takes the next round only', () => {
    expect(checkNextRound(setup, 0)).toBe(1);
    expect(checkNextRound(setup, 1, file(2))).toBe(2);
    expect(() => checkNextRound(setup, 1, file(1))).toThrow(/round 1 was applied already/);
    expect(() => checkNextRound(setup, 0, file(2))).toThrow(/expected round 1.*found round 2/);
    expect(() => checkNextRound(setup, 2)).toThrow(/all 2 rounds are done/);
  });
});

describe('an exercise’s state', () => {
  const input = parseExercise(
    { name: 'pair', region: ['E06000001', 'E06000004'], horizon: 2, replicates: 12, seed: 2 },
    'pair.yaml',
  );
  const events = parseEvents(
    {
      round: 1,
      events: [
        { name: 'surge', kind: 'demand_surge', areas: 'all', year: 2024, effect: [0.02, 0.06] },
      ],
    },
    'e.yaml',
  );
  const play = async (options: { threads: number; batchBytes?: number }): Promise<ExerciseState> =>
    advanceExercise(await initExercise(input, 'pair.yaml', {}, options), events, 'e.yaml', options);

  it('gives at init the P(meet) of wcc targets for each area’s scenario', async () => {
    const state = await initExercise(input, 'pair.yaml', {}, { threads: 0 });
    for (const [i, area] of state.setup.areas.entries()) {
      const targets = await runTargets(
        parseScenario(area.scenario, 'area'),
        'area',
        { threads: 0 },
        false,
      );
      expect(state.rounds[0]!.areas[i]!.outcomes.map((o) => o.pMeet)).toEqual(
        targets.assessments.map((a) => a.pMeet),
      );
      expect(state.rounds[0]!.areas[i]!.outcomes.map((o) => o.mean)).toEqual(
        targets.assessments.map((a) => a.projected.mean),
      );
    }
  }, 120_000);

  it('is the same bytes with one thread and one area per batch as with two threads and one batch', async () => {
    const a = await play({ threads: 0, batchBytes: 1 });
    const b = await play({ threads: 2 });
    expect(stateText(a)).toBe(stateText(b));
    expect(a.rounds[1]!.draw).toBe(roundDraw(2, 1, 12));
  }, 120_000);
});
