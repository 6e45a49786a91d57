/**
 * Scenario interventions on a condition's incidence (prevention) or detection (case-finding):
 * an effect drawn from a distribution, a start year, a ramp-up, optional deprivation deciles
 * and ages, and a yearly cost.
 */
import * as z from 'zod';
import { InputError, describeValue } from '../../engine/errors.js';
import type { Distribution } from '../../engine/rng/distributions.js';
import type { PrevalenceIntervention } from '../prevalence/model.js';
import { CONDITIONS } from '../prevalence/types.js';
import { distributionInputSchema, resolveDistribution } from './distribution-schema.js';
import { evaluateProfile } from './expression.js';

/** Schema of one intervention as written. */
export const interventionSchema = z
  .object({
    name: z.string().min(1).describe('a short unique name'),
    condition: z.enum(CONDITIONS).describe('the QOF register it acts on'),
    acts_on: z
      .enum(['incidence', 'detection'])
      .describe('incidence: prevention; detection: case-finding'),
    effect: distributionInputSchema.describe(
      'relative reduction of incidence, or relative increase of detection, as a share 0 … 1',
    ),
    start_year: z.number().int().describe('first year with an effect'),
    profile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'share of the full effect by year instead of a ramp: an expression of year, start, base_year, horizon, t = year - start, e.g. "min(1, (t + 1) / 3)"',
      ),
    ramp_years: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('years to reach the full effect (default 0: at once)'),
    deciles: z
      .array(z.number().int().min(1).max(10))
      .min(1)
      .optional()
      .describe('national IMD deciles reached (1 = most deprived); default everyone'),
    ages: z
      .tuple([z.number().int().min(0).max(90), z.number().int().min(0).max(90)])
      .optional()
      .describe('ages reached [from, to]; default the register ages'),
    cost_per_year: distributionInputSchema
      .optional()
      .describe('cost per year from the start year, £'),
    cost_profile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'share of the yearly cost spent each year (default 1): an expression of year, start, base_year, horizon, t, e.g. "year >= 2026 ? 0.7 : 1" for a 30 % budget cut from 2026',
      ),
  })
  .strict();

/** An intervention as written. */
export type InterventionInput = z.infer<typeof interventionSchema>;

/** The highest value a distribution can take. */
function upper(d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
    case 'triangular':
    case 'pert':
      return d.max;
    case 'normal':
      return d.max ?? Infinity;
    case 'beta':
      return 1;
    case 'lognormal':
    case 'gamma':
      return Infinity;
  }
}

/**
 * Validates the interventions against the run (years, effects, overlaps) and resolves their
 * distributions.
 * @throws InputError naming the intervention and what is wrong
 */
export function resolveInterventions(
  written: readonly InterventionInput[],
  baseYear: number,
  horizon: number,
  source: string,
): PrevalenceIntervention[] {
  const fail = (i: number, field: string, expected: string, found: unknown): never => {
    throw new InputError(
      `invalid scenario ${source}:\n  interventions[${i}].${field}: expected ${expected.replace(/^expected /, '')}, found ${describeValue(found)}`,
    );
  };
  const names = new Set<string>();
  const resolved = written.map((w, i): PrevalenceIntervention => {
    if (names.has(w.name)) fail(i, 'name', 'a name no other intervention has', w.name);
    names.add(w.name);
    const effect = resolveDistribution(w.effect, { min: 0, max: 1 });
    if (typeof effect === 'string') fail(i, 'effect', `${effect} (a share: 0.1 is 10 %)`, w.effect);
    const cost = resolveDistribution(w.cost_per_year ?? 0, { min: 0 });
    if (typeof cost === 'string') fail(i, 'cost_per_year', cost, w.cost_per_year);
    if (w.start_year <= baseYear || w.start_year > baseYear + horizon)
      fail(
        i,
        'start_year',
        `a year from ${baseYear + 1} to ${baseYear + horizon} (after the base year, within the horizon)`,
        w.start_year,
      );
    const ramp = w.ramp_years ?? 0;
    if (w.profile !== undefined && w.ramp_years !== undefined)
      fail(i, 'profile', 'a profile or ramp_years, not both', w.profile);
    if (ramp > horizon) fail(i, 'ramp_years', `at most the horizon (${horizon} years)`, ramp);
    if (w.ages && w.ages[0] > w.ages[1]) fail(i, 'ages', '[from, to] with from ≤ to', w.ages);
    if (w.deciles && new Set(w.deciles).size !== w.deciles.length)
      fail(i, 'deciles', 'each decile once', w.deciles);
    return {
      name: w.name,
      condition: w.condition,
      actsOn: w.acts_on,
      effect: effect as Distribution,
      startYear: w.start_year,
      rampYears: ramp,
      ...(w.profile !== undefined
        ? {
            profile: evaluateProfile(
              w.profile,
              w.start_year,
              baseYear,
              horizon,
              `invalid scenario ${source}:\n  interventions[${i}].profile`,
            ),
          }
        : {}),
      ...(w.cost_profile !== undefined
        ? {
            costProfile: evaluateProfile(
              w.cost_profile,
              w.start_year,
              baseYear,
              horizon,
              `invalid scenario ${source}:\n  interventions[${i}].cost_profile`,
            ),
          }
        : {}),
      deciles: [...(w.deciles ?? [])].sort((a, b) => a - b),
      ...(w.ages ? { ages: [w.ages[0], w.ages[1]] as const } : {}),
      costPerYear: cost as Distribution,
    };
  });
  // Incidence cuts on one condition add up: together they must not exceed 100 %.
  for (const condition of CONDITIONS) {
    const cuts = resolved.filter((r) => r.condition === condition && r.actsOn === 'incidence');
    const most = cuts.reduce((s, r) => s + upper(r.effect), 0);
    if (cuts.length > 1 && most > 1)
      throw new InputError(
        `invalid scenario ${source}:\n  interventions: ${cuts.map((c) => `"${c.name}"`).join(', ')} together could cut ${condition} incidence by up to ${(100 * most).toFixed(0)} %, pushing it below zero; expected effects that add up to at most 100 %`,
      );
  }
  return resolved;
}
