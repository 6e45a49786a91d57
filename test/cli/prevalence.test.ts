import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { CONDITIONS } from '../../models/prevalence/types.js';

async function wcc(...args: string[]) {
  const io = bufferedIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('wcc prevalence', () => {
  it('calibrate prints one fit row per register, the same on every run', async () => {
    const first = await wcc('prevalence', 'calibrate', '--format', 'csv');
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'code,name,ages,level,tilt,deprivation,deviance,null_deviance,aic,variance_explained,dispersion,shape_source',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([...CONDITIONS]);
    expect(lines.find((l) => l.startsWith('DM,'))).toMatch(/^DM,Diabetes mellitus,17-90\+,/);
    expect(lines.find((l) => l.startsWith('CVDPP,'))).toMatch(/,30-74,/);
    const again = await wcc('prevalence', 'calibrate', '--format', 'csv');
    expect(again.stdout).toBe(first.stdout);
  }, 60_000);

  it('calibrate prints a readable table by default', async () => {
    const r = await wcc('prevalence', 'calibrate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^code\s+name\s+ages\s+level\s+tilt/);
    expect(r.stdout).toMatch(/\nSTIA\s+Stroke and transient ischaemic attack\s+0-90\+/);
  }, 60_000);

  it('curves prints registered and true prevalence by age over the register ages', async () => {
    const r = await wcc('prevalence', 'curves', '--condition', 'dm', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('age,prevalence,true_prevalence');
    expect(lines).toHaveLength(1 + 74); // ages 17 … 90+
    expect(lines[1]).toMatch(/^17,/);
    expect(lines.at(-1)).toMatch(/^90\+,/);
    const row = (age: string) =>
      lines
        .find((l) => l.startsWith(`${age},`))!
        .split(',')
        .map(Number);
    const [, p50, t50] = row('50');
    expect(t50! / p50!).toBeCloseTo(1 / 0.75, 6); // PERT(0.70, 0.75, 0.80) has mean 0.75
    expect(row('80')[1]!).toBeGreaterThan(p50!);
  });

  it('curves omits true prevalence where there is no detection ratio', async () => {
    const r = await wcc('prevalence', 'curves', '--condition', 'EP', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('age,prevalence');
  });

  it('curves --points lists the published points beside the fitted curve', async () => {
    const r = await wcc('prevalence', 'curves', '--condition', 'DM', '--points', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^age_low,age_high,age,published,measure,source,anchor,fitted,fitted_true\n/,
    );
    expect(r.stdout).toContain('PHE Diabetes Prevalence Model (NCVIN) 2015');
    expect(r.stdout).toContain('HSE 2006 doctor-diagnosed diabetes');
  });

  it('rejects an unknown condition, listing the valid codes (exit 2)', async () => {
    const r = await wcc('prevalence', 'curves', '--condition', 'XYZ');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `wcc: option --condition: expected a QOF register code, one of ${CONDITIONS.join(', ')}, found "XYZ"\n`,
    );
  });

  it('rejects a bad format (exit 2) and a missing condition (exit 1)', async () => {
    const bad = await wcc('prevalence', 'calibrate', '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('option --format: expected one of table, csv, json, found "xml"');
    const missing = await wcc('prevalence', 'curves');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--condition <code>' not specified");
  });
});
