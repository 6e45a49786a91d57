import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';

async function wcc(...args: string[]) {
  const io = bufferedIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('wcc peers', () => {
  it('lists the area first at distance 0, then its n peers nearest first with every variable', async () => {
    const r = await wcc('peers', 'E06000009', '--n', '3', '--format', 'csv');
    expect(r.code).toBe(0);
    const rows = parse<Record<string, string>>(r.stdout, { columns: true });
    expect(rows.map((x) => x.rank)).toEqual(['0', '1', '2', '3']);
    expect(rows[0]).toMatchObject({ code: 'E06000009', name: 'Blackpool', distance: '0' });
    expect(Object.keys(rows[0]!)).toContain('le_female');
    expect(Object.keys(rows[0]!)).toContain('imd_score');
    const d = rows.map((x) => Number(x.distance));
    expect(d[1]).toBeGreaterThan(0);
    expect(d[2]).toBeGreaterThanOrEqual(d[1]!);
    expect(d[3]).toBeGreaterThanOrEqual(d[2]!);
  });

  it('gives ten peers by default and names the method in a table', async () => {
    const r = await wcc('peers', 'e06000009');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Statistical peers of E06000009 Blackpool \(equal weights/);
    expect(r.stdout).toMatch(/\n\s+10 {2}E\d{8}/);
  });

  it('refuses an area that is not a local authority, an unknown one and a bad --n (exit 2)', async () => {
    const region = await wcc('peers', 'E12000001');
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/area: expected a local authority code.*found "E12000001"/);
    const unknown = await wcc('peers', 'E99999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown area code "E99999999"/);
    const n = await wcc('peers', 'E06000009', '--n', '0');
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/--n/);
  });

  it('has help with the variables and examples', async () => {
    const r = await wcc('peers', '--help');
    expect(r.stdout).toMatch(/Examples:\n {2}\$ wcc peers E06000009/);
    expect(r.stdout).toMatch(/no area in hectares/);
  });
});
