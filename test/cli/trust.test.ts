/**
 * What a run is and says: `--area` runs a baseline or refuses a plan tied to its own area,
 * capacity belongs to areas, the header names the plan, costs are net of programmes,
 * probabilities print as one figure, results files describe themselves and merging refuses
 * parts of other runs, and bad output paths are input errors.
 */
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { cliHarness } from './harness.js';

const { dir, wcc, file } = cliHarness('wcc-trust-');

const defaultPlan = join(import.meta.dirname, '../../data/scenarios/default.yaml');

describe('what a run is', () => {
  it('runs an area named without a file as its baseline, through the whole chain', async () => {
    const r = await wcc('run', '--area', 'E06000052', '--runs', '100', '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('outcomes model, Cornwall (E06000052), from mid-2023');
    expect(r.stdout).toContain('baseline: no interventions, levers or capacity');
    expect(r.stdout).not.toMatch(/intervention_cost|lever_cost|capacity_beds|diabetes prevention/);
    expect(r.stdout).toMatch(/cost_programmes\s+£ 2023\/24\s+2028\s+0\s/);
  });

  it('refuses to move a plan tied to its own area, naming the fields that tie it', async () => {
    const r = await wcc('run', defaultPlan, '--area', 'E06000052', '--runs', '100');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('capacity');
    expect(r.stderr).toContain('interventions[0].cost_per_year');
    expect(r.stderr).toContain('levers[0].cost_per_year');
  });

  it('moves a plan with relative effects only to other areas', async () => {
    const plan = file(
      'portable.yaml',
      `name: portable\narea: E08000025\ninterventions:\n  - name: dpp\n    condition: DM\n    acts_on: incidence\n    effect: 0.1\n    start_year: 2024\n`,
    );
    const r = await wcc('run', plan, '--area', 'E06000001', '--runs', '100', '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Hartlepool (E06000001)');
    expect(r.stdout).toContain('plan: interventions: dpp (DM incidence, effect 0.1, from 2024)');
  });

  it('says what plan is in force in the header of the embedded default', async () => {
    const r = await wcc('run', '--runs', '100', '--threads', '1', '--metrics', 'p_shortfall_*');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^default: outcomes model, Birmingham \(E08000025\), from mid-2023 for 5 years, 100 replicates, seed \d+\nplan: interventions: diabetes prevention/,
    );
    expect(r.stdout).toContain('capacity: beds 2,800, gp_wte 580');
    // A probability is one figure: the mean, with no quantiles of 0/1 values beside it.
    expect(r.stdout).toMatch(/p_shortfall_beds\s+probability\s+2023\s+[\d.]+\s*\n/);
  });

  it('accepts capacity per area and refuses one block shared by several areas', async () => {
    const shared = file('shared.yaml', 'area: [E08000025, E08000029]\ncapacity: { beds: 2800 }\n');
    const bad = await wcc('run', shared, '--runs', '100');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/one capacity block for 2 areas is ambiguous/);
    const perArea = file(
      'per-area.yaml',
      'area: [E08000025, E08000029]\ncapacity:\n  E08000025: { beds: 2800 }\n  E08000029: { beds: 400, gp_wte: 120 }\n',
    );
    const r = await wcc('run', perArea, '--runs', '100', '--threads', '1', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      areas: { code: string; capacity: Record<string, number> }[];
      summary: { area: string; year: number; metric: string; mean: number }[];
    };
    expect(json.areas.map((a) => a.capacity)).toEqual([{ beds: 2800 }, { beds: 400, gp_wte: 120 }]);
    const cap = (area: string, metric: string) =>
      json.summary.find((s) => s.area === area && s.year === 2023 && s.metric === metric)?.mean;
    expect(cap('E08000025', 'capacity_beds')).toBe(2800);
    expect(cap('E08000029', 'capacity_beds')).toBe(400);
    expect(cap('E08000025', 'capacity_gp_wte')).toBeUndefined();
    const stray = file('stray.yaml', 'area: E08000025\ncapacity:\n  E06000001: { beds: 10 }\n');
    expect((await wcc('run', stray, '--runs', '100')).stderr).toMatch(
      /capacity\.E06000001: expected one of the run's areas \(E08000025\)/,
    );
  });
});

describe('costs', () => {
  it('reports services, programmes and net cost, and the net change includes programme costs', async () => {
    const r = await wcc('run', '--runs', '100', '--threads', '1', '--format', 'json');
    const json = JSON.parse(r.stdout) as {
      summary: { year: number; metric: string; mean: number; unit: string }[];
      attribution: { year: number; metric: string; interventions: number }[];
      scenario: { prevalence: { interventions: unknown[] }; demand: { levers: unknown[] } };
    };
    const mean = (metric: string, year: number) =>
      json.summary.find((s) => s.metric === metric && s.year === year)!.mean;
    for (const year of [2023, 2026, 2028]) {
      const programmes = mean('cost_programmes', year);
      expect(programmes).toBeCloseTo(
        year > 2023 ? mean('intervention_cost', year) + mean('lever_cost', year) : 0,
        4,
      );
      expect(mean('cost_net', year)).toBeCloseTo(mean('cost_services', year) + programmes, 2);
    }
    expect(mean('cost_programmes', 2028)).toBeCloseTo(1050000, -4);
    const part = (metric: string) =>
      json.attribution.find((a) => a.metric === metric && a.year === 2028)!.interventions;
    expect(part('cost_net') - part('cost_services')).toBeCloseTo(mean('cost_programmes', 2028), 2);
    expect(json.summary.find((s) => s.metric === 'cost_net')?.unit).toBe('£ 2023/24');
    // The JSON summary carries the whole plan.
    expect(json.scenario.prevalence.interventions).toHaveLength(2);
    expect(json.scenario.demand.levers).toHaveLength(1);
  });
});

