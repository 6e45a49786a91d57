import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { loadDemandReference } from '../../models/demand/reference.js';

async function wcc(...args: string[]) {
  const io = bufferedIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const csv = (text: string): Record<string, string>[] =>
  parse<Record<string, string>>(text, { columns: true });

describe('wcc demand', () => {
  it('lists every setting with the England total the rates are scaled to', async () => {
    const rows = csv((await wcc('demand', 'settings', '--format', 'csv')).stdout);
    expect(rows.map((r) => r.setting)).toHaveLength(12);
    const reference = loadDemandReference();
    for (const r of rows)
      expect(Number(r.england_total)).toBe(
        reference.settings.find((s) => s.setting === r.setting)?.englandTotal,
      );
  });
  it('shows the NCC rows behind a setting, whose activity adds up to its England total', async () => {
    const rows = csv(
      (await wcc('demand', 'mapping', '--setting', 'ae_attendances', '--format', 'csv')).stdout,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.setting === 'ae_attendances')).toBe(true);
    const total = rows.reduce((s, r) => s + Number(r.activity), 0);
    const setting = loadDemandReference().settings.find((s) => s.setting === 'ae_attendances');
    expect(total).toBeCloseTo(setting?.englandTotal ?? NaN, 3);
  });
  it('lists the capacity norms and the condition use with their sources', async () => {
    const norms = csv((await wcc('demand', 'norms', '--format', 'csv')).stdout);
    expect(norms.map((r) => r.norm)).toEqual([
      'bedOccupancy',
      'casesPerTheatreSession',
      'attendancesPerClinicSession',
      'gpAppointmentsPerWteYear',
    ]);
    expect(norms.every((r) => (r.source ?? '').length > 20)).toBe(true);
    const use = csv((await wcc('demand', 'use', '--format', 'csv')).stdout);
    expect(use.some((r) => r.condition === 'DM' && r.setting === 'nel_bed_days')).toBe(true);
  });
  it('rejects an unknown setting with exit 2, listing the valid ones', async () => {
    const r = await wcc('demand', 'mapping', '--setting', 'icu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /option --setting: expected one of gp_appointments, .*mh_contacts, found "icu"/,
    );
  });
});

describe('wcc prevalence parameters', () => {
  it('lists the detection, excess mortality and trend of each register with its source', async () => {
    const rows = csv((await wcc('prevalence', 'parameters', '--format', 'csv')).stdout);
    const dm = rows.filter((r) => r.code === 'DM').map((r) => r.parameter);
    expect(dm).toEqual([
      'detection',
      'excess_mortality',
      'trend',
      'trend_damping',
      'trend_observed',
    ]);
    expect(rows.find((r) => r.code === 'DM' && r.parameter === 'detection')?.distribution).toBe(
      'PERT(0.7, 0.75, 0.8)',
    );
    expect(rows.filter((r) => r.parameter === 'trend')).toHaveLength(21);
  });
});
