/**
 * The registry of metrics: the single place where each metric a run can produce is named, with
 * its unit, a one-line description and the model that makes it. `wcc metrics` prints it; the
 * command line's help, the summaries and the results file read it, and a run refuses to write a
 * metric that is not in it.
 */
import { InputError } from '../../engine/errors.js';
import { CONDITIONS } from '../prevalence/types.js';
import { SETTINGS, type Setting } from '../demand/types.js';
import { INDICATOR_NEL_PER_1000, OUTCOME_METRICS } from '../outcomes/metrics.js';

/** The models of the chain, in the order they build (each runs the ones before it). */
export const MODELS = ['population', 'prevalence', 'demand', 'outcomes'] as const;
export type ModelName = (typeof MODELS)[number];

/** Units of metrics (money is at NHS National Cost Collection 2023/24 prices). */
export type MetricUnit =
  | 'persons'
  | 'registered patients'
  | '% of list'
  | 'appointments'
  | 'attendances'
  | 'procedures'
  | 'admissions'
  | 'bed days'
  | 'contacts'
  | '£ 2023/24'
  | 'beds'
  | 'sessions'
  | 'WTE'
  | 'probability'
  | 'years'
  | 'deaths'
  | 'life-years'
  | 'per 100,000 (ESP2013)'
  | 'per 1,000 residents'
  | 'share';

/** One registered metric. */
export interface MetricInfo {
  readonly name: string;
  readonly unit: MetricUnit;
  readonly description: string;
  readonly model: ModelName;
  /** The family it belongs to, e.g. `register_<C>` (the name itself when it stands alone). */
  readonly family: string;
}

/** A family of metrics that share a pattern, e.g. `register_<C>` for each QOF register. */
export interface MetricFamily {
  readonly pattern: string;
  readonly model: ModelName;
  readonly unit: MetricUnit | 'as the metric changed';
  readonly description: string;
  readonly members: readonly MetricInfo[];
}

/** Activity units of the care settings. */
export const SETTING_UNITS: Readonly<Record<Setting, MetricUnit>> = {
  gp_appointments: 'appointments',
  op_first: 'attendances',
  op_followup: 'attendances',
  op_procedures: 'procedures',
  el_admissions: 'admissions',
  daycase_admissions: 'admissions',
  nel_admissions: 'admissions',
  nel_bed_days: 'bed days',
  el_bed_days: 'bed days',
  ae_attendances: 'attendances',
  community_contacts: 'contacts',
  mh_contacts: 'contacts',
};

const SETTING_NAMES: Readonly<Record<Setting, string>> = {
  gp_appointments: 'GP practice appointments',
  op_first: 'first outpatient attendances',
  op_followup: 'follow-up outpatient attendances',
  op_procedures: 'outpatient procedures',
  el_admissions: 'elective (ordinary) admission spells',
  daycase_admissions: 'day-case admission spells',
  nel_admissions: 'non-elective (emergency) admission spells',
  nel_bed_days: 'bed days of non-elective admissions',
  el_bed_days: 'bed days of elective admissions',
  ae_attendances: 'A&E attendances',
  community_contacts: 'community health service contacts',
  mh_contacts: 'mental-health service contacts',
};

/** Capacity resources: metric stem, unit and what it counts. */
export const RESOURCE_METRICS = [
  { resource: 'beds', required: 'beds_required', unit: 'beds', what: 'general and acute beds' },
  {
    resource: 'theatre_sessions',
    required: 'theatre_sessions_required',
    unit: 'sessions',
    what: 'theatre sessions a year',
  },
  {
    resource: 'clinic_sessions',
    required: 'clinic_sessions_required',
    unit: 'sessions',
    what: 'outpatient clinic sessions a year',
  },
  {
    resource: 'gp_wte',
    required: 'gp_wte_required',
    unit: 'WTE',
    what: 'GP whole-time equivalents',
  },
] as const satisfies readonly {
  resource: string;
  required: string;
  unit: MetricUnit;
  what: string;
}[];

/** Metrics whose change from the base year attribution splits into parts. */
export const ATTRIBUTED_METRICS: readonly string[] = [...SETTINGS, 'cost_services', 'cost_net'];
/** The parts of an attributed change, in output order. */
export const ATTRIBUTION_PARTS = ['demography', 'trend', 'interventions'] as const;

function single(
  name: string,
  model: ModelName,
  unit: MetricUnit,
  description: string,
): MetricFamily {
  return {
    pattern: name,
    model,
    unit,
    description,
    members: [{ name, unit, description, model, family: name }],
  };
}

