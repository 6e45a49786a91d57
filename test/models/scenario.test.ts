import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../engine/io/paths.js';
import {
  parseScenario,
  scenarioJsonSchema,
  SCENARIO_DEFAULTS,
} from '../../models/scenario/schema.js';
import { Z_P90 } from '../../engine/rng/distributions.js';

describe('parseScenario', () => {
  it('applies defaults without changing the input', () => {
    const input = { area: 'E08000025' };
    const s = parseScenario(input);
    expect(input).toEqual({ area: 'E08000025' });
    expect(s).toMatchObject({
      model: 'population',
      areas: ['E08000025'],
      baseYear: SCENARIO_DEFAULTS.baseYear,
      horizon: 5,
      replicates: 1000,
      seed: 1,
    });
  });
  it('resolves the [low, high] shorthand to a normal truncated to the valid range', () => {
    const s = parseScenario({
      area: 'E08000025',
      assumptions: { fertility_multiplier: [0.9, 1.1] },
    });
    const d = s.assumptions.fertility_multiplier;
    expect(d).toMatchObject({ dist: 'normal', mean: 1, min: 0 });
    expect(d?.dist === 'normal' ? d.sd : NaN).toBeCloseTo(0.2 / (2 * Z_P90), 15);
  });
  it.each([
    [{ area: 'E08000025', horizon: 26 }, /horizon: .*<=25/],
    [{ area: 'E08000025', base_year: 2024 }, /base_year: .*<=2023.*found 2024/],
    [{ area: 'E08000025', replicates: 1.5 }, /replicates: expected int.*found 1.5/],
    [{ area: 'E08000025', colour: 'red' }, /unknown field "colour"/],
    [
      { area: 'E08000025', assumptions: { fertility: 1 } },
      /assumptions: unknown field "fertility"/,
    ],
    [{ area: 'E08000025', assumptions: { fertility_multiplier: [1.2, 1.1] } }, /low ≤ high/],
    [
      {
        area: 'E08000025',
        assumptions: { fertility_multiplier: { dist: 'beta', alpha: 0, beta: 1 } },
      },
      /alpha: expected a number > 0/,
    ],
    [
      {
        area: 'E08000025',
        assumptions: { mortality_improvement_shift: { dist: 'uniform', min: -1, max: 0 } },
      },
      /expected values in \[-0.2, 0.2\]/,
    ],
    [{ name: 'x' }, /area: expected an area code/],
    [[1, 2], /expected object/],
  ])('rejects %j', (input, message) => {
    expect(() => parseScenario(input, 'test.yaml')).toThrow(message);
    expect(() => parseScenario(input, 'test.yaml')).toThrow(/invalid scenario test.yaml/);
  });
  it('publishes the JSON Schema it validates with (schema/scenario.schema.json is current)', () => {
    const published = readFileSync(join(packageRoot(), 'schema', 'scenario.schema.json'), 'utf8');
    expect(JSON.parse(published)).toEqual(scenarioJsonSchema());
  });
});
