/**
 * The scenario file (YAML or JSON), validated once at the boundary. `parseScenario` returns a
 * resolved scenario with every default applied (the caller's input is never changed); all code
 * after it trusts its input. A JSON Schema for editors is generated from the same definition
 * (`scenarioJsonSchema`, published as schema/scenario.schema.json).
 */
import { z } from 'zod';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, describeValue } from '../../engine/errors.js';
import type { Distribution } from '../../engine/rng/distributions.js';
import { POPULATION_PARAMETERS, type PopulationParameter } from '../population/model.js';
import {
  distributionInputSchema,
  resolveDistribution,
  type ParameterRange,
} from './distribution-schema.js';

/** Base years the embedded population estimates support (one year of history needed). */
export const BASE_YEAR_RANGE = { min: 2002, max: 2020 } as const;
/** Projection horizons allowed, years. */
export const HORIZON_RANGE = { min: 1, max: 25 } as const;
/** The most replicates one run may ask for. */
export const MAX_REPLICATES = 1_000_000;
/** Defaults of a scenario. */
export const SCENARIO_DEFAULTS = {
  name: 'scenario',
  model: 'population',
  baseYear: 2020,
  horizon: 5,
  replicates: 1000,
  seed: 1,
} as const;

/** The models a scenario may run. */
export const MODELS = ['population'] as const;
export type ModelName = (typeof MODELS)[number];

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

const assumptionsSchema = z
  .object(
    Object.fromEntries(POPULATION_PARAMETERS.map((p) => [p, distributionInputSchema.optional()])),
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
  })
  .strict();

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
}

/** A Scenario that came out of `parseScenario` (the compiler cannot make one otherwise). */
export type ValidatedScenario = Scenario & { readonly __validated__: unique symbol };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
}

/** Turns zod issues into one InputError: "source: path: what was expected, found …". */
function issuesError(source: string, issues: readonly z.core.$ZodIssue[]): InputError {
  const lines = issues.slice(0, 8).map((issue) => {
    const where = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys')
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const expected = issue.message.replace(/^Invalid input: /, '');
    const found = 'input' in issue ? `, found ${describeValue(issue.input)}` : '';
    return `${where}: ${expected}${found}`;
  });
  const more = issues.length > 8 ? `\n  … and ${issues.length - 8} more` : '';
  return new InputError(`invalid scenario ${source}:\n  ${lines.join('\n  ')}${more}`);
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
  const assumptions: Partial<Record<PopulationParameter, Distribution>> = {};
  for (const name of POPULATION_PARAMETERS) {
    const written = s.assumptions?.[name];
    if (written === undefined) continue;
    const resolved = resolveDistribution(written, POPULATION_PARAMETER_RANGES[name]);
    if (typeof resolved === 'string')
      throw new InputError(
        `invalid scenario ${source}:\n  assumptions.${name}: ${resolved}, found ${describeValue(written)}`,
      );
    assumptions[name] = resolved;
  }
  const areas = s.area === undefined ? [] : Array.isArray(s.area) ? s.area : [s.area];
  if (areas.length === 0 && (s.groups ?? []).length === 0)
    throw new InputError(
      `invalid scenario ${source}:\n  area: expected an area code, a list of codes or "all" (or groups), found nothing`,
    );
  const scenario: Scenario = {
    name: s.name ?? SCENARIO_DEFAULTS.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    model: s.model ?? SCENARIO_DEFAULTS.model,
    areas,
    groups: s.groups ?? [],
    baseYear: s.base_year ?? SCENARIO_DEFAULTS.baseYear,
    horizon: s.horizon ?? SCENARIO_DEFAULTS.horizon,
    replicates: s.replicates ?? SCENARIO_DEFAULTS.replicates,
    seed: s.seed ?? SCENARIO_DEFAULTS.seed,
    assumptions,
  };
  return scenario as ValidatedScenario;
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
