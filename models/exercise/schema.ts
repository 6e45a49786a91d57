/**
 * The exercise file (`wcc exercise init region.yaml`) and the events file of a round
 * (`wcc exercise round ex.json --events events.yaml`), validated with zod at the boundary.
 *
 * An exercise names its region (a region or ICB code, or a list of area codes), the horizon,
 * replicates and seed shared by every area, and optionally a shared plan template (scenario
 * fields applied to every area) and per-area scenario files. An events file names the round it
 * is for and a list of named, dated events, each applied to named areas or `all`.
 */
import * as z from 'zod';
import { describeValue, InputError } from '../../engine/errors.js';
import { RESOURCES } from '../demand/model.js';
import { SETTINGS } from '../demand/types.js';
import { distributionInputSchema } from '../scenario/distribution-schema.js';
import { interventionSchema } from '../scenario/intervention-schema.js';
import { BASE_YEAR_RANGE, HORIZON_RANGE, issuesError, scenarioSchema } from '../scenario/schema.js';

/** The most replicates an exercise runs per area and round (its state holds summaries only). */
export const MAX_EXERCISE_REPLICATES = 100_000;

/** Scenario fields a plan template or an area's own scenario file may set. */
export const PLAN_FIELDS = [
  'description',
  'assumptions',
  'prevalence',
  'interventions',
  'demand',
  'capacity',
  'levers',
  'attribution',
  'plan',
] as const;

const areaCode = z.string().min(1);

/** The assumptions a scenario file may set (population parameters, then per-register ones). */
export const ASSUMPTIONS = Object.keys(scenarioSchema.shape.assumptions.unwrap().shape) as [
  string,
  ...string[],
];

/** The kinds of event. */
export const EVENT_KINDS = [
  'demand_surge',
  'budget_cut',
  'capacity',
  'intervention',
  'assumption',
] as const;

/** The exercise file as written. */
export const exerciseSchema = z
  .object({
    name: z.string().min(1).describe('a short name shown in outputs'),
    description: z.string().optional(),
    region: z
      .union([areaCode, z.array(areaCode).min(1)])
      .describe(
        'a region or ICB code (its local authorities take part), or a list of local authority codes',
      ),
    base_year: z.number().int().min(BASE_YEAR_RANGE.min).max(BASE_YEAR_RANGE.max).optional(),
    horizon: z.number().int().min(HORIZON_RANGE.min).max(HORIZON_RANGE.max),
    replicates: z.number().int().min(2).max(MAX_EXERCISE_REPLICATES),
    seed: z.number().int().min(0).max(4294967295),
    plan: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'a shared plan template: scenario fields (interventions, levers, capacity, assumptions, plan …) applied to every area',
      ),
    plans: z
      .record(areaCode, z.string().min(1))
      .optional()
      .describe(
        "scenario files by area code (relative to the exercise file): that area's own numbers, each field replacing the template's",
      ),
  })
  .strict();

/** An exercise file as written. */
export type ExerciseInput = z.infer<typeof exerciseSchema>;

const yearField = z.number().int().describe('the year the event happens (from then on)');
const areasField = z
  .union([z.literal('all'), areaCode, z.array(areaCode).min(1)])
  .describe('the areas hit: "all" or area codes of the exercise');
const common = { name: z.string().min(1), year: yearField, areas: areasField };

/** One event as written: a discriminated union on `kind`. */
export const eventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('demand_surge'),
      setting: z.enum(SETTINGS).optional().describe('default nel_admissions'),
      effect: distributionInputSchema.describe('share of activity added, e.g. [0.03, 0.08]'),
      duration: z.number().int().min(1).optional().describe('years it lasts (default: to the end)'),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('budget_cut'),
      intervention: z.string().min(1).describe('the name of an intervention of the areas'),
      cut: z.number().gt(0).max(1).describe('share of the budget cut, e.g. 0.3'),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('capacity'),
      resource: z.enum(RESOURCES),
      change: distributionInputSchema.describe('units opened (> 0) or closed (< 0)'),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('intervention'),
      intervention: interventionSchema.describe('an intervention block (start_year: the year)'),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('assumption'),
      assumption: z.enum(ASSUMPTIONS).describe('an assumption of scenario files'),
      value: distributionInputSchema,
    })
    .strict(),
]);

/** One event as written. */
export type ExerciseEvent = z.infer<typeof eventSchema>;

/** The events file of a round. */
export const eventsFileSchema = z
  .object({
    round: z.number().int().min(1).describe('the round these events are for (1 = the first)'),
    events: z.array(eventSchema).default([]),
  })
  .strict();

/** An events file as validated. */
export type EventsFile = z.infer<typeof eventsFileSchema>;

/**
 * Validates an exercise file.
 * @throws InputError naming each invalid field, what was expected and what was found
 */
export function parseExercise(input: unknown, source: string): ExerciseInput {
  const result = exerciseSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw issuesError(source, result.error.issues, 'exercise');
  const plan = result.data.plan ?? {};
  for (const key of Object.keys(plan))
    if (!(PLAN_FIELDS as readonly string[]).includes(key))
      throw new InputError(
        `invalid exercise ${source}:\n  plan.${key}: expected one of the plan template's fields (${PLAN_FIELDS.join(', ')}), found ${describeValue(key)}`,
      );
  return result.data;
}

/**
 * Validates an events file.
 * @throws InputError naming each invalid field, what was expected and what was found
 */
export function parseEvents(input: unknown, source: string): EventsFile {
  // A kind outside the union would be reported with the whole event: name the kind instead.
  const written = (input as { events?: unknown } | null)?.events;
  if (Array.isArray(written))
    written.forEach((e: unknown, i) => {
      const kind = (e as { kind?: unknown } | null)?.kind;
      if (!(EVENT_KINDS as readonly unknown[]).includes(kind))
        throw new InputError(
          `invalid events file ${source}:\n  events[${i}].kind: expected one of ${EVENT_KINDS.join(', ')}, found ${describeValue(kind)}`,
        );
    });
  const result = eventsFileSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw issuesError(source, result.error.issues, 'events file');
  const names = new Set<string>();
  result.data.events.forEach((e, i) => {
    if (names.has(e.name))
      throw new InputError(
        `invalid events file ${source}:\n  events[${i}].name: expected a name no other event has, found ${describeValue(e.name)}`,
      );
    names.add(e.name);
  });
  return result.data;
}
