/**
 * Sets an exercise up from its file: resolves the region to local authorities, builds each
 * area's scenario (the shared plan template, its own file's fields over the template's, or its
 * baseline) with the exercise's years, replicates and seed, and, where no plan is given, the
 * compulsory outcomes (male life expectancy at birth and its slope index of inequality) as
 * targets at England's base-year values computed by the model.
 */
import { describeValue, InputError } from '../../engine/errors.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry, ENGLAND, lookupArea, membersOf } from '../areas/registry.js';
import { metricInfo, RESOURCE_METRICS } from '../registry/metrics.js';
import { runScenario } from '../run-scenario.js';
import { parseScenario, SCENARIO_DEFAULTS } from '../scenario/schema.js';
import { anchorKindOf } from './anchor.js';
import { PLAN_FIELDS, type ExerciseInput } from './schema.js';
import type { ExerciseArea, ExerciseSetup } from './state.js';

/** The outcomes of the default plan: the compulsory pair, with direction and label. */
export const DEFAULT_OUTCOMES = [
  { metric: 'le_birth_male', name: 'life expectancy at birth, males', better: 'higher' },
  { metric: 'sii_le_male', name: 'inequality in life expectancy (SII), males', better: 'lower' },
] as const;

/** Metrics every exercise anchors besides its plan outcomes: cost, and the funnel's counts. */
const ALWAYS_ANCHORED = ['cost_net', 'population_total', 'nel_admissions'] as const;

/**
 * England's base-year value of each default outcome, computed by the model (one replicate: the
 * base year is the data, the same in every replicate).
 */
export async function englandValues(
  baseYear: number,
  seed: number,
): Promise<Record<string, number>> {
  const scenario = parseScenario(
    {
      name: 'England',
      model: 'outcomes',
      area: ENGLAND,
      base_year: baseYear,
      horizon: 1,
      replicates: 1,
      seed,
    },
    'England',
  );
  const result = await runScenario(scenario, { threads: 0 });
  const area = result.summaries[0];
  const out: Record<string, number> = {};
  for (const o of DEFAULT_OUTCOMES) {
    const c = area?.cells.findIndex((x) => x.metric === o.metric && x.year === baseYear) ?? -1;
    out[o.metric] = area?.summary.stats[0]?.[c] ?? NaN;
  }
  return out;
}

/** The local authorities of `region` (a code or a list of codes), each once, in order. */
export function exerciseAreas(region: ExerciseInput['region']): { code: string; name: string }[] {
  const registry = areaRegistry(loadReferenceData());
  const codes = Array.isArray(region) ? region : [region];
  const out: { code: string; name: string }[] = [];
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const record = lookupArea(registry, code, Array.isArray(region) ? `region[${i}]` : 'region');
    for (const member of membersOf(registry, record)) {
      if (seen.has(member)) continue;
      seen.add(member);
      out.push({ code: member, name: registry.byCode.get(member)?.name ?? member });
    }
  });
  return out;
}

/** The plan fields of a scenario file or template (the exercise sets everything else). */
function planFields(
  input: Readonly<Record<string, unknown>>,
  where: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if ((PLAN_FIELDS as readonly string[]).includes(key)) out[key] = value;
    else if (!['name', 'area', 'model', 'base_year', 'horizon', 'replicates', 'seed'].includes(key))
      throw new InputError(
        `${where}: expected scenario fields of a plan (${PLAN_FIELDS.join(', ')}), found ${describeValue(key)}`,
      );
  }
  return out;
}

/**
 * Builds an exercise from its validated file.
 * @param input - the exercise file
 * @param source - its name, for messages
 * @param planFiles - the scenario files of `plans`, read, by area code
 * @param england - England's base-year values of the default outcomes (`englandValues`)
 * @throws InputError on an unknown area, a plan for an area outside the exercise, or a scenario
 *   that does not validate
 */
export function setupExercise(
  input: ExerciseInput,
  source: string,
  planFiles: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  england: Readonly<Record<string, number>>,
): ExerciseSetup {
  const baseYear = input.base_year ?? SCENARIO_DEFAULTS.baseYear;
  const members = exerciseAreas(input.region);
  const codes = new Set(members.map((m) => m.code));
  for (const code of Object.keys(input.plans ?? {}))
    if (!codes.has(code))
      throw new InputError(
        `invalid exercise ${source}:\n  plans.${code}: expected an area of the exercise (${[...codes].slice(0, 6).join(', ')}${codes.size > 6 ? ', …' : ''}), found ${describeValue(code)}`,
      );
  const template = planFields(input.plan ?? {}, `invalid exercise ${source}:\n  plan`);
  const defaultPlan = {
    outcomes: DEFAULT_OUTCOMES.map((o) => ({
      metric: o.metric,
      name: o.name,
      target: england[o.metric],
      year: baseYear + input.horizon,
      better: o.better,
    })),
  };
  const anchored = new Set<string>(ALWAYS_ANCHORED);
  const areas = members.map(({ code, name }): ExerciseArea => {
    const file = planFiles[code];
    // An area's own file sets its own numbers over the template's, field by field.
    const own = file
      ? { ...template, ...planFields(file, `plan file of ${code} (${input.plans?.[code] ?? ''})`) }
      : template;
    const scenario = {
      name: `${input.name}: ${name}`,
      model: 'outcomes',
      area: code,
      base_year: baseYear,
      horizon: input.horizon,
      replicates: input.replicates,
      seed: input.seed,
      ...own,
      ...(own.plan === undefined ? { plan: defaultPlan } : {}),
    };
    const validated = parseScenario(scenario, `${source} (area ${code})`);
    for (const o of validated.plan?.outcomes ?? []) {
      anchored.add(o.numerator);
      if (o.denominator !== undefined) anchored.add(o.denominator);
    }
    const capacity = validated.capacityByArea?.[code]?.capacity ?? validated.demand.capacity;
    for (const r of RESOURCE_METRICS)
      if (capacity[r.resource] !== undefined) {
        anchored.add(r.required);
        anchored.add(`capacity_${r.resource}`);
      }
    return { code, name, scenario };
  });
  return {
    name: input.name,
    region: input.region,
    baseYear,
    horizon: input.horizon,
    replicates: input.replicates,
    seed: input.seed,
    areas,
    anchored: [...anchored].map((metric) => ({
      metric,
      kind: anchorKindOf(metricInfo(metric).unit),
    })),
  };
}
