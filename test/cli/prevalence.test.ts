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

  it('parameters shows each trend with its damping, observed path and sources', async () => {
    const r = await wcc('prevalence', 'parameters', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { code: string; parameter: string; source: string }[];
    const dep = rows.filter((x) => x.code === 'DEP').map((x) => x.parameter);
    expect(dep).toEqual(['excess_mortality', 'trend', 'trend_damping', 'trend_observed']);
    const trend = rows.find((x) => x.code === 'DEP' && x.parameter === 'trend')!;
    expect(trend.source).toContain('nhs-qof-practice-prevalence-2022-23');
    expect(trend.source).toMatch(/damped by φ = 0\.\d+ a year after 2022-23/);
    const observed = rows.find((x) => x.code === 'DEP' && x.parameter === 'trend_observed')!;
    expect(observed.source).toMatch(/2019-20 0, 2022-23 0\.1\d/);
    const ast = rows.find((x) => x.code === 'AST' && x.parameter === 'trend')!;
    expect(ast.source).toContain('new register definition from 2020-21');
  });

  it('registers lists the England series and the 2022-23 sub-ICB registers', async () => {
    const r = await wcc('prevalence', 'registers', '--condition', 'AF', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('code,year,register,list,prevalence,net');
    expect(lines).toHaveLength(1 + 8);
    expect(lines[8]).toMatch(/^AF,2022-23,1329458,62378057,2\.131/);
    const sub = await wcc('prevalence', 'registers', '--sub-icb', '--format', 'csv');
    expect(sub.code).toBe(0);
    const rows = sub.stdout.trim().split('\n');
    expect(rows).toHaveLength(1 + 106 * 20);
    // The sub-ICBs add up to England (NHS England QOF 2022-23: 62,378,057 patients).
    const af = rows.filter((l) => /,AF,\d/.test(l)).map((l) => l.split(','));
    expect(af.reduce((a, c) => a + Number(c.at(-2)), 0)).toBe(62378057);
  });
});

describe('wcc backtest prevalence', () => {
  it('fits through 2019-20 and scores the 2022-23 registers', async () => {
    const r = await wcc('backtest', 'prevalence', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [table, summary] = r.stdout.split('\n\n');
    const lines = table!.trim().split('\n');
    expect(lines[0]).toBe(
      'code,fit_through,target,actual,p50,p10,p90,error,pct_error,inside_80,note',
    );
    expect(lines).toHaveLength(1 + 20);
    expect(lines.find((l) => l.startsWith('AST,'))).toMatch(
      /^AST,2019-20,2022-23,.*,register definition changed$/,
    );
    const inside = lines.slice(1).filter((l) => l.includes(',yes,')).length;
    expect(summary).toContain(`inside_80,${inside}\n`);
    expect(summary).toMatch(/^statistic,value\nregisters,20\n/);
  });

  it('prints a table by default, and other years on request', async () => {
    const r = await wcc('backtest', 'prevalence');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Prevalence back-test: .* fitted through 2019-20, forecast 2022-23/);
    const early = await wcc('backtest', 'prevalence', '--base-year', '2016', '--format', 'json');
    expect(early.code).toBe(0);
    const json = JSON.parse(early.stdout) as { horizon: number; summary: { registers: number } };
    expect(json.horizon).toBe(3);
    expect(json.summary.registers).toBe(21); // 2019-20 still had CVDPP
  });

  it('rejects a year with nothing to forecast (exit 2, naming the valid years)', async () => {
    const late = await wcc('backtest', 'prevalence', '--base-year', '2022');
    expect(late.code).toBe(2);
    expect(late.stderr).toBe(
      'wcc: option --base-year: expected a QOF year with registers published, from which a later year can be forecast: 2016, 2017, 2018, 2019, found "2022"\n',
    );
    const gap = await wcc('backtest', 'prevalence', '--horizon', '1');
    expect(gap.code).toBe(2);
    expect(gap.stderr).toContain(
      'option --horizon: expected years to a later QOF year with registers published: 3 (2022-23), found "1"',
    );
    const other = await wcc('backtest', 'mortality');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('expected population or prevalence');
  });
});
