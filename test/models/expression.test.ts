import { describe, expect, it } from 'vitest';
import { evaluateProfile } from '../../models/scenario/expression.js';
import { parseScenario } from '../../models/scenario/schema.js';
import { runScenario } from '../../models/run-scenario.js';

describe('scenario expressions (mathjs, restricted)', () => {
  it('evaluates an effect profile for each year from the start', () => {
    expect(evaluateProfile('min(1, (t + 1) / 4)', 2022, 2020, 5, 'p')).toEqual({
      '2022': 0.25,
      '2023': 0.5,
      '2024': 0.75,
      '2025': 1,
    });
    expect(evaluateProfile('year >= 2024 ? 1 : 0.5', 2023, 2020, 5, 'p')).toEqual({
      '2023': 0.5,
      '2024': 1,
      '2025': 1,
    });
    expect(evaluateProfile('exp(-t / horizon)', 2021, 2020, 2, 'p')['2022']).toBeCloseTo(
      Math.exp(-0.5),
      15,
    );
  });
  it.each([
    'import({}, {})',
    'createUnit("x")',
    'evaluate("1")',
    'parse("1")',
    'compile("1")',
    'simplify("x")',
  ])('cannot reach the evaluator: %s', (expression) => {
    expect(() => evaluateProfile(expression, 2021, 2020, 5, 'interventions[0].profile')).toThrow(
      /interventions\[0\]\.profile: expected an expression .* is not available in scenario expressions/,
    );
  });
  it('rejects unknown names, non-numbers and shares outside [0, 1], naming the year', () => {
    expect(() => evaluateProfile('speed * 2', 2021, 2020, 5, 'p')).toThrow(
      /Undefined symbol speed/,
    );
    expect(() => evaluateProfile('[1, 2]', 2021, 2020, 5, 'p')).toThrow(
      /expected a share in \[0, 1\] in every year/,
    );
    expect(() => evaluateProfile('t - 0.5', 2021, 2020, 5, 'p')).toThrow(/found -0.5 in 2021/);
  });
  it('gives the same results as ramp_years when the profile is the same ramp', async () => {
    const base = {
      area: 'E06000001',
      model: 'prevalence',
      replicates: 40,
      seed: 3,
      prevalence: { conditions: ['DM'] },
    };
    const intervention = {
      name: 'p',
      condition: 'DM',
      acts_on: 'incidence',
      effect: [0.05, 0.2],
      start_year: 2025,
    };
    const ramp = parseScenario({ ...base, interventions: [{ ...intervention, ramp_years: 3 }] });
    const profile = parseScenario({
      ...base,
      interventions: [{ ...intervention, profile: 'min(1, (t + 1) / 3)' }],
    });
    const a = await runScenario(ramp, { threads: 0 });
    const b = await runScenario(profile, { threads: 0 });
    expect(b.summaries).toEqual(a.summaries);
    expect(() =>
      parseScenario({ ...base, interventions: [{ ...intervention, ramp_years: 2, profile: '1' }] }),
    ).toThrow(/profile: expected a profile or ramp_years, not both/);
  });
});
