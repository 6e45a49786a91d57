/**
 * `wcc exercise`: init, a round with events, status, undo and replay on two areas with few
 * replicates; every kind of bad input exits 2 and leaves the state file as it was.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../engine/io/run-metadata.js';
import { stateDigest, type ExerciseState } from '../../models/exercise/state.js';
import { cliHarness } from './harness.js';

const { dir, wcc, file } = cliHarness('wcc-exercise-');

const exercise = `name: tees
region: [E06000001, E06000002]
horizon: 2
replicates: 40
seed: 3
plan:
  interventions:
    - name: diabetes prevention
      condition: DM
      acts_on: incidence
      effect: [0.05, 0.15]
      start_year: 2024
      cost_per_year: 300000
`;

const round1 = `round: 1
events:
  - { name: winter surge, kind: demand_surge, areas: all, year: 2024, effect: [0.03, 0.08], duration: 1 }
  - { name: cut, kind: budget_cut, areas: E06000002, year: 2024, intervention: diabetes prevention, cut: 0.5 }
`;

interface LeagueJson {
  rank: number;
  area: string;
  p_meet_1: number;
  rag_1: string;
  delta_p_meet_1: number | null;
  rag_move_1: string | null;
  net_cost: number;
  reds: number;
}

const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
let init = '';
let after1 = '';

beforeAll(async () => {
  file('ex.yaml', exercise);
  file('r1.yaml', round1);
  const a = await wcc('exercise', 'init', 'ex.yaml', '--state', 'ex.json', '--threads', '1');
  expect(a.stderr).toContain('wrote ex.json');
  expect(a.code).toBe(0);
  init = read('ex.json');
  const b = await wcc('exercise', 'round', 'ex.json', '--events', 'r1.yaml', '--threads', '1');
  expect(b.code).toBe(0);
  after1 = read('ex.json');
}, 300_000);

describe('wcc exercise', () => {
  it('writes a sealed state: versions, digest, the draw and the events of each round', () => {
    const state = JSON.parse(after1) as ExerciseState;
    const { digest, ...content } = state;
    expect(digest).toBe(stateDigest(content));
    expect(state.setup.areas.map((a) => a.code)).toEqual(['E06000001', 'E06000002']);
    expect(state.rounds.map((r) => r.round)).toEqual([0, 1]);
    expect(state.rounds[0]!.draw).toBeNull();
    expect(state.rounds[1]!.draw).toBeGreaterThanOrEqual(0);
    expect(state.rounds[1]!.draw).toBeLessThan(40);
    expect(state.rounds[1]!.events.map((e) => e.name)).toEqual(['winter surge', 'cut']);
    // The text is canonical: keys sorted, so equal content gives equal bytes.
    expect(canonicalJson(JSON.parse(after1))).toBe(JSON.stringify(JSON.parse(after1)));
    // Init ran the baseline of the plan (it has an intervention).
    for (const a of state.rounds[0]!.areas)
      for (const o of a.outcomes) expect(o.baselinePMeet).toBeTypeOf('number');
  });

  it('reveals the realised year with no spread in every outcome’s fan', () => {
    const state = JSON.parse(after1) as ExerciseState;
    for (const a of state.rounds[1]!.areas)
      for (const o of a.outcomes) {
        const year = o.fan.find((p) => p.year === 2024)!;
        expect(year.p2_5).toBe(year.p97_5);
        const later = o.fan.find((p) => p.year === 2025)!;
        expect(later.p97_5).toBeGreaterThan(later.p2_5);
      }
  });

  it('shows the league table with changes since init, sorted by risk', async () => {
    const r = await wcc('exercise', 'status', 'ex.json', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as LeagueJson[];
    expect(rows.map((x) => x.rank)).toEqual([1, 2]);
    expect(rows[0]!.reds).toBeGreaterThanOrEqual(rows[1]!.reds);
    for (const x of rows) {
      expect(x.delta_p_meet_1).toBeTypeOf('number');
      expect([
        'same',
        'green->amber',
        'amber->red',
        'red->amber',
        'amber->green',
        'green->red',
        'red->green',
      ]).toContain(x.rag_move_1);
      expect(x.net_cost).toBeGreaterThan(0);
    }
    const t = await wcc('exercise', 'status', 'ex.json', '--format', 'table');
    expect(t.stdout).toContain('round 1 of 2');
    expect(t.stdout).toMatch(/[GAR] [●◐○]/);
    expect(t.stdout).toContain('1: life expectancy at birth, males (le_birth_male)');
  });

  it('refuses to init over an existing state unless --force, which writes the same init', async () => {
    file('again.json', after1);
    const refused = await wcc('exercise', 'init', 'ex.yaml', '--state', 'again.json', '-q');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /option --state: expected a file that does not exist yet .*add --force.*found "again\.json"/,
    );
    expect(read('again.json')).toBe(after1);
    const forced = await wcc(
      'exercise',
      'init',
      'ex.yaml',
      '--state',
      'again.json',
      '--force',
      '--threads',
      '1',
      '-q',
    );
    expect(forced.code).toBe(0);
    expect(read('again.json')).toBe(init);
  }, 120_000);

  it('undoes the last round back to init byte for byte, and replays it byte for byte', async () => {
    const u = await wcc('exercise', 'round', 'ex.json', '--undo');
    expect(u.code).toBe(0);
    expect(read('ex.json')).toBe(init);
    const again = await wcc(
      'exercise',
      'round',
      'ex.json',
      '--events',
      'r1.yaml',
      '--threads',
      '1',
    );
    expect(again.code).toBe(0);
    expect(read('ex.json')).toBe(after1);
  }, 120_000);

  const bad = async (args: string[], message: RegExp | string): Promise<void> => {
    const before = read('ex.json');
    const r = await wcc(...args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(read('ex.json')).toBe(before);
  };
  const events = (name: string, text: string): string => file(name, text);

  it('refuses a round that was applied already', async () => {
    await bad(
      ['exercise', 'round', 'ex.json', '--events', 'r1.yaml'],
      /round 1 was applied already/,
    );
  });

  it('refuses an event naming an area outside the exercise', async () => {
    events(
      'e1.yaml',
      'round: 2\nevents:\n  - { name: x, kind: demand_surge, areas: E06000009, year: 2025, effect: 0.1 }\n',
    );
    await bad(
      ['exercise', 'round', 'ex.json', '--events', 'e1.yaml'],
      /areas: expected "all" or areas of the exercise.*found "E06000009"/,
    );
  });

  it('refuses an unknown kind of event and an unknown setting', async () => {
    events('e2.yaml', 'round: 2\nevents:\n  - { name: x, kind: flood, areas: all, year: 2025 }\n');
    await bad(
      ['exercise', 'round', 'ex.json', '--events', 'e2.yaml'],
      /invalid events file e2.yaml:\n\s+events\[0\]\.kind/,
    );
    events(
      'e3.yaml',
      'round: 2\nevents:\n  - { name: x, kind: demand_surge, setting: beds_open, areas: all, year: 2025, effect: 0.1 }\n',
    );
    await bad(['exercise', 'round', 'ex.json', '--events', 'e3.yaml'], /events\[0\]\.setting/);
  });

  it('refuses an event dated outside the remaining years, and a cut of an unknown intervention', async () => {
    events(
      'e4.yaml',
      'round: 2\nevents:\n  - { name: x, kind: demand_surge, areas: all, year: 2024, effect: 0.1 }\n',
    );
    await bad(
      ['exercise', 'round', 'ex.json', '--events', 'e4.yaml'],
      /year: expected a year of round 2 or later, from 2025 to 2025, found 2024/,
    );
    events(
      'e5.yaml',
      'round: 2\nevents:\n  - { name: x, kind: budget_cut, areas: all, year: 2025, intervention: smoking, cut: 0.2 }\n',
    );
    await bad(
      ['exercise', 'round', 'ex.json', '--events', 'e5.yaml'],
      /expected an intervention of E06000001 \("diabetes prevention"\), found "smoking"/,
    );
  });

  it('refuses closing capacity an area does not state', async () => {
    events(
      'e6.yaml',
      'round: 2\nevents:\n  - { name: ward, kind: capacity, resource: beds, change: -20, areas: all, year: 2025 }\n',
    );
    await bad(['exercise', 'round', 'ex.json', '--events', 'e6.yaml'], /states no beds capacity/);
  });

  it('refuses a hand-edited or damaged state, and one from another wcc or other data', async () => {
    const good = read('ex.json');
    const state = JSON.parse(good) as ExerciseState;
    const reseal = (s: Omit<ExerciseState, 'digest'>): string =>
      JSON.stringify({ ...s, digest: stateDigest(s) });
    const content = Object.fromEntries(
      Object.entries(state).filter(([key]) => key !== 'digest'),
    ) as Omit<ExerciseState, 'digest'>;
    const cases: [string, RegExp][] = [
      [good.replace('"seed": 3', '"seed": 4'), /digest mismatch/],
      [good.slice(0, 200), /expected JSON/],
      [reseal({ ...content, wcc: '0.0.1' }), /written by wcc 0\.0\.1/],
      [reseal({ ...content, dataDigest: 'f'.repeat(64) }), /written with other data/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, 'ex.json'), text);
      await bad(['exercise', 'status', 'ex.json'], message);
      await bad(['exercise', 'round', 'ex.json'], message);
      // A state cut short is no longer recognisable as one: the report reads it as a scenario.
      await bad(
        ['report', 'ex.json', '--html', 'x.html'],
        message.source === 'expected JSON' ? /not valid JSON/ : message,
      );
    }
    writeFileSync(join(dir, 'ex.json'), good);
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('refuses a round beyond the horizon', async () => {
    const r2 = await wcc('exercise', 'round', 'ex.json', '--threads', '1', '--quiet');
    expect(r2.code).toBe(0);
    await bad(['exercise', 'round', 'ex.json'], /all 2 rounds are done/);
    expect((await wcc('exercise', 'round', 'ex.json', '--undo')).code).toBe(0);
    expect(read('ex.json')).toBe(after1);
  }, 120_000);

  it('refuses an exercise file with an unknown area or field', async () => {
    file('bad1.yaml', exercise.replace('E06000002', 'E06999999'));
    const a = await wcc('exercise', 'init', 'bad1.yaml', '--state', 'x.json');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('unknown area code "E06999999"');
    file('bad2.yaml', `${exercise}rounds: 3\n`);
    const b = await wcc('exercise', 'init', 'bad2.yaml', '--state', 'x.json');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('unknown field "rounds"');
  });
});

describe('wcc exercise with an area’s own plan file', () => {
  it('takes that area’s capacity and targets, finds its shortfall and applies a ward closure', async () => {
    file(
      'hartlepool.yaml',
      `capacity: { beds: 10 }
plan:
  outcomes:
    - { metric: le_birth_male, target: 70, year: 2025, better: higher }
    - { metric: sii_le_male, target: 20, year: 2025, better: lower }
`,
    );
    file(
      'own.yaml',
      `name: own\nregion: [E06000001, E06000002]\nhorizon: 2\nreplicates: 20\nseed: 3\nplans: { E06000001: hartlepool.yaml }\n`,
    );
    const a = await wcc('exercise', 'init', 'own.yaml', '--state', 'own.json', '-q');
    expect(a.code, a.stderr).toBe(0);
    const rows = JSON.parse(
      (await wcc('exercise', 'status', 'own.json', '--format', 'json')).stdout,
    ) as {
      area: string;
      p_meet_1: number;
      rag_1: string;
      shortfall_from: string | null;
    }[];
    const hartlepool = rows.find((r) => r.area === 'E06000001')!;
    expect([hartlepool.p_meet_1, hartlepool.rag_1]).toEqual([1, 'green']);
    expect(hartlepool.shortfall_from).toBe('2023 beds');
    expect(rows.find((r) => r.area === 'E06000002')!.shortfall_from).toBeNull();
    // Green and no reds: Hartlepool is the least at risk.
    expect(rows.map((r) => r.area)).toEqual(['E06000002', 'E06000001']);
    file(
      'ward.yaml',
      'round: 1\nevents:\n  - { name: ward closed, kind: capacity, resource: beds, change: -5, areas: E06000001, year: 2024 }\n',
    );
    const b = await wcc('exercise', 'round', 'own.json', '--events', 'ward.yaml', '-q');
    expect(b.code, b.stderr).toBe(0);
    const state = JSON.parse(read('own.json')) as ExerciseState;
    expect(state.setup.anchored.map((m) => m.metric)).toEqual(
      expect.arrayContaining(['beds_required', 'capacity_beds']),
    );
    const realised = state.rounds.map((r) => r.areas[0]!.realised.capacity_beds);
    expect(realised).toEqual([10, 5]);
  }, 120_000);
});

describe('wcc exercise --help', () => {
  it('has examples, and round lists the kinds of event', async () => {
    expect((await wcc('exercise', '--help')).stdout).toContain(
      '$ wcc exercise round ex.json --events data/exercises/winter-surge.yaml',
    );
    const round = (await wcc('exercise', 'round', '--help')).stdout;
    for (const kind of ['demand_surge', 'budget_cut', 'capacity', 'intervention', 'assumption'])
      expect(round).toContain(kind);
    expect((await wcc('exercise', 'status', '--help')).stdout).toContain('Examples:');
  });
});