describe('wcc compare', () => {
  it('compares programme costs with a baseline that has none, and says what has no counterpart', async () => {
    const baseline = file('baseline.yaml', 'name: baseline\nmodel: demand\narea: E08000025\n');
    const args = ['--runs', '100', '--seed', '3', '--threads', '1', '--format', 'csv'];
    const r = await wcc(
      'compare',
      baseline,
      defaultPlan,
      ...args,
      '--metrics',
      'cost_*,lever_cost,capacity_beds',
    );
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const row = (metric: string, year: string) =>
      rows.find((x) => x[2] === metric && x[1] === year)!;
    // Absent in A means 0 there: B − A is B's own cost.
    expect(Number(row('lever_cost', '2028')[3])).toBe(0);
    expect(Number(row('cost_programmes', '2028')[5])).toBeCloseTo(
      Number(row('cost_programmes', '2028')[4]),
      6,
    );
    expect(Number(row('cost_programmes', '2028')[4])).toBeGreaterThan(500000);
    expect(rows.some((x) => x[2] === 'capacity_beds')).toBe(false);
    expect(r.stderr).toMatch(/only B produces capacity_beds .*no counterpart in A: not compared/);
    const none = await wcc('compare', baseline, defaultPlan, ...args, '--metrics', 'banana');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /option --metrics: expected a metric this run produces.*found "banana"/,
    );
  });

  it('says when the sides plan beds at different occupancy', async () => {
    const a = file('occ-a.yaml', 'model: demand\narea: E06000001\n');
    const b = file('occ-b.yaml', 'model: demand\narea: E06000001\ncapacity: { occupancy: 0.85 }\n');
    const r = await wcc(
      'compare',
      a,
      b,
      '--runs',
      '100',
      '--threads',
      '1',
      '--metrics',
      'beds_required',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/beds_required: the scenarios plan beds at different occupancy/);
  });
});

describe('results that describe themselves', () => {
  it('writes the run in the Arrow schema metadata, and merge refuses parts of other runs', async () => {
    const population = file('pop.yaml', 'area: E06000001\nmodel: population\nreplicates: 40\n');
    const a = join(dir, 'a.arrow');
    const b = join(dir, 'b.arrow');
    expect(
      (await wcc('run', population, '--replicates', '0:20', '--out', a, '-q', '--seed', '101'))
        .code,
    ).toBe(0);
    expect(
      (await wcc('run', population, '--replicates', '20:40', '--out', b, '-q', '--seed', '5')).code,
    ).toBe(0);
    const meta = tableFromIPC(readFileSync(a)).schema.metadata;
    expect(meta.get('wcc.seed')).toBe('101');
    expect(meta.get('wcc.replicates')).toBe('0:20');
    expect(meta.get('wcc.base_year')).toBe('2023');
    expect(meta.get('wcc.data_digest')).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.get('wcc.scenario_hash')).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(meta.get('wcc.scenario')!)).toMatchObject({ seed: 101, model: 'population' });
    expect(JSON.parse(meta.get('wcc.units')!)).toMatchObject({ population_total: 'persons' });
    const r = await wcc('merge', a, b, '--out', join(dir, 'ab.arrow'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/comes from another run than .*: its (scenario|seed) differs/);
    expect(existsSync(join(dir, 'ab.arrow'))).toBe(false);
  });
});

describe('bad input', () => {
  it('refuses --out to a file named for another format, a folder as scenario, and metrics that match nothing', async () => {
    const csv = await wcc(
      'run',
      '--area',
      'E06000001',
      '--runs',
      '100',
      '--out',
      join(dir, 'x.csv'),
    );
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/option --out: expected a file ending \.arrow/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    const folder = await wcc('run', tmpdir());
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/expected a YAML or JSON file, found a folder/);
    const none = await wcc('run', '--area', 'E06000001', '--runs', '100', '--metrics', 'banana');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /option --metrics: expected a metric this run produces \(`wcc metrics` lists the registered metrics\), found "banana"/,
    );
  });

  it('lists every summary format when --format is not one of them', async () => {
    const r = await wcc('run', '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected one of table, wide, csv, json, found "xml"');
  });

  it('warns that intervals need at least 100 replicates', async () => {
    const r = await wcc(
      'run',
      '--area',
      'E06000001',
      '--model',
      'population',
      '--runs',
      '1',
      '--threads',
      '1',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 replicate: intervals need at least 100/);
  });
});

describe('wcc metrics', () => {
  it('lists every metric family with its unit and model, and one row per metric with --all', async () => {
    const r = await wcc('metrics', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('register_<C>,registered patients,prevalence,');
    expect(r.stdout).toContain('p_shortfall_<resource>,probability,demand,');
    const all = await wcc('metrics', '--all', '--model', 'demand', '--format', 'json');
    const rows = JSON.parse(all.stdout) as { metric: string; unit: string }[];
    expect(rows.find((m) => m.metric === 'nel_admissions')?.unit).toBe('admissions');
    expect(rows.some((m) => m.metric === 'register_DM')).toBe(false);
  });
});