function family(
  pattern: string,
  model: ModelName,
  unit: MetricFamily['unit'],
  description: string,
  members: readonly { name: string; unit: MetricUnit; description: string }[],
): MetricFamily {
  return {
    pattern,
    model,
    unit,
    description,
    members: members.map((m) => ({ ...m, model, family: pattern })),
  };
}

const perCondition = (
  pattern: string,
  unit: MetricUnit,
  description: string,
  describe: (c: string) => string,
): MetricFamily =>
  family(
    pattern,
    'prevalence',
    unit,
    description,
    CONDITIONS.map((c) => ({ name: pattern.replace('<C>', c), unit, description: describe(c) })),
  );

function buildFamilies(): MetricFamily[] {
  const families: MetricFamily[] = [
    single('population_total', 'population', 'persons', 'resident population at mid-year'),
    single('population_male', 'population', 'persons', 'resident males at mid-year'),
    single('population_female', 'population', 'persons', 'resident females at mid-year'),
    single('population_0_15', 'population', 'persons', 'residents aged 0-15 at mid-year'),
    single('population_16_64', 'population', 'persons', 'residents aged 16-64 at mid-year'),
    single('population_65_84', 'population', 'persons', 'residents aged 65-84 at mid-year'),
    single('population_85_plus', 'population', 'persons', 'residents aged 85 and over at mid-year'),
    single('births', 'population', 'persons', 'live births over the year to mid-year'),
    single('deaths', 'population', 'persons', 'deaths over the year to mid-year'),
    single(
      'net_migration',
      'population',
      'persons',
      'net migration (in − out) over the year to mid-year',
    ),
    perCondition(
      'register_<C>',
      'registered patients',
      'patients on the QOF register <C>',
      (c) => `patients on the QOF ${c} register`,
    ),
    perCondition(
      'prevalence_<C>',
      '% of list',
      'registered prevalence of <C>, % of the eligible list',
      (c) => `registered prevalence of ${c}, % of the eligible list`,
    ),
    perCondition(
      'true_cases_<C>',
      'persons',
      'estimated true cases of <C> (register / detection ratio)',
      (c) => `estimated true cases of ${c}, diagnosed or not (register / detection ratio)`,
    ),
    perCondition(
      'cases_avoided_<C>',
      'persons',
      'prevalent cases of <C> avoided by prevention, against no intervention',
      (c) => `prevalent ${c} cases avoided by prevention, against no intervention`,
    ),
    perCondition(
      'extra_registered_<C>',
      'registered patients',
      'patients added to the <C> register by case-finding',
      (c) => `patients added to the ${c} register by case-finding`,
    ),
    single(
      'intervention_cost',
      'prevalence',
      '£ 2023/24',
      'cost of the scenario’s prevalence interventions in the year',
    ),
    family(
      '<setting>',
      'demand',
      'as the metric changed',
      'activity in the year by care setting (units by setting)',
      SETTINGS.map((s) => ({
        name: s,
        unit: SETTING_UNITS[s],
        description: `${SETTING_NAMES[s]} in the year`,
      })),
    ),
    family(
      'cost_<setting>',
      'demand',
      '£ 2023/24',
      'cost of the activity of a care setting in the year',
      SETTINGS.map((s) => ({
        name: `cost_${s}`,
        unit: '£ 2023/24' as const,
        description: `cost of ${SETTING_NAMES[s]} in the year`,
      })),
    ),
    single(
      'cost_extra_medicines',
      'demand',
      '£ 2023/24',
      'medicines cost of registered cases beyond what ageing implies (part of cost_services)',
    ),
    single(
      'cost_services',
      'demand',
      '£ 2023/24',
      'cost of all activity in the year (services only, the sum of cost_<setting>)',
    ),
    single(
      'cost_programmes',
      'demand',
      '£ 2023/24',
      'cost of the scenario’s programmes in the year (intervention_cost + lever_cost)',
    ),
    single(
      'cost_net',
      'demand',
      '£ 2023/24',
      'cost of services and programmes together (cost_services + cost_programmes)',
    ),
    single('lever_cost', 'demand', '£ 2023/24', 'cost of the scenario’s demand levers in the year'),
    family(
      '<resource>_required',
      'demand',
      'as the metric changed',
      'capacity the year’s activity needs at the planning norms',
      RESOURCE_METRICS.map((r) => ({
        name: r.required,
        unit: r.unit,
        description: `${r.what} needed for the year’s activity`,
      })),
    ),
    family(
      'capacity_<resource>',
      'demand',
      'as the metric changed',
      'capacity available as the scenario states it',
      RESOURCE_METRICS.map((r) => ({
        name: `capacity_${r.resource}`,
        unit: r.unit,
        description: `${r.what} available (stated capacity and capacity levers)`,
      })),
    ),
    family(
      'shortfall_<resource>',
      'demand',
      'as the metric changed',
      'required − available capacity (negative: spare)',
      RESOURCE_METRICS.map((r) => ({
        name: `shortfall_${r.resource}`,
        unit: r.unit,
        description: `${r.what}: required − available (negative: spare)`,
      })),
    ),
    family(
      'p_shortfall_<resource>',
      'demand',
      'probability',
      'probability that required capacity exceeds what is available',
      RESOURCE_METRICS.map((r) => ({
        name: `p_shortfall_${r.resource}`,
        unit: 'probability' as const,
        description: `probability that the ${r.what} required exceed those available`,
      })),
    ),
  ];
  for (const m of OUTCOME_METRICS)
    families.push(single(m.name, 'outcomes', m.unit as MetricUnit, m.description));
  families.push(
    single(
      INDICATOR_NEL_PER_1000,
      'outcomes',
      'per 1,000 residents',
      'emergency (non-elective) admissions in the year per 1,000 residents at mid-year',
    ),
    family(
      'detection_rate_<C>',
      'outcomes',
      'share',
      'detection rate of <C>: registered patients / estimated true cases (conditions with a known detection ratio)',
      CONDITIONS.map((c) => ({
        name: `detection_rate_${c}`,
        unit: 'share' as const,
        description: `detection rate of ${c}: patients on the register / estimated true cases`,
      })),
    ),
  );
  const unitOf = new Map(families.flatMap((f) => f.members.map((m) => [m.name, m.unit])));
  families.push(
    family(
      'change_<metric>_<part>',
      'demand',
      'as the metric changed',
      'change from the base year split into demography, prevalence trend and interventions',
      ATTRIBUTED_METRICS.flatMap((m) =>
        ATTRIBUTION_PARTS.map((part) => ({
          name: `change_${m}_${part}`,
          unit: unitOf.get(m) ?? 'persons',
          description: `change of ${m} since the base year due to ${part === 'trend' ? 'prevalence trends' : part}`,
        })),
      ),
    ),
  );
  return families;
}

