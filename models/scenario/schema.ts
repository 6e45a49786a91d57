/**
 * The scenario file (YAML or JSON), validated once at the boundary. `parseScenario` returns a
 * resolved scenario with every default applied (the caller's input is never changed); all code
 * after it trusts its input. A JSON Schema for editors is generated from the same definition
 * (`scenarioJsonSchema`, published as schema/scenario.schema.json).
 */
import * as z from 'zod';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, describeValue } from '../../engine/errors.js';
import type { Distribution } from '../../engine/rng/distributions.js';
import { POPULATION_PARAMETERS, type PopulationParameter } from '../population/model.js';
import type { PrevalenceAssumptions, PrevalencePlan } from '../prevalence/model.js';
import { CONDITIONS, type Condition } from '../prevalence/types.js';
import { interventionSchema, resolveInterventions } from './intervention-schema.js';
import {
  capacitySchema,
  demandSchema,
  leverSchema,
  resolveCapacity,
  resolveDemand,
  type AreaCapacity,
  type CapacityInput,
} from './demand-schema.js';
import type { DemandPlan } from '../demand/model.js';
import { MODELS, type ModelName } from '../registry/metrics.js';
import { chainMetrics } from '../registry/models.js';
import { chainPayload } from '../chain/payload.js';
import { planSchema, resolvePlan, type Plan } from '../plan/schema.js';
import {
  distributionInputSchema,
  resolveDistribution,
  type DistributionInput,
  type ParameterRange,
} from './distribution-schema.js';

/** Base years the embedded population estimates support (one year of history needed). */
export const BASE_YEAR_RANGE = { min: 2002, max: 2023 } as const;
/** Projection horizons allowed, years. */
export const HORIZON_RANGE = { min: 1, max: 25 } as const;
/** The most replicates one run may ask for. */
export const MAX_REPLICATES = 1_000_000;
/** Defaults of a scenario. */
export const SCENARIO_DEFAULTS = {
  name: 'scenario',
  model: 'population',
  baseYear: 2023,
  horizon: 5,
  replicates: 1000,
  seed: 1,
} as const;

export { MODELS, type ModelName } from '../registry/metrics.js';

/** Valid range of each population parameter. */
export const POPULATION_PARAMETER_RANGES: Readonly<Record<PopulationParameter, ParameterRange>> = {
  fertility_multiplier: { min: 0 },
  mortality_ratio_multiplier: { min: 0 },
  mortality_improvement_shift: { min: -0.2, max: 0.2 },
  net_migration_multiplier: {},
  net_migration_shift: {},
};

const areaCode = z
  .string()
  .min(1)
  .describe('an ONS area code (local authority, region or England), or "all"');

/** Prevalence assumptions written per condition: `trend_DM`, `detection_DM`, `excess_mortality_DM`. */
export const PREVALENCE_ASSUMPTION_KINDS = {
  trend: {
    range: { min: -0.5, max: 0.5 },
    what: 'secular trend of registered prevalence, per year (log scale)',
  },
  detection: { range: { min: 0.01, max: 1 }, what: 'registered / true cases' },
  excess_mortality: {
    range: { min: 1 },
    what: 'mortality rate ratio of people with the condition',
  },
} as const satisfies Record<string, { range: ParameterRange; what: string }>;
type PrevalenceAssumptionKind = keyof typeof PREVALENCE_ASSUMPTION_KINDS;
const PREVALENCE_KINDS = Object.keys(PREVALENCE_ASSUMPTION_KINDS) as PrevalenceAssumptionKind[];

const assumptionsSchema = z
  .object(
    Object.fromEntries([
      ...POPULATION_PARAMETERS.map((p) => [p, distributionInputSchema.optional()]),
      ...PREVALENCE_KINDS.flatMap((kind) =>
        CONDITIONS.map((c) => [
          `${kind}_${c}`,
          distributionInputSchema.optional().describe(PREVALENCE_ASSUMPTION_KINDS[kind].what),
        ]),
      ),
    ]),
  )
  .strict()
  .describe('distributions overriding the defaults of the model parameters');

