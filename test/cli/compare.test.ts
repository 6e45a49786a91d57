import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-compare-'));
const base =
  'model: prevalence\narea: E06000001\nreplicates: 200\nseed: 4\nprevalence: {conditions: [DM, HYP]}\n';
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const intervention = (effect: string): string =>
  `interventions:\n  - {name: p, condition: DM, acts_on: incidence, effect: ${effect}, start_year: 2025, ramp_years: 2}\n`;

async function compare(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(['compare', ...args, '--format', 'csv', '-q'], io);
  return {
    code,
    rows: code === 0 ? parse<Record<string, string>>(io.stdout, { columns: true }) : [],
    stderr: io.stderr,
  };
}

describe('wcc compare', () => {
  it('pairs replicates: an intervention with no effect differs by exactly nothing', async () => {
    const r = await compare(file('a.yaml', base), file('zero.yaml', base + intervention('0')));
    expect(r.code).toBe(0);
    for (const row of r.rows) {
      expect(Number(row.diff_mean), `${row.metric} ${row.year}`).toBe(0);
      expect(Number(row.diff_p97_5)).toBe(0);
    }
  });
  it('shows prevention lowering the diabetes register in every replicate, and nothing else moving', async () => {
    const r = await compare(
      file('a.yaml', base),
      file('p.yaml', base + intervention('[0.05, 0.2]')),
      '--metrics',
      'register_*',
    );
    const dm2028 = r.rows.find((x) => x.metric === 'register_DM' && x.year === '2028')!;
    expect(Number(dm2028.diff_mean)).toBeLessThan(0);
    expect(Number(dm2028.diff_p97_5)).toBeLessThan(0);
    expect(Number(dm2028.p_b_lower)).toBe(1);
    expect(Number(dm2028.diff_mean)).toBeCloseTo(Number(dm2028.mean_b) - Number(dm2028.mean_a), 6);
    const hyp = r.rows.filter((x) => x.metric === 'register_HYP');
    expect(hyp.every((x) => Number(x.diff_mean) === 0)).toBe(true);
    expect(r.rows.every((x) => (x.metric ?? '').startsWith('register_'))).toBe(true);
  });
  it('refuses scenarios that cannot be paired', async () => {
    const r = await compare(
      file('a.yaml', base),
      file('s.yaml', base.replace('seed: 4', 'seed: 5')),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /compare: the scenarios must share seed to be paired replicate by replicate, found 4 and 5/,
    );
  });
});
