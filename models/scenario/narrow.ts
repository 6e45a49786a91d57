/**
 * What command-line overrides leave of a scenario as written: `--model` drops the fields of
 * the models after it (with a note each), and `--area` retargets a plan to other areas, which
 * only a plan without numbers of its own area can be.
 */
import { InputError } from '../../engine/errors.js';

/** Fields that belong to each model after population, in the order the models build. */
const LATER_MODEL_FIELDS = {
  prevalence: ['prevalence', 'interventions'],
  demand: ['demand', 'capacity', 'levers', 'attribution'],
  // A plan's compulsory outcomes (life expectancy, inequality) need the outcomes model.
  outcomes: ['plan'],
} as const;

/**
 * Narrows a scenario to the model `--model` asks for, returning it with a note for each part
 * dropped (the fields of later models).
 */
export function narrowToModel(
  scenario: Readonly<Record<string, unknown>>,
  model: string | undefined,
): { scenario: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  let kept: Record<string, unknown> = { ...scenario };
  const drop = (fields: readonly string[], why: string): void => {
    const present = fields.filter((f) => kept[f] !== undefined);
    kept = Object.fromEntries(Object.entries(kept).filter(([key]) => !present.includes(key)));
    if (present.length > 0) notes.push(`${why}: ignoring the scenario's ${present.join(', ')}`);
  };
  if (model === 'population')
    drop(
      [
        ...LATER_MODEL_FIELDS.prevalence,
        ...LATER_MODEL_FIELDS.demand,
        ...LATER_MODEL_FIELDS.outcomes,
      ],
      '--model population',
    );
  if (model === 'prevalence')
    drop([...LATER_MODEL_FIELDS.demand, ...LATER_MODEL_FIELDS.outcomes], '--model prevalence');
  if (model === 'demand') drop(LATER_MODEL_FIELDS.outcomes, '--model demand');
  return { scenario: kept, notes };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields of a scenario that tie it to its own area: numbers that only make sense there
 * (capacity, observed activity, capacity levers' units, programme budgets in £).
 */
export function areaSpecificFields(scenario: Readonly<Record<string, unknown>>): string[] {
  const fields: string[] = [];
  if (scenario.capacity !== undefined) fields.push('capacity');
  if (scenario.plan !== undefined) fields.push('plan (its targets are the area’s own)');
  const demand = scenario.demand;
  if (isRecord(demand) && demand.observed !== undefined) fields.push('demand.observed');
  const list = (key: string): unknown[] =>
    Array.isArray(scenario[key]) ? (scenario[key] as unknown[]) : [];
  list('interventions').forEach((item, i) => {
    if (isRecord(item) && item.cost_per_year !== undefined)
      fields.push(`interventions[${i}].cost_per_year`);
  });
  list('levers').forEach((item, i) => {
    if (!isRecord(item)) return;
    if (item.kind === 'capacity') fields.push(`levers[${i}] (a capacity lever adds units)`);
    if (item.cost_per_year !== undefined) fields.push(`levers[${i}].cost_per_year`);
  });
  return fields;
}

/**
 * The scenario retargeted to `area` (the `--area` option's value): its areas and groups
 * replaced. A plan whose numbers belong to its own area cannot be moved to another.
 * @throws InputError naming the fields that tie the plan to its area
 */
export function retargetScenario(
  scenario: Readonly<Record<string, unknown>>,
  area: string | string[],
  source: string,
): Record<string, unknown> {
  const tied = areaSpecificFields(scenario);
  if (tied.length > 0)
    throw new InputError(
      `--area: the plan in ${source} is tied to its own area by ${tied.join(', ')}; ` +
        'run it as written, remove those fields, or run another area without a file (its baseline)',
    );
  const kept = Object.fromEntries(Object.entries(scenario).filter(([key]) => key !== 'groups'));
  return { ...kept, area };
}
