/**
 * The demand part of a scenario: observed base-year activity, current capacity and its planned
 * changes, the bed occupancy target, a cost uplift, and levers (avoid, shift, length of stay,
 * capacity).
 */
import * as z from 'zod';
import { InputError, describeValue } from '../../engine/errors.js';
import type { Distribution } from '../../engine/rng/distributions.js';
import { RESOURCES, type DemandLever, type DemandPlan, type Resource } from '../demand/model.js';
import { SETTINGS, type Setting } from '../demand/types.js';
import { evaluateProfile } from './expression.js';
import {
  distributionInputSchema,
  resolveDistribution,
  type ParameterRange,
} from './distribution-schema.js';

const nonNegative = z.number().refine((x) => Number.isFinite(x) && x >= 0, 'expected a number ≥ 0');

/** Schema of the `demand` block. */
export const demandSchema = z
  .object({
    observed: z
      .partialRecord(z.enum(SETTINGS), nonNegative)
      .optional()
      .describe(
        "the area's own base-year activity per setting; the model's rates are scaled to match it",
      ),
    cost_uplift: distributionInputSchema
      .optional()
      .describe('cost uplift per year as a fraction (default 0: 2023/24 prices)'),
  })
  .strict();

/** Schema of the `capacity` block. */
export const capacitySchema = z
  .object({
    ...Object.fromEntries(RESOURCES.map((r) => [r, nonNegative.optional()])),
    changes: z
      .partialRecord(
        z.enum(RESOURCES),
        z.record(z.string().regex(/^\d{4}$/, 'expected a year'), z.number()),
      )
      .optional()
      .describe('planned changes by resource and year, e.g. {beds: {"2023": 50}}'),
    occupancy: distributionInputSchema
      .optional()
      .describe('target bed occupancy, a share in (0, 1]'),
  })
  .strict()
  .describe(
    'capacity in the base year: beds, theatre_sessions, clinic_sessions (a year) and gp_wte',
  );

/** Schema of one lever. */
export const leverSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['avoid', 'surge', 'shift', 'los', 'capacity']),
    setting: z
      .enum(SETTINGS)
      .optional()
      .describe('avoid/shift: the setting; los: nel_bed_days (default) or el_bed_days'),
    to: z.enum(SETTINGS).optional().describe('shift: the receiving setting'),
    conversion: z.number().optional().describe('shift: units received per unit moved (default 1)'),
    resource: z.enum(RESOURCES).optional().describe('capacity: the resource'),
    effect: distributionInputSchema.describe(
      'avoid/shift: share 0 … 1; surge: share added (0.05 = 5 % more); los: relative change of stay (−0.1 = 10 % shorter); capacity: units added',
    ),
    start_year: z.number().int(),
    ramp_years: z.number().int().min(0).optional(),
    profile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'share of the full effect by year instead of a ramp: an expression of year, start, base_year, horizon, t',
      ),
    quintiles: z
      .array(z.number().int().min(1).max(5))
      .min(1)
      .optional()
      .describe('national IMD quintiles reached (1 = most deprived)'),
    cost_per_year: distributionInputSchema.optional(),
  })
  .strict();

export type DemandInput = z.infer<typeof demandSchema>;
export type CapacityInput = z.infer<typeof capacitySchema>;
export type LeverInput = z.infer<typeof leverSchema>;

/** Valid effect range per lever kind. */
const EFFECT_RANGES: Readonly<Record<DemandLever['kind'], ParameterRange>> = {
  avoid: { min: 0, max: 1 },
  surge: { min: 0 },
  shift: { min: 0, max: 1 },
  los: { min: -0.9, max: 1 },
  capacity: {},
};

/** A thrower of input errors in scenario `source`: "path: expected …, found …". */
function failIn(source: string): (where: string, expected: string, found: unknown) => never {
  return (where, expected, found) => {
    throw new InputError(
      `invalid scenario ${source}:\n  ${where}: expected ${expected}, found ${describeValue(found)}`,
    );
  };
}

/**
 * Validates and resolves the demand block, capacity and levers of a scenario.
 * @throws InputError naming the field, what was expected and what was found
 */