/** The scenario file as written. */
export const scenarioSchema = z
  .object({
    name: z.string().min(1).optional().describe('a short name shown in outputs'),
    description: z.string().optional(),
    model: z.enum(MODELS).optional().describe('the model to run (default population)'),
    area: z
      .union([areaCode, z.array(areaCode).min(1)])
      .optional()
      .describe('area code(s), each projected separately; "all" for every local authority'),
    groups: z
      .array(
        z
          .object({
            code: z.string().min(1).optional(),
            name: z.string().min(1),
            areas: z.array(areaCode).min(1),
          })
          .strict(),
      )
      .optional()
      .describe('named groups of areas (e.g. an ICB footprint), each projected as one area'),
    base_year: z.number().int().min(BASE_YEAR_RANGE.min).max(BASE_YEAR_RANGE.max).optional(),
    horizon: z.number().int().min(HORIZON_RANGE.min).max(HORIZON_RANGE.max).optional(),
    replicates: z.number().int().min(1).max(MAX_REPLICATES).optional(),
    seed: z.number().int().min(0).max(4294967295).optional(),
    assumptions: assumptionsSchema.optional(),
    prevalence: z
      .object({
        conditions: z
          .array(z.enum(CONDITIONS))
          .min(1)
          .optional()
          .describe('QOF register codes to project (default all 21)'),
        route: z
          .enum(['auto', 'incidence'])
          .optional()
          .describe(
            'auto (default): illness-death route only where incidence is changed; incidence: for every condition',
          ),
      })
      .strict()
      .optional(),
    interventions: z
      .array(interventionSchema)
      .optional()
      .describe('prevention, case-finding and other interventions'),
    demand: demandSchema.optional(),
    capacity: z
      .union([capacitySchema, z.record(areaCode, capacitySchema)])
      .optional()
      .describe(
        'capacity of the area in the base year, or, for several areas, a map of such blocks by area code',
      ),
    levers: z
      .array(leverSchema)
      .optional()
      .describe('demand levers: avoid, shift, length of stay, capacity'),
    attribution: z
      .boolean()
      .optional()
      .describe('split each change from the base year into demography, trend and interventions'),
    plan: planSchema.optional(),
  })
  .strict();

const CAPACITY_KEYS: ReadonlySet<string> = new Set(Object.keys(capacitySchema.shape));

/** Whether a written capacity is a map of blocks by area code rather than one block. */
function isCapacityMap(
  capacity: ScenarioInput['capacity'],
): capacity is Record<string, CapacityInput> {
  return capacity !== undefined && Object.keys(capacity).some((k) => !CAPACITY_KEYS.has(k));
}

/** A scenario as written in a file. */
export type ScenarioInput = z.infer<typeof scenarioSchema>;

/** A scenario that passed validation, with defaults applied. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly model: ModelName;
  /** Area codes to project separately ('all' expanded by the caller's registry). */
  readonly areas: readonly string[];
  readonly groups: readonly {
    readonly code?: string;
    readonly name: string;
    readonly areas: readonly string[];
  }[];
  readonly baseYear: number;
  readonly horizon: number;
  readonly replicates: number;
  readonly seed: number;
  readonly assumptions: Partial<Record<PopulationParameter, Distribution>>;
  /** The prevalence model's conditions, interventions and assumptions (models after population). */
  readonly prevalence: PrevalencePlan;
  /** The demand model's observed activity, capacity (of a single area), levers and options. */
  readonly demand: DemandPlan;
  /** Capacity by area code, when the scenario states it per area (a map of blocks). */
  readonly capacityByArea?: Readonly<Record<string, AreaCapacity>>;
  /** The strategic plan's outcomes and targets. */
  readonly plan?: Plan;
}

/** A Scenario that came out of `parseScenario` (the compiler cannot make one otherwise). */
export type ValidatedScenario = Scenario & { readonly __validated__: unique symbol };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
}

/**
 * Turns zod issues into one InputError: "invalid WHAT source: path: what was expected, found …".
 * @param what - the kind of file, e.g. "scenario" or "exercise"
 */
export function issuesError(
  source: string,
  issues: readonly z.core.$ZodIssue[],
  what = 'scenario',
): InputError {
  const lines = issues.slice(0, 8).map((issue) => {
    const where = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys')
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const expected = issue.message.replace(/^Invalid input: /, '');
    const found = 'input' in issue ? `, found ${describeValue(issue.input)}` : '';
    return `${where}: ${expected}${found}`;
  });
  const more = issues.length > 8 ? `\n  … and ${issues.length - 8} more` : '';
  return new InputError(`invalid ${what} ${source}:\n  ${lines.join('\n  ')}${more}`);
}

/**
 * Validates `input` (parsed YAML or JSON) and resolves defaults and distributions.
 * @param input - the parsed file
 * @param source - where it came from, for messages
 * @throws InputError naming each invalid field, what was expected and what was found
 */
