import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-scenario-'));
let n = 0;

async function runScenario(scenario: Record<string, unknown>) {
  const path = join(dir, `s${++n}.yaml`);
  writeFileSync(path, stringify({ area: 'E06000001', replicates: 20, ...scenario }));
  const io = bufferedIo(dir);
  const code = await runCli(['run', path, '--format', 'csv', '--threads', '1'], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const prevention = {
  name: 'p',
  condition: 'DM',
  acts_on: 'incidence',
  effect: 0.1,
  start_year: 2025,
};
const avoid = {
  name: 'a',
  kind: 'avoid',
  setting: 'nel_admissions',
  effect: 0.1,
  start_year: 2025,
};

describe('scenario input of the prevalence and demand models', () => {
  it('runs a prevalence scenario with interventions and a demand scenario with levers', async () => {
    const p = await runScenario({
      model: 'prevalence',
      prevalence: { conditions: ['DM'] },
      interventions: [prevention],
    });
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('E06000001,2028,cases_avoided_DM,');
    const d = await runScenario({ levers: [avoid], capacity: { beds: 300 }, attribution: true });
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('E06000001,2028,p_shortfall_beds,');
    expect(d.stdout).toContain('E06000001,2028,change_cost_services_interventions,');
  });

  it.each([
    [
      'an unknown condition, listing the valid ones',
      { interventions: [{ ...prevention, condition: 'XYZ' }] },
      /interventions\[0\]\.condition: .*"AF".*"STIA".*found "XYZ"/,
    ],
    [
      'an intervention on ineligible ages',
      { interventions: [{ ...prevention, ages: [5, 40] }] },
      /interventions\[0\]\.ages: expected ages within the DM register's eligible ages 17-90\+, found \[5, 40\]/,
    ],
    [
      'an effect above 100 %',
      { interventions: [{ ...prevention, effect: 1.5 }] },
      /interventions\[0\]\.effect: expected values in \[0, 1\].*found 1.5/,
    ],
    [
      'a negative effect',
      {
        interventions: [
          { ...prevention, effect: { dist: 'pert', min: -0.2, mode: 0.1, max: 0.2 } },
        ],
      },
      /interventions\[0\]\.effect: expected values in \[0, 1\]/,
    ],
    [
      'a ramp longer than the horizon',
      { interventions: [{ ...prevention, ramp_years: 6 }] },
      /interventions\[0\]\.ramp_years: expected at most the horizon \(5 years\), found 6/,
    ],
    [
      'a start outside the horizon',
      { interventions: [{ ...prevention, start_year: 2030 }] },
      /start_year: expected a year from 2024 to 2028 \(after the base year, within the horizon\), found 2030/,
    ],
    [
      'overlapping cuts that could push incidence below zero',
      {
        interventions: [
          { ...prevention, effect: { dist: 'uniform', min: 0.5, max: 0.7 } },
          { ...prevention, name: 'q', effect: 0.4 },
        ],
      },
      /"p", "q" together could cut DM incidence by up to 110 %/,
    ],
    [
      'an unknown setting, listing the valid ones',
      { levers: [{ ...avoid, setting: 'icu_days' }] },
      /levers\[0\]\.setting: .*"gp_appointments".*found "icu_days"/,
    ],
    [
      'an unknown resource',
      { levers: [{ ...avoid, kind: 'capacity', resource: 'wards', setting: undefined }] },
      /levers\[0\]\.resource: .*"beds".*found "wards"/,
    ],
    [
      'a shift from a setting to itself',
      { levers: [{ ...avoid, kind: 'shift', to: 'nel_admissions' }] },
      /levers\[0\]\.to: expected a setting other than the one activity leaves \(nel_admissions\)/,
    ],
    [
      'a share outside 0-100 %',
      { levers: [{ ...avoid, effect: 1.2 }] },
      /levers\[0\]\.effect: expected values in \[0, 1\]/,
    ],
    [
      'occupancy outside (0, 1]',
      { levers: [avoid], capacity: { occupancy: 1.3 } },
      /capacity\.occupancy: expected values in \[0.01, 1\]/,
    ],
    [
      'negative capacity',
      { capacity: { beds: -5 } },
      /capacity\.beds: expected a number ≥ 0, found -5/,
    ],
    [
      'capacity changes that go below zero',
      { capacity: { beds: 10, changes: { beds: { '2026': -20 } } } },
      /capacity\.changes\.beds\.2026: expected changes that leave capacity ≥ 0/,
    ],
    [
      'a lever ramp longer than the horizon',
      { levers: [{ ...avoid, ramp_years: 9 }] },
      /levers\[0\]\.ramp_years: expected at most the horizon/,
    ],
    [
      'negative observed activity',
      { demand: { observed: { nel_admissions: -1 } } },
      /demand\.observed\.nel_admissions: expected a number ≥ 0, found -1/,
    ],
    [
      'observed activity naming a setting with no value',
      { demand: { observed: { nel_admissions: null } } },
      /demand\.observed\.nel_admissions: .*found null/,
    ],
    [
      'demand fields with model prevalence',
      { model: 'prevalence', levers: [avoid] },
      /model: expected demand/,
    ],
  ])('rejects %s with exit 2', async (_what, scenario, message) => {
    const r = await runScenario(scenario);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