export function resolveDemand(
  demand: DemandInput | undefined,
  capacity: CapacityInput | undefined,
  levers: readonly LeverInput[],
  baseYear: number,
  horizon: number,
  attribution: boolean,
  source: string,
): DemandPlan {
  const fail = failIn(source);
  const resolve = (written: unknown, range: ParameterRange, where: string): Distribution => {
    const d = resolveDistribution(written as Parameters<typeof resolveDistribution>[0], range);
    if (typeof d === 'string') return fail(where, d.replace(/^expected /, ''), written);
    return d;
  };
  const names = new Set<string>();
  const resolvedLevers = levers.map((l, i): DemandLever => {
    const where = `levers[${i}]`;
    if (names.has(l.name)) fail(`${where}.name`, 'a name no other lever has', l.name);
    names.add(l.name);
    if (l.start_year <= baseYear || l.start_year > baseYear + horizon)
      fail(
        `${where}.start_year`,
        `a year from ${baseYear + 1} to ${baseYear + horizon}`,
        l.start_year,
      );
    const ramp = l.ramp_years ?? 0;
    if (l.profile !== undefined && l.ramp_years !== undefined)
      fail(`${where}.profile`, 'a profile or ramp_years, not both', l.profile);
    if (ramp > horizon) fail(`${where}.ramp_years`, `at most the horizon (${horizon} years)`, ramp);
    let setting: Setting | undefined = l.setting;
    if ((l.kind === 'avoid' || l.kind === 'surge' || l.kind === 'shift') && setting === undefined)
      fail(`${where}.setting`, `one of ${SETTINGS.join(', ')}`, undefined);
    if (l.kind === 'shift') {
      if (l.to === undefined) fail(`${where}.to`, `one of ${SETTINGS.join(', ')}`, undefined);
      if (l.to === setting)
        fail(`${where}.to`, `a setting other than the one activity leaves (${setting})`, l.to);
      if (l.conversion !== undefined && !(l.conversion > 0 && Number.isFinite(l.conversion)))
        fail(`${where}.conversion`, 'a number > 0', l.conversion);
    }
    if (l.kind === 'los') {
      setting ??= 'nel_bed_days';
      if (setting !== 'nel_bed_days' && setting !== 'el_bed_days')
        fail(`${where}.setting`, 'nel_bed_days or el_bed_days for a length-of-stay lever', setting);
    }
    if (l.kind === 'capacity' && l.resource === undefined)
      fail(`${where}.resource`, `one of ${RESOURCES.join(', ')}`, undefined);
    if (l.kind !== 'capacity' && l.resource !== undefined)
      fail(`${where}.resource`, 'no resource (only capacity levers name one)', l.resource);
    const range = EFFECT_RANGES[l.kind];
    return {
      name: l.name,
      kind: l.kind,
      ...(setting !== undefined ? { setting } : {}),
      ...(l.kind === 'shift' && l.to !== undefined ? { to: l.to } : {}),
      conversion: l.conversion ?? 1,
      ...(l.resource !== undefined ? { resource: l.resource } : {}),
      effect: resolve(l.effect, range, `${where}.effect`),
      startYear: l.start_year,
      rampYears: ramp,
      ...(l.profile !== undefined
        ? {
            profile: evaluateProfile(
              l.profile,
              l.start_year,
              baseYear,
              horizon,
              `invalid scenario ${source}:\n  ${where}.profile`,
            ),
          }
        : {}),
      quintiles: [...(l.quintiles ?? [])].sort((a, b) => a - b),
      costPerYear: resolve(l.cost_per_year ?? 0, { min: 0 }, `${where}.cost_per_year`),
    };
  });
  const area = resolveCapacity(capacity, baseYear, horizon, 'capacity', source);
  return {
    observed: demand?.observed ?? {},
    ...area,
    costUplift: resolve(demand?.cost_uplift ?? 0, { min: -0.5, max: 0.5 }, 'demand.cost_uplift'),
    levers: resolvedLevers,
    attribution,
  };
}

/** One area's capacity: base-year levels, planned changes and the occupancy norm. */
export type AreaCapacity = Pick<DemandPlan, 'capacity' | 'capacityChanges' | 'occupancy'>;

/**
 * Validates and resolves one capacity block (`where` names it in messages).
 * @throws InputError naming the field, what was expected and what was found
 */
export function resolveCapacity(
  capacity: CapacityInput | undefined,
  baseYear: number,
  horizon: number,
  where: string,
  source: string,
): AreaCapacity {
  const fail = failIn(source);
  const stated: Partial<Record<Resource, number>> = {};
  for (const r of RESOURCES) {
    const value = (capacity as Record<string, unknown> | undefined)?.[r];
    if (typeof value === 'number') stated[r] = value;
  }
  const changes = capacity?.changes ?? {};
  for (const [resource, byYear] of Object.entries(changes)) {
    for (const [year, change] of Object.entries(byYear)) {
      const y = Number(year);
      if (y <= baseYear || y > baseYear + horizon)
        fail(
          `${where}.changes.${resource}.${year}`,
          `a year from ${baseYear + 1} to ${baseYear + horizon}`,
          y,
        );
      if (stated[resource as Resource] === undefined)
        fail(
          `${where}.${resource}`,
          `the base-year capacity the change to ${resource} applies to`,
          undefined,
        );
      let level = stated[resource as Resource] ?? 0;
      for (const [, c] of Object.entries(byYear).filter(([yy]) => Number(yy) <= y)) level += c;
      if (level < 0)
        fail(
          `${where}.changes.${resource}.${year}`,
          `changes that leave capacity ≥ 0 (it would be ${level})`,
          change,
        );
    }
  }
  let occupancy: Distribution | undefined;
  if (capacity?.occupancy !== undefined) {
    const d = resolveDistribution(capacity.occupancy, { min: 0.01, max: 1 });
    if (typeof d === 'string')
      return fail(`${where}.occupancy`, d.replace(/^expected /, ''), capacity.occupancy);
    occupancy = d;
  }
  return {
    capacity: stated,
    capacityChanges: changes,
    ...(occupancy !== undefined ? { occupancy } : {}),
  };
}
