import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { packageRoot } from '../../engine/io/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-cli-'));

async function wcc(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function scenarioFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const populationOnly = scenarioFile('population.yaml', 'area: E08000025\nmodel: population\n');

describe('wcc run', () => {
  it('runs the embedded default scenario and prints a readable table', async () => {
    const r = await wcc('run', '--runs', '200', '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      'default: outcomes model, Birmingham (E08000025), from mid-2023 for 5 years, 200 replicates',
    );
    expect(r.stdout).toMatch(/cost_services\s+£ 2023\/24\s+(2020\s+)?[\d,]+/);
    expect(r.stdout).toContain(
      'Change from 2023 split into demography, prevalence trend and interventions',
    );
    expect(r.stdout).toMatch(
      /beds: a shortfall is (more|less) likely than not .*\(chance by year: 2023 \d+ %/,
    );
    expect(r.stdout).toMatch(/metric\s+unit\s+year\s+mean\s+p2_5\s+p10\s+p50\s+p90\s+p97_5/);
    expect(r.stdout).toMatch(/population_total\s+persons\s+2023\s+1,166,048\s+1,166,048/);
  });

  it('prints one row per metric with --format wide, and only the metrics asked for', async () => {
    const r = await wcc(
      'run',
      '--runs',
      '50',
      '--format',
      'wide',
      '--metrics',
      'population_total,cost_*',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /metric\s+unit\s+2023\s+2024\s+2025\s+2026\s+2027\s+2028\s+2028 p10 … p90/,
    );
    expect(r.stdout).toMatch(/population_total\s+persons\s+1,166,048\s+[\d,]+/);
    expect(r.stdout).toMatch(/cost_services\s+£ 2023\/24\s+(2023\s+)?[\d,]+/);
    expect(r.stdout).not.toMatch(/register_DM|beds_required/);
    const csv = await wcc(
      'run',
      populationOnly,
      '--runs',
      '20',
      '--horizon',
      '1',
      '--format',
      'csv',
      '--metrics',
      'births',
    );
    expect(csv.stdout.trim().split('\n')).toEqual([
      'area,year,metric,unit,mean,p2_5,p10,p50,p90,p97_5',
      expect.stringMatching(/^E08000025,2024,births,/),
    ]);
  });

  it('prints CSV with exactly the documented columns', async () => {
    const r = await wcc(
      'run',
      populationOnly,
      '--area',
      'E06000001,E06000002',
      '--runs',
      '50',
      '--horizon',
      '2',
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('area,year,metric,unit,mean,p2_5,p10,p50,p90,p97_5');
    // 2 areas × (3 years × 7 stocks + 2 years × 3 flows).
    expect(lines).toHaveLength(1 + 2 * (21 + 6));
    expect(lines[1]).toMatch(/^E06000001,2023,population_total,/);
    expect(lines[2]).toMatch(/^E06000001,2023,population_male,/);
    expect(lines[3]).toMatch(/^E06000001,2023,population_female,/);
  });

  it('prints JSON with the scenario and the summary', async () => {
    const r = await wcc(
      'run',
      populationOnly,
      '--runs',
      '20',
      '--horizon',
      '1',
      '--format',
      'json',
      '--seed',
      '5',
    );
    const json = JSON.parse(r.stdout) as {
      scenario: { seed: number };
      summary: { metric: string }[];
    };
    expect(json.scenario.seed).toBe(5);
    expect(json.summary[0]).toMatchObject({
      area: 'E08000025',
      year: 2023,
      metric: 'population_total',
    });
  });

  it('reads a scenario file with a named group and writes the long Arrow table', async () => {
    const file = scenarioFile(
      'group.yaml',
      'name: bsol\ngroups:\n  - {code: BSOL, name: Birmingham and Solihull, areas: [E08000025, E08000029]}\nreplicates: 30\nhorizon: 1\n',
    );
    const out = join(dir, 'group.arrow');
    const r = await wcc('run', file, '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const table = tableFromIPC(readFileSync(out));
    expect(table.numRows).toBe(30 * (2 * 7 + 3));
    expect(table.getChild('area')!.get(0)).toBe('BSOL');
  });

  it('accepts JSON scenarios', async () => {
    const file = scenarioFile(
      's.json',
      JSON.stringify({ area: 'E06000053', replicates: 10, horizon: 1 }),
    );
    const r = await wcc('run', file, '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('E06000053,2024,population_total');
  });

  it.each([
    [['--area', 'E0800002'], /unknown area code "E0800002".*closest: E08000002 Bury/],
    [['--area', 'Leeds'], /unknown area code "Leeds".*E08000035 Leeds/],
    [
      ['--base-year', '1999'],
      /option --base-year: expected a whole number from 2002 to 2023, found "1999"/,
    ],
    [['--horizon', '30'], /option --horizon: expected a whole number from 1 to 25, found "30"/],
    [['--runs', '0'], /option --runs: expected a whole number from 1 to 1000000, found "0"/],
    [['--runs', 'many'], /option --runs: expected a whole number .* found "many"/],
    [
      ['--replicates', '5:2'],
      /option --replicates: expected a range a:b of replicates with 0 ≤ a < b ≤ 1000, found "5:2"/,
    ],
    [['--format', 'xml'], /option --format: expected one of table, wide, csv, json, found "xml"/],
    [
      ['--out', '/no/such/folder/x.arrow'],
      /option --out \/no\/such\/folder\/x.arrow: expected a path in an existing folder/,
    ],
    [['no-such-file.yaml'], /scenario file no-such-file.yaml: not found/],
  ])('rejects %j with exit 2 and a clear message', async (args, message) => {
    const r = await wcc('run', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects an invalid scenario file naming each field', async () => {
    const file = scenarioFile(
      'bad.yaml',
      'area: E08000025\nhorizon: 0\nreplicats: 10\nassumptions:\n  fertility_multiplier: {dist: pert, min: 1, mode: 0.5, max: 2}\n',
    );
    const r = await wcc('run', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid scenario');
    expect(r.stderr).toMatch(/horizon: .*>=1.*found 0/);
    expect(r.stderr).toMatch(/unknown field "replicats"/);
  });

  it('rejects malformed YAML and negative or NaN parameters', async () => {
    const broken = scenarioFile('broken.yaml', 'area: [E08000025\n');
    expect((await wcc('run', broken)).stderr).toMatch(/not valid YAML/);
    const negative = scenarioFile(
      'neg.yaml',
      'area: E08000025\nassumptions:\n  fertility_multiplier: -1\n',
    );
    const r = await wcc('run', negative);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /assumptions.fertility_multiplier: expected values in \[0, ∞\), found -1/,
    );
    const nan = scenarioFile('nan.json', '{"area": "E08000025", "seed": -3}');
    expect((await wcc('run', nan)).stderr).toMatch(/seed: .*found -3/);
  });

  it('refuses comparisons too large to hold in memory (they pair every replicate)', async () => {
    const plan = join(packageRoot(), 'data', 'scenarios', 'default.yaml');
    const base = join(packageRoot(), 'data', 'scenarios', 'birmingham-baseline.yaml');
    const r = await wcc('compare', base, plan, '--runs', '1000000');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GiB per area held at once/);
  });

  it('fails a run whose worker throws with exit 3, naming the replicates, and writes nothing', async () => {
    const out = join(dir, 'never.arrow');
    const r = await wcc(
      'run',
      '--runs',
      '100',
      '--chunk-size',
      '25',
      '--fail-at',
      '60',
      '--out',
      out,
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/simulation failed for area E08000025, replicates 50:75/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('shows help with examples', async () => {
    const r = await wcc('run', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--replicates <a:b>');
  });

  it('reports an unknown command or option as a usage error (exit 1)', async () => {
    expect((await wcc('fly')).code).toBe(1);
    expect((await wcc('run', '--bogus')).code).toBe(1);
  });
});

describe('wcc areas and wcc data', () => {
  it('finds areas by name or code', async () => {
    const r = await wcc('areas', 'leeds', '--format', 'csv');
    expect(r.stdout).toBe(
      'code,name,kind,region,icb,local_authorities,note\nE08000035,Leeds,local authority,Yorkshire and The Humber,West Yorkshire ICB,1,\n',
    );
    const regions = await wcc('areas', 'E12', '--format', 'json');
    expect(JSON.parse(regions.stdout)).toHaveLength(9);
    const all = await wcc('areas', '--format', 'csv');
    expect(all.stdout.trim().split('\n')).toHaveLength(1 + 1 + 9 + 42 + 296 + 42);
    const icbs = await wcc('areas', 'E54', '--format', 'json');
    const found = JSON.parse(icbs.stdout) as {
      code: string;
      local_authorities: number;
      note: string;
    }[];
    expect(found).toHaveLength(42);
    expect(found.reduce((s, i) => s + i.local_authorities, 0)).toBe(296);
    expect(found.filter((i) => i.note !== '').map((i) => i.code)).toEqual([
      'E54000022',
      'E54000023',
      'E54000034',
      'E54000048',
      'E54000050',
      'E54000051',
      'E54000054',
      'E54000063',
    ]);
    const former = await wcc('areas', 'allerdale', '--format', 'csv');
    expect(former.stdout).toContain('E07000026,Allerdale,former district,North West,,1,');
  });
  it('suggests the closest areas when nothing matches', async () => {
    const r = await wcc('areas', 'Birmingam');
    expect(r.stderr).toMatch(/no area matches "Birmingam"; closest: E08000025 Birmingham/);
  });
  it('lists the embedded data sets with licences', async () => {
    const r = await wcc('data', '--format', 'json');
    const entries = JSON.parse(r.stdout) as { id: string; licence: string; raw: string }[];
    expect(entries.map((e) => e.id)).toContain('ons-la-population-syoa-1997-2020');
    for (const e of entries) {
      expect(e.licence).not.toBe('');
      expect(existsSync(join(process.cwd(), e.raw, 'PROVENANCE.md')), e.raw).toBe(true);
    }
  });
});

describe('wcc run overrides of the embedded scenario', () => {
  it('runs the population model alone with --model population, saying what it ignores', async () => {
    const r = await wcc(
      'run',
      '--model',
      'population',
      '--runs',
      '30',
      '--horizon',
      '2',
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /note: --model population: ignoring the scenario's interventions, capacity, levers, attribution, plan/,
    );
    expect(r.stdout).not.toContain('register_DM');
    expect(r.stdout).toContain('E08000025,2025,population_total,');
  });
  it("refuses to move the embedded plan to another area: its capacity and budgets are Birmingham's", async () => {
    const r = await wcc(
      'run',
      join(import.meta.dirname, '../../data/scenarios/default.yaml'),
      '--area',
      'E06000001',
      '--runs',
      '30',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--area: the plan in .*default\.yaml is tied to its own area by capacity/,
    );
  });
});