/** Every family of metrics, in output order. */
export const METRIC_FAMILIES: readonly MetricFamily[] = buildFamilies();

/** Every registered metric by name. */
export const METRICS: ReadonlyMap<string, MetricInfo> = new Map(
  METRIC_FAMILIES.flatMap((f) => f.members.map((m) => [m.name, m] as const)),
);

/**
 * Families whose metric, when a run does not produce it, is 0 by its meaning (no programme
 * costs nothing; no prevention avoids no cases). Others (capacity, shortfalls, attribution) have
 * no value at all when absent.
 */
const ZERO_WHEN_ABSENT: ReadonlySet<string> = new Set([
  'cases_avoided_<C>',
  'extra_registered_<C>',
  'intervention_cost',
  'lever_cost',
  'cost_programmes',
]);

/** Whether `name`, absent from a run, means 0 there (see ZERO_WHEN_ABSENT). */
export function zeroWhenAbsent(name: string): boolean {
  const info = METRICS.get(name);
  return info !== undefined && ZERO_WHEN_ABSENT.has(info.family);
}

/** The registered metric `name`; an error naming it when it is not registered. */
export function metricInfo(name: string): MetricInfo {
  const info = METRICS.get(name);
  if (!info) throw new Error(`metric "${name}" is not in the metric registry`);
  return info;
}

/** Throws when any of `names` is not registered (a model that writes an unnamed metric is a defect). */
export function assertRegistered(names: Iterable<string>): void {
  for (const name of names) metricInfo(name);
}

/**
 * A filter of metric names from `--metrics`: each item matches a metric exactly, or as a prefix
 * when it ends with `*` (e.g. `cost_*`). An item that matches no metric of `available` is an
 * input error naming it.
 */
export function metricFilter(
  option: string,
  items: readonly string[],
  available: readonly string[],
): (metric: string) => boolean {
  const matches = (item: string, metric: string): boolean =>
    item.endsWith('*') ? metric.startsWith(item.slice(0, -1)) : metric === item;
  const none = items.filter((item) => !available.some((m) => matches(item, m)));
  const first = none[0];
  if (first !== undefined) {
    // By sex: name the run's metrics by sex; otherwise say whether the name exists at all.
    const bySex = /_(male|female)$/.test(first)
      ? ` (by sex: ${available.filter((m) => /_(male|female)$/.test(m)).join(', ') || 'none'})`
      : METRICS.has(first) || first.endsWith('*')
        ? ' (that one is registered, but this run does not produce it)'
        : ' (`wcc metrics` lists the registered metrics)';
    throw new InputError(
      `option ${option}: expected a metric this run produces${bySex}, found ${none.map((n) => `"${n}"`).join(', ')}`,
    );
  }
  return (metric) => items.some((item) => matches(item, metric));
}
