/**
 * Events mapped onto scenario fields: each kind validates as a scenario and moves the run the
 * way it says, paired replicate by replicate with the run without it.
 */
import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../../models/exercise/events.js';
import { eventSchema, parseEvents, type ExerciseEvent } from '../../../models/exercise/schema.js';
import { runScenario } from '../../../models/run-scenario.js';
import { parseScenario } from '../../../models/scenario/schema.js';

const base = {
  name: 'events',
  model: 'demand',
  area: 'E06000001',
  horizon: 3,
  replicates: 12,
  seed: 9,
  capacity: { beds: 300 },
  interventions: [
    {
      name: 'diabetes prevention',
      condition: 'DM',
      acts_on: 'incidence',
      effect: [0.05, 0.15],
      start_year: 2024,
      ramp_years: 2,
      cost_per_year: 400000,
    },
  ],
};

const event = (e: Record<string, unknown>): ExerciseEvent =>
  eventSchema.parse({ name: 'e', areas: 'all', year: 2025, ...e });

/** Every replicate's value of `metric` in `year`. */
async function values(input: Record<string, unknown>, metric: string, year: number) {
  const result = await runScenario(parseScenario(input, 'test'), { threads: 0, keepValues: true });
  const area = result.summaries[0]!;
  const n = area.cells.length;
  const c = area.cells.findIndex((x) => x.metric === metric && x.year === year);
  expect(c, `${metric} ${year}`).toBeGreaterThanOrEqual(0);
  return Array.from({ length: 12 }, (_, r) => area.values![r * n + c]!);
}

describe('applyEvent', () => {
  it('leaves its input alone', () => {
    const copy = structuredClone(base);
    applyEvent(base, event({ kind: 'demand_surge', effect: 0.1 }), 'E06000001', 'x');
    expect(base).toEqual(copy);
  });

  it('a surge of 10 % for one year raises emergency admissions by 10 % in that year only', async () => {
    const surged = applyEvent(
      base,
      event({ kind: 'demand_surge', effect: 0.1, duration: 1 }),
      'E06000001',
      'x',
    );
    const [before, after, later, laterBefore] = await Promise.all([
      values(base, 'nel_admissions', 2025),
      values(surged, 'nel_admissions', 2025),
      values(surged, 'nel_admissions', 2026),
      values(base, 'nel_admissions', 2026),
    ]);
    after.forEach((v, r) => expect(v / before[r]!).toBeCloseTo(1.1, 10));
    expect(later).toEqual(laterBefore);
  });

  it('a budget cut scales the programme’s cost from its year, and keeps the years before', async () => {
    const cut = applyEvent(
      base,
      event({ kind: 'budget_cut', intervention: 'diabetes prevention', cut: 0.4 }),
      'E06000001',
      'x',
    );
    expect((cut.interventions as Record<string, unknown>[])[0]).toMatchObject({
      profile: 'min(1, (t + 1) / 2) * (year >= 2025 ? 0.6 : 1)',
      cost_profile: '1 * (year >= 2025 ? 0.6 : 1)',
    });
    expect(await values(cut, 'cost_programmes', 2024)).toEqual(
      await values(base, 'cost_programmes', 2024),
    );
    const [a, b] = await Promise.all([
      values(cut, 'cost_programmes', 2026),
      values(base, 'cost_programmes', 2026),
    ]);
    a.forEach((v, r) => expect(v).toBeCloseTo(0.6 * b[r]!, 6));
    // Less prevention, so at least as many cases on the register, replicate by replicate.
    const [dmCut, dmBase] = await Promise.all([
      values(cut, 'register_DM', 2026),
      values(base, 'register_DM', 2026),
    ]);
    dmCut.forEach((v, r) => expect(v).toBeGreaterThanOrEqual(dmBase[r]! - 1e-9));
  });

  it('closing beds lowers capacity from the year', async () => {
    const closed = applyEvent(
      base,
      event({ kind: 'capacity', resource: 'beds', change: -30 }),
      'E06000001',
      'x',
    );
    expect(await values(closed, 'capacity_beds', 2024)).toEqual(Array(12).fill(300));
    expect(await values(closed, 'capacity_beds', 2025)).toEqual(Array(12).fill(270));
  });

  it('adds an intervention from the event’s year and replaces an assumption', () => {
    const added = applyEvent(
      base,
      event({
        kind: 'intervention',
        intervention: {
          name: 'case-finding',
          condition: 'HYP',
          acts_on: 'detection',
          effect: 0.1,
          start_year: 2024,
        },
      }),
      'E06000001',
      'x',
    );
    const s = parseScenario(added, 'test');
    expect(s.prevalence.interventions.map((i) => [i.name, i.startYear])).toEqual([
      ['diabetes prevention', 2024],
      ['case-finding', 2025],
    ]);
    const assumed = applyEvent(
      base,
      event({ kind: 'assumption', assumption: 'fertility_multiplier', value: 0.9 }),
      'E06000001',
      'x',
    );
    expect(parseScenario(assumed, 'test').assumptions.fertility_multiplier).toEqual({
      dist: 'fixed',
      value: 0.9,
    });
  });

  it('refuses an unknown kind or assumption, naming it', () => {
    const file = (e: Record<string, unknown>) =>
      parseEvents({ round: 1, events: [{ name: 'e', areas: 'all', year: 2025, ...e }] }, 'e.yaml');
    expect(() => file({ kind: 'flood' })).toThrow(
      /events\[0\]\.kind: expected one of demand_surge, budget_cut, capacity, intervention, assumption, found "flood"/,
    );
    expect(() => file({ kind: 'assumption', assumption: 'weather', value: 1 })).toThrow(
      /events\[0\]\.assumption: .*fertility_multiplier/,
    );
  });
});
