import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { parseGrid, parseRange } from '../../cli/commands/solve.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-solve-'));
writeFileSync(
  join(dir, 'p.yaml'),
  `model: demand
area: E06000001
replicates: 100
seed: 3
prevalence: {conditions: [DM]}
interventions:
  - {name: p, condition: DM, acts_on: incidence, effect: [0.05, 0.15], start_year: 2024, deciles: [1, 2], cost_per_year: 200000}
capacity: {beds: 400}
`,
);
const beds = ['--vary', 'capacity.beds', '--outcome', 'shortfall_beds', '--target', '0'];
const when = ['--better', 'lower', '--year', '2028', '--threads', '0', '-q'];

async function solve(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(['solve', 'p.yaml', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('wcc solve', () => {
  it('reports the answer, its bracket, P(meet) there, the cost and the runs it took', async () => {
    const r = await solve(...beds, ...when, '--range', '0:1000', '--steps', '6');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Lever: capacity\.beds set to the value \(written: 400\)/);
    expect(r.stdout).toMatch(
      /Answer: [\d.]+ \(the smallest value with P\(meet\) ≥ 0\.8 lies in \([\d.]+, [\d.]+\], precision 15\.625\)/,
    );
    expect(r.stdout).toMatch(/programme cost \(cost_programmes, mean, summed to 2028\) £1,000,000/);
    expect(r.stdout).toMatch(/Runs: 8 in [\d.]+ s/);
  });

  it('writes the runs as CSV, the answer marked, the same on a second run', async () => {
    const args = [...beds, ...when, '--range', '0:1000', '--steps', '4', '--format', 'csv'];
    const a = await solve(...args);
    const rows = parse<Record<string, string>>(a.stdout, { columns: true });
    expect(rows.map((x) => x.value)).toEqual([
      '0',
      '1000',
      '500',
      ...rows.slice(3).map((x) => x.value),
    ]);
    expect(rows.filter((x) => x.answer === 'yes')).toHaveLength(1);
    expect((await solve(...args)).stdout).toBe(a.stdout);
  });

  it('draws a grid of P(meet) with RAG and cost, scaling a distribution by a factor', async () => {
    const r = await solve(
      '--vary',
      'interventions[0].effect',
      '--outcome',
      'register_DM',
      '--target',
      '1e9',
      ...when,
      '--grid',
      '0:2:3',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      mode: string;
      runs: { value: number; p_meet: number; rag: string; cost: number }[];
    };
    expect(out.mode).toBe('factor');
    expect(out.runs.map((x) => [x.value, x.p_meet, x.rag, x.cost])).toEqual([
      [0, 1, 'green', 1000000],
      [1, 1, 'green', 1000000],
      [2, 1, 'green', 1000000],
    ]);
  });

  it('says when the target is out of reach, exit 0', async () => {
    const r = await solve(...beds, ...when, '--range', '0:1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Unreachable in the range 0 … 1: P\(meet\) at the top is 0 < 0\.8; widen it with --range/,
    );
  });

  it('refuses a path that does not exist or is not numeric, naming it (exit 2)', async () => {
    const missing = await solve(
      '--vary',
      'levers[0].effect',
      '--outcome',
      'shortfall_beds',
      '--target',
      '0',
      ...when,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /option --vary levers\[0\]\.effect: expected a field of the scenario, found "no levers/,
    );
    const text = await solve(
      '--vary',
      'interventions[0].condition',
      '--outcome',
      'shortfall_beds',
      '--target',
      '0',
      ...when,
    );
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(
      /option --vary interventions\[0\]\.condition: expected a number or a distribution .*, found "DM"/,
    );
    expect(text.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses bad options and an outcome given in part (exit 2)', async () => {
    const half = await solve(
      '--vary',
      'capacity.beds',
      '--outcome',
      'shortfall_beds',
      '--target',
      '0',
      '-q',
    );
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/option --better: expected an outcome given in full/);
    const p = await solve(...beds, ...when, '--probability', '1.5');
    expect(p.stderr).toMatch(
      /option --probability: expected a probability in \(0, 1\], found "1.5"/,
    );
    const noPlan = await solve(
      '--vary',
      'capacity.beds',
      '--outcome',
      'le_birth_male',
      '-q',
      '--threads',
      '0',
    );
    expect(noPlan.code).toBe(2);
    expect(noPlan.stderr).toMatch(/expected a plan block with this outcome/);
    expect(() => parseRange('5:1')).toThrow(/option --range: expected lo:hi with lo < hi/);
    expect(() => parseGrid('0:1:1')).toThrow(/option --grid: expected a,b,c or lo:hi:n/);
    expect(() => parseGrid('1,,2')).toThrow(/option --grid/);
    expect(parseGrid('0:1:5')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(parseGrid('3, 1')).toEqual([3, 1]);
  });

  it('has help with examples', async () => {
    const io = bufferedIo(dir);
    await runCli(['solve', '--help'], io);
    expect(io.stdout).toMatch(
      /Examples:\n {2}\$ wcc solve plan\.yaml --outcome le_birth_male --probability 0\.8 --vary interventions\[0\]\.effect/,
    );
  });
});
