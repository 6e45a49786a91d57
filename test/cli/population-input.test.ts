import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-population-'));

async function wcc(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const quick = ['--model', 'population', '--runs', '10', '--horizon', '1', '--format', 'csv'];

describe('population areas and years on the command line', () => {
  it('runs a former district as its successor, with a note naming it', async () => {
    const r = await wcc('run', ...quick, '--area', 'E07000026');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /note: area: E07000026 Allerdale no longer exists \(abolished; part of Cumberland \(E06000063\) since April 2023\); projecting E06000063 Cumberland/,
    );
    expect(r.stdout).toContain('E06000063,2023,population_total,');
  });

  it('runs an ICB as the sum of its local authorities, noting an approximation', async () => {
    const r = await wcc('run', ...quick, '--area', 'E54000055,E54000022');
    expect(r.code).toBe(0);
    // The ICB's ONS estimate for mid-2023 is 1,384,841; its two authorities sum to 1,384,843.
    const bsol = r.stdout.split('\n').find((l) => l.startsWith('E54000055,2023,population_total,'));
    expect(Number(bsol?.split(',')[4])).toBeCloseTo(1_384_841, -1);
    expect(r.stderr).toMatch(
      /E54000022 Norfolk and Waveney ICB: approximated by whole local authorities/,
    );
  });

  it('rejects a base year after the newest estimates, a retired code without successor and a metric by sex no model makes', async () => {
    const late = await wcc('run', ...quick, '--area', 'E08000025', '--base-year', '2024');
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(
      /option --base-year: expected a whole number from 2002 to 2023, found "2024"/,
    );
    const gone = await wcc('run', ...quick, '--area', 'E07000999');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/area: unknown area code "E07000999"/);
    const prevalence = ['--model', 'prevalence', '--area', 'E06000001', '--runs', '5'];
    const sex = await wcc('run', ...prevalence, '--metrics', 'register_DM_male');
    expect(sex.code).toBe(2);
    expect(sex.stderr).toMatch(
      /option --metrics: expected a metric this run produces \(by sex: population_male, population_female\), found "register_DM_male"/,
    );
    const backtest = await wcc('backtest', 'population', '--base-year', '2020', '--horizon', '5');
    expect(backtest.code).toBe(2);
    expect(backtest.stderr).toMatch(/expected base year \+ horizon ≤ 2023/);
  });
});