export function parseScenario(input: unknown, source = '(scenario)'): ValidatedScenario {
  const result = scenarioSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw issuesError(source, result.error.issues);
  const s = result.data;
  // The assumption keys are generated, so the parsed object is typed by hand here.
  const writtenAssumptions = (s.assumptions ?? {}) as Readonly<
    Record<string, DistributionInput | undefined>
  >;
  const assumptions: Partial<Record<PopulationParameter, Distribution>> = {};
  for (const name of POPULATION_PARAMETERS) {
    const written = writtenAssumptions[name];
    if (written === undefined) continue;
    const resolved = resolveDistribution(written, POPULATION_PARAMETER_RANGES[name]);
    if (typeof resolved === 'string')
      throw new InputError(
        `invalid scenario ${source}:\n  assumptions.${name}: ${resolved}, found ${describeValue(written)}`,
      );
    assumptions[name] = resolved;
  }
  const prevalenceAssumptions: Record<string, Partial<Record<Condition, Distribution>>> = {};
  for (const kind of PREVALENCE_KINDS) {
    const byCondition: Partial<Record<Condition, Distribution>> = {};
    for (const c of CONDITIONS) {
      const key = `${kind}_${c}`;
      const written = writtenAssumptions[key];
      if (written === undefined) continue;
      const resolved = resolveDistribution(written, PREVALENCE_ASSUMPTION_KINDS[kind].range);
      if (typeof resolved === 'string')
        throw new InputError(
          `invalid scenario ${source}:\n  assumptions.${key}: ${resolved}, found ${describeValue(written)}`,
        );
      byCondition[c] = resolved;
    }
    prevalenceAssumptions[kind] = byCondition;
  }
  const horizon = s.horizon ?? SCENARIO_DEFAULTS.horizon;
  const baseYear = s.base_year ?? SCENARIO_DEFAULTS.baseYear;
  const interventions = resolveInterventions(s.interventions ?? [], baseYear, horizon, source);
  const wantsDemand =
    s.demand !== undefined ||
    s.capacity !== undefined ||
    (s.levers ?? []).length > 0 ||
    s.attribution === true;
  const wantsPrevalence = interventions.length > 0 || s.prevalence !== undefined;
  // A plan's compulsory outcomes need the outcomes model (the last of the chain).
  const model =
    s.model ??
    (s.plan !== undefined
      ? 'outcomes'
      : wantsDemand
        ? 'demand'
        : wantsPrevalence
          ? 'prevalence'
          : SCENARIO_DEFAULTS.model);
  if (model === 'population' && (wantsPrevalence || wantsDemand))
    throw new InputError(
      `invalid scenario ${source}:\n  model: expected prevalence, demand or outcomes with prevalence, interventions, demand, capacity or levers, found "population"`,
    );
  if (model === 'prevalence' && wantsDemand)
    throw new InputError(
      `invalid scenario ${source}:\n  model: expected demand or outcomes with demand, capacity, levers or attribution, found "prevalence"`,
    );
  const capacityMap = isCapacityMap(s.capacity) ? s.capacity : undefined;
  const demand = resolveDemand(
    s.demand,
    capacityMap ? undefined : s.capacity,
    s.levers ?? [],
    baseYear,
    horizon,
    s.attribution ?? false,
    source,
  );
  const assumptionsOfPrevalence: PrevalenceAssumptions = {
    trend: prevalenceAssumptions.trend ?? {},
    detection: prevalenceAssumptions.detection ?? {},
    excessMortality: prevalenceAssumptions.excess_mortality ?? {},
  };
  const areas = s.area === undefined ? [] : Array.isArray(s.area) ? s.area : [s.area];
  if (areas.length === 0 && (s.groups ?? []).length === 0)
    throw new InputError(
      `invalid scenario ${source}:\n  area: expected an area code, a list of codes or "all" (or groups), found nothing`,
    );
  const scenario: Scenario = {
    name: s.name ?? SCENARIO_DEFAULTS.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    model,
    areas,
    groups: s.groups ?? [],
    baseYear,
    horizon,
    replicates: s.replicates ?? SCENARIO_DEFAULTS.replicates,
    seed: s.seed ?? SCENARIO_DEFAULTS.seed,
    assumptions,
    prevalence: {
      conditions: s.prevalence?.conditions ?? [...CONDITIONS],
      interventions,
      assumptions: assumptionsOfPrevalence,
      route: s.prevalence?.route ?? 'auto',
    },
    demand,
    ...(capacityMap
      ? {
          capacityByArea: Object.fromEntries(
            Object.entries(capacityMap).map(([code, block]) => [
              code,
              resolveCapacity(block, baseYear, horizon, `capacity.${code}`, source),
            ]),
          ),
        }
      : {}),
  };
  if (s.plan === undefined) return scenario as ValidatedScenario;
  const produced = new Set(
    chainMetrics(chainPayload(scenario as ValidatedScenario, { code: '', name: '', members: [] })),
  );
  return {
    ...scenario,
    plan: resolvePlan(s.plan, baseYear, horizon, produced, source),
  } as ValidatedScenario;
}

/**
 * Reads scenario text as plain data: JSON when the name ends in .json, YAML otherwise.
 * @throws InputError on a syntax error, naming the file and the position
 */
export function readScenarioText(text: string, source: string): Record<string, unknown> {
  const json = source.toLowerCase().endsWith('.json');
  let input: unknown;
  try {
    input = json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail =
      error instanceof YAMLParseError
        ? (error.message.split('\n')[0] ?? '')
        : error instanceof Error
          ? error.message
          : String(error);
    throw new InputError(
      `invalid scenario ${source}: not valid ${json ? 'JSON' : 'YAML'}: ${detail}`,
    );
  }
  if (input === null || input === undefined) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new InputError(
      `invalid scenario ${source}: expected a mapping of fields (name, area, …), found ${describeValue(input)}`,
    );
  return input as Record<string, unknown>;
}

/** Parses and validates scenario text (see `readScenarioText` and `parseScenario`). */
export function parseScenarioText(text: string, source: string): ValidatedScenario {
  return parseScenario(readScenarioText(text, source), source);
}

/** The JSON Schema of scenario files, for editors. */
export function scenarioJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'wcc scenario',
  };
}
