/**
 * Builds the demand model's reference data (`data/built/demand.json`, a `DemandReference`) from
 * the raw files: national activity rates by care setting, single year of age and IMD quintile
 * (the Asaria NHS spend profiles scaled to the 2023/24 National Cost Collection), the NCC
 * mapping behind each setting's total and unit cost, each area's IMD quintile mix, the excess
 * activity per registered case of some conditions, and capacity norms. Every default is a
 * distribution with its source; every number comes from a raw file or a named constant below.
 */
import { distributionMean, type Distribution } from '../engine/rng/distributions.js';
import type { SourcedParameter } from '../models/prevalence/types.js';
import {
  QUINTILES,
  SETTINGS,
  type CapacityNorms,
  type ConditionUse,
  type DemandReference,
  type PublishedTotal,
  type TreatmentCost,
  type ServiceMapping,
  type Setting,
  type SettingReference,
} from '../models/demand/types.js';
import { buildPopulation } from './build-population.js';
import { successorOf } from './code-changes.js';
import { AGES, isEnglishLad, num, readCsv, type Row } from './raw-csv.js';

/** Version of the demand.json layout. */
const DEMAND_VERSION = 1;
/** Oldest single year of the Asaria tables: their age 85 is the open group 85+. */
const SOURCE_OPEN_AGE = 85;
/** The ONS mid-year population the rates are scaled against (the engine's latest estimates). */
const SCALING_YEAR = 2020;
/** Adults, for rates per adult person-year. */
const ADULT_AGE = 18;
/** Significant digits kept for every number in the built file (deterministic bytes). */
const DIGITS = 12;

/** Relative half-width of the unit-cost range around the NCC activity-weighted mean (±10 %). */
const UNIT_COST_SPREAD = 0.1;

/**
 * PSSRU Unit Costs of Health and Social Care 2013, as reported by ITV News (22 May 2014) and
 * makes-you-think.blogspot.com: an 11.7-minute GP surgery consultation £45, a 15-minute practice
 * nurse appointment £13 (2013/14 prices). General practice appointments are not in the NCC.
 */
const PSSRU_2013_GP_CONSULTATION = 45;
const PSSRU_2013_NURSE_APPOINTMENT = 13;
/**
 * Uplift of the 2013/14 GP unit costs to 2023/24 prices: not in our data, so a wide PERT from
 * 0 % to 60 % with mode 30 % (NHS pay and prices rose by roughly a third over the decade).
 */
const GP_COST_UPLIFT = { min: 1, mode: 1.3, max: 1.6 } as const;
/**
 * Fully qualified GPs in England, full-time equivalent (37.5 h/week), October 2023: 27,368
 * (36,826 headcount). NHS Digital General Practice Workforce, as analysed by the BMA,
 * "Pressures in general practice data analysis" (updated 30 November 2023),
 * https://www.bma.org.uk/advice-and-support/nhs-delivery-and-workforce/pressures/pressures-in-general-practice-data-analysis
 */
const GP_FTE_OCT_2023 = 27368;
/** Relative range of the GP appointments per GP FTE norm (trainees, locums, vaccinations). */
const GP_NORM_RANGE = { min: 0.75, max: 1.25 } as const;

/**
 * COPD and asthma hospital admissions, England and Wales, 2020 (HES and PEDW): 383,652, of which
 * COPD with acute lower respiratory infection 38.7 % and acute exacerbation of COPD 25.5 %.
 * Trends in hospital admissions and prescribing due to COPD and asthma in England and Wales
 * between 1999 and 2020: an ecological study, BMC Pulmonary Medicine 2023 (summaries:
 * pulmonologyadvisor.com and hospitalhealthcare.com, 19 Feb 2023).
 */
const COPD_ASTHMA_ADMISSIONS_EW_2020 = 383652;
const COPD_SHARE_OF_THOSE = 0.387 + 0.255;

/** Cases per theatre session on general (non-cataract) lists: judgement values, see source. */
const THEATRE_CASES_MIN = 2;
const THEATRE_CASES_MODE = 4;
/** Relative range of the outpatient attendances per clinic session norm (informal source). */
const CLINIC_RANGE = { min: 0.5, max: 1.5 } as const;
/** Relative range of condition excess-use estimates built from one published figure. */
const ROUGH_RANGE = { min: 0.5, max: 1.5 } as const;

const NCC = 'nhs-national-cost-collection-2023-24/ncc_2023_24.csv';
const NCC_CITE = 'NHS England National Cost Collection 2023/24 (ncc_2023_24.csv)';
const ASARIA = 'nhs-spend-by-age-sex-imd-asaria/nhs_spend_components_by_age_sex_imdq_long.csv';
const ASARIA_CITE =
  'Asaria, NHS spend by age, sex and IMD quintile (PSSRU Unit Costs 2017; nhs_spend_components_by_age_sex_imdq_long.csv)';
const LIT = 'literature-parameters/parameters.csv';
const PUB = 'nhs-published-activity-totals/parameters.csv';
/** Months in a year: a single month's published count × 12 is its annual rate. */
const MONTHS = 12;
/** Days in a year, for occupied beds → bed days and bed days → beds. */
const DAYS = 365;

/** Rounds every number of a JSON value to `DIGITS` significant digits. */
function roundReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? Number(value.toPrecision(DIGITS)) : value;
}

/** 1234567.8 → "1,234,568" (locale-independent). */
function thousands(x: number): string {
  return Math.round(x)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** x to `d` significant digits, for source texts. */
function sig(x: number, d = 3): string {
  return Number(x.toPrecision(d)).toString();
}

function pert(mode: number, min: number, max: number): Distribution {
  return { dist: 'pert', min, mode, max };
}

// ---------------------------------------------------------------------------------------------
// Age-deprivation profiles (Asaria)

/** The source profiles: a measure (count or £ total) per person, by quintile and age 0 … 85+. */
const PROFILES = {
  gp: { measure: 'GP_visits', year: '2014', label: 'GP visits per person (2014/15)' },
  opAppointments: {
    measure: 'outpatient_appointments',
    year: '2011',
    label: 'outpatient appointments per person (2011/12, the only year with counts)',
  },
  ipCost: {
    measure: 'inpatient_total',
    year: '2014',
    label: 'inpatient (HES admitted patient care) spend per person (2014/15)',
  },
  opCost: {
    measure: 'outpatient_total',
    year: '2014',
    label: 'outpatient spend per person (2014/15)',
  },
} as const;
type ProfileId = keyof typeof PROFILES;

/** Profile values `[q·86 + a]`, a = 0 … 85 (85+): Σ over sexes of the measure / Σ of population. */
function readProfiles(root: string): Record<ProfileId, Float64Array> {
  const n = QUINTILES * (SOURCE_OPEN_AGE + 1);
  const sums = new Map<string, Float64Array>();
  for (const row of readCsv(root, ASARIA)) {
    const key = `${row.measure ?? ''}|${row.year ?? ''}`;
    let acc = sums.get(key);
    if (!acc) {
      acc = new Float64Array(n);
      sums.set(key, acc);
    }
    const q = num(row, 'imd_quintile', 'Asaria') - 1;
    const i = q * (SOURCE_OPEN_AGE + 1) + num(row, 'age', 'Asaria');
    acc[i] = (acc[i] ?? 0) + num(row, 'value', `Asaria ${key}`);
  }
  const out = {} as Record<ProfileId, Float64Array>;
  for (const id of Object.keys(PROFILES) as ProfileId[]) {
    const { measure, year } = PROFILES[id];
    const top = sums.get(`${measure}|${year}`);
    const pop = sums.get(`population|${year}`);
    if (!top || !pop) throw new Error(`demand: Asaria ${measure} ${year} not found`);
    out[id] = top.map((v, i) => v / (pop[i] ?? NaN));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// National Cost Collection mapping

/** The setting of one NCC row, or null when it fits none (the row is then left out). */
function settingOf(service: string, currency: string, description: string): Setting | null {
  switch (service) {
    case 'Consultant Led':
    case 'Non Consultant Led':
      // WF01/WF02: non-admitted attendances, first or follow-up by the currency description.
      if (currency.startsWith('WF0')) {
        if (description.includes('Follow-up')) return 'op_followup';
        if (description.includes('First')) return 'op_first';
      }
      // N*: community midwife, health visitor and specialist nursing contacts.
      return currency.startsWith('N') ? 'community_contacts' : null;
    case 'Outpatient Procedures':
      return 'op_procedures';
    case 'Elective Inpatients':
      return 'el_admissions';
    case 'Daycase':
      return 'daycase_admissions';
    case 'Non-Elective Inpatient - Long Stay':
    case 'Non-Elective Inpatient - Short Stay':
      return 'nel_admissions';
    case 'Emergency Care':
      return 'ae_attendances';
    case 'Community Health Service':
      // WCE*: wheelchair equipment items, not contacts.
      return currency.startsWith('WCE') ? null : 'community_contacts';
    case 'Mental Health Care Contact':
    case 'NHS Talking Therapy Care Contact':
      return 'mh_contacts';
    default:
      return null;
  }
}

interface NccRead {
  readonly mapping: ServiceMapping[];
  /** Activity by NCC Service Code (all rows, mapped or not). */
  readonly byService: Map<string, number>;
}

function readNcc(root: string): NccRead {
  const mapping: ServiceMapping[] = [];
  const byService = new Map<string, number>();
  for (const row of readCsv(root, NCC)) {
    const serviceCode = row['Service Code'] ?? '';
    const currency = row['Dept or Currency Code'] ?? '';
    const description = row['Dept or Currency Desc'] ?? '';
    const activity = num(row, 'Activity', `NCC ${currency}`);
    byService.set(serviceCode, (byService.get(serviceCode) ?? 0) + activity);
    const setting = settingOf(serviceCode, currency, description);
    if (setting === null) continue;
    const unitCost = num(row, 'Unit cost', `NCC ${currency}`);
    mapping.push({ serviceCode, currency, description, setting, activity, unitCost });
  }
  const order = (s: Setting): number => SETTINGS.indexOf(s);
  mapping.sort(
    (a, b) =>
      order(a.setting) - order(b.setting) ||
      a.serviceCode.localeCompare(b.serviceCode) ||
      a.currency.localeCompare(b.currency),
  );
  return { mapping, byService };
}

/** Activity and activity-weighted mean unit cost of a set of mapped rows. */
function summarise(rows: readonly ServiceMapping[]): { activity: number; unitCost: number } {
  let activity = 0;
  let cost = 0;
  for (const r of rows) {
    activity += r.activity;
    cost += r.activity * r.unitCost;
  }
  return { activity, unitCost: cost / activity };
}

// ---------------------------------------------------------------------------------------------
// Literature parameters

/** The one literature row of `parameter` (and `condition`) whose `year` contains `year`. */
function literature(rows: readonly Row[], parameter: string, condition = '', year = ''): Row {
  const hits = rows.filter(
    (r) => r.parameter === parameter && r.condition === condition && (r.year ?? '').includes(year),
  );
  const hit = hits[0];
  if (hits.length !== 1 || !hit)
    throw new Error(`demand: ${hits.length} literature rows for ${parameter} ${condition} ${year}`);
  return hit;
}

/** Value of a literature row, after checking its note states the figures a constant relies on. */
function literatureValue(row: Row, noteMustHave: readonly string[] = []): number {
  for (const text of noteMustHave)
    if (!(row.note ?? '').includes(text))
      throw new Error(`demand: note of ${row.parameter ?? ''} lacks "${text}"`);
  return num(row, 'value', `literature ${row.parameter ?? ''}`);
}

function cite(row: Row): string {
  if ((row.parameter ?? '').startsWith('cal_') || PUBLISHED_USE.has(row.parameter ?? ''))
    return `nhs-published-activity-totals ${row.parameter ?? ''}${row.condition ? ` ${row.condition}` : ''} (${row.source ?? ''}, ${row.year ?? ''})`;
  return `literature-parameters ${row.parameter ?? ''}${row.condition ? ` ${row.condition}` : ''} (${row.source ?? ''}${row.year ? `, ${row.year}` : ''})`;
}

// ---------------------------------------------------------------------------------------------
// Areas: quintile mix and population

/** Share of each LAD's LSOAs in each national IMD 2019 quintile (LSOAs weighted equally). */
function readQuintileShares(root: string): Map<string, number[]> {
  const current = successorOf(root);
  const counts = new Map<string, number[]>();
  for (const row of readCsv(root, 'hoc-qof-prevalence-2019-20/lsoa_geog_lookup.csv')) {
    if (!(row.LSOA_CODE ?? '').startsWith('E01')) continue;
    const lad = row.LAD_CODE ?? '';
    const code = current(lad);
    const decile = num(row, 'IMD_OVERALL', `LSOA ${row.LSOA_CODE ?? ''}`);
    const q = Math.ceil(decile / 2) - 1;
    const c = counts.get(code) ?? new Array<number>(QUINTILES).fill(0);
    c[q] = (c[q] ?? 0) + 1;
    counts.set(code, c);
  }
  const shares = new Map<string, number[]>();
  for (const [code, c] of counts) {
    const total = c.reduce((s, x) => s + x, 0);
    shares.set(
      code,
      c.map((x) => x / total),
    );
  }
  return shares;
}

/** England population of `SCALING_YEAR` by quintile and age: Σ_LAD pop(a) × share(q), `[q·91 + a]`. */
function englandByQuintile(
  root: string,
  shares: Map<string, number[]>,
): { weights: Float64Array; lads: string[]; total: number } {
  const population = buildPopulation(root);
  const offset = population.years.indexOf(SCALING_YEAR) * AGES;
  if (offset < 0) throw new Error(`demand: no ${SCALING_YEAR} population`);
  const weights = new Float64Array(QUINTILES * AGES);
  const lads = [...population.pop.keys()].sort();
  let total = 0;
  for (const code of lads) {
    const series = population.pop.get(code);
    const share = shares.get(code);
    if (!series || !share) throw new Error(`demand: no IMD quintile mix for ${code}`);
    for (let a = 0; a < AGES; ++a) {
      const p = series[offset + a] ?? NaN;
      total += p;
      for (let q = 0; q < QUINTILES; ++q) {
        const i = q * AGES + a;
        weights[i] = (weights[i] ?? 0) + p * (share[q] ?? NaN);
      }
    }
  }
  return { weights, lads, total };
}

/** England's population of every UK country in `SCALING_YEAR` (ONS LAD estimates by code prefix). */
function countryPopulations(root: string): { england: number; wales: number; uk: number } {
  let england = 0;
  let wales = 0;
  let uk = 0;
  for (const row of readCsv(root, 'ons-la-population-syoa-1997-2020/la_pop_estimates.csv')) {
    if (num(row, 'year', 'population') !== SCALING_YEAR) continue;
    let total = num(row, 'Aged 90+', 'population');
    for (let a = 0; a < 90; ++a) total += num(row, `Age ${a}`, 'population');
    const code = row.code ?? '';
    uk += total;
    if (isEnglishLad(code)) england += total;
    else if (code.startsWith('W')) wales += total;
  }
  return { england, wales, uk };
}

/** England's QOF 2019/20 register and list of each condition (HoC Library LAD estimates). */
function readRegisters(root: string): Map<string, { register: number; list: number }> {
  const out = new Map<string, { register: number; list: number }>();
  for (const row of readCsv(root, 'hoc-qof-prevalence-2019-20/output_lad_prevalence.csv')) {
    if (!isEnglishLad(row.lad_code ?? '')) continue;
    const code = row.group_code ?? '';
    const acc = out.get(code) ?? { register: 0, list: 0 };
    acc.register += num(row, 'register', `QOF ${code}`);
    acc.list += num(row, 'list', `QOF ${code}`);
    out.set(code, acc);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Settings

interface SettingSpec {
  readonly name: string;
  readonly unit: string;
  readonly profile: ProfileId;
  /** Why this profile represents the setting. */
  readonly why: string;
}

const SPECS: Record<Setting, SettingSpec> = {
  gp_appointments: {
    name: 'GP appointments',
    unit: 'appointments',
    profile: 'gp',
    why: 'the setting’s own profile (QResearch consultation rates)',
  },
  op_first: {
    name: 'Outpatient first attendances',
    unit: 'attendances',
    profile: 'opAppointments',
    why: 'the source has no first / follow-up split, so both share the appointment-count profile',
  },
  op_followup: {
    name: 'Outpatient follow-up attendances',
    unit: 'attendances',
    profile: 'opAppointments',
    why: 'the source has no first / follow-up split, so both share the appointment-count profile',
  },
  op_procedures: {
    name: 'Outpatient procedures',
    unit: 'procedures',
    profile: 'opCost',
    why: 'stands in for procedures, which carry higher tariffs than attendances and so weigh more in the spend profile than in the count profile',
  },
  el_admissions: {
    name: 'Elective inpatient admissions',
    unit: 'admissions',
    profile: 'ipCost',
    why: 'stands in: the source has admitted care only as spend, not admissions by type',
  },
  daycase_admissions: {
    name: 'Day-case admissions',
    unit: 'admissions',
    profile: 'ipCost',
    why: 'stands in: the source has admitted care only as spend, not admissions by type',
  },
  nel_admissions: {
    name: 'Non-elective admissions',
    unit: 'admissions',
    profile: 'ipCost',
    why: 'stands in: the source has admitted care only as spend, not admissions by type',
  },
  nel_bed_days: {
    name: 'Non-elective bed days',
    unit: 'bed days',
    profile: 'ipCost',
    why: 'stands in: spend follows bed days closely (long stays cost most), and no bed-day profile is in the source',
  },
  el_bed_days: {
    name: 'Elective bed days',
    unit: 'bed days',
    profile: 'ipCost',
    why: 'stands in: spend follows bed days closely (long stays cost most), and no bed-day profile is in the source',
  },
  ae_attendances: {
    name: 'A&E attendances',
    unit: 'attendances',
    profile: 'gp',
    why: 'stands in for A&E (not in the source): unplanned contacts with a U-shaped age profile (young children and the old) and a steep deprivation gradient (quintile 1 about twice quintile 5), which the GP profile shares and the inpatient spend profile, ten times higher at 85+ than in mid-life, does not',
  },
  community_contacts: {
    name: 'Community health service contacts',
    unit: 'contacts',
    profile: 'ipCost',
    why: 'stands in for community care (not in the source): district nursing, intermediate care and community rehabilitation, the bulk of NCC community contacts, are concentrated in the oldest ages like inpatient spend; children’s services (health visiting, school nursing) are under-represented',
  },
  mh_contacts: {
    name: 'Mental health care contacts',
    unit: 'contacts',
    profile: 'gp',
    why: 'stands in for mental health (not in the source): most contacts are of working-age adults with a steep deprivation gradient, closer to the GP profile than to inpatient spend, which is dominated by old age; it still over-weights the oldest ages',
  },
};

interface Totals {
  readonly total: number;
  readonly source: string;
  readonly unitCost: SourcedParameter;
  readonly spellsPerEpisode?: SourcedParameter;
}

/** The `use_` rows of the published-activity file (cited under its own name). */
const PUBLISHED_USE = new Set([
  'use_multimorbid_share_of_population',
  'use_multimorbid_share_of_gp_consultations',
  'use_multimorbid_share_of_admissions',
  'use_multimorbid_share_of_outpatient_visits',
  'use_primary_care_irr_multimorbidity',
  'use_consultation_rate_t2dm_only',
  'use_consultation_rate_cvd_only',
  'use_consultation_rate_t2dm_and_cvd',
  'use_condition_consultation_rate',
  'use_multimorbid_share_of_prescriptions',
  'use_prescribing_cost_community',
]);

/** Admissions (spells) per NCC episode of each admitted setting, with its derivation. */
interface Conversion {
  readonly ratio: SourcedParameter;
  readonly mode: number;
}

/** Published national figures the admitted settings are converted and calibrated with. */
interface Calibration {
  readonly daycase: Conversion;
  readonly elective: Conversion;
  readonly emergency: Conversion;
  /** Emergency admissions a year (monthly counts × 12). */
  readonly emergencyPerYear: number;
  readonly emergencyRows: readonly Row[];
  /** Occupied general and acute bed days a year (KH03 occupied beds × 365). */
  readonly occupiedBedDays: number;
  readonly occupiedRow: Row;
  readonly availableRow: Row;
}

/** Value × 10⁶ of a row whose unit is in millions. */
function millions(row: Row): number {
  return literatureValue(row) * 1e6;
}

function calibration(pub: readonly Row[], nccElective: number, nccNel: number): Calibration {
  const fce = literature(pub, 'cal_hes_fce_12m');
  const dayFce = literature(pub, 'cal_hes_daycase_fce_12m');
  const fae = literature(pub, 'cal_hes_fae_12m');
  // Ordinary (overnight) admissions per ordinary episode: FAEs and FCEs less day cases.
  const ordinary = (millions(fae) - millions(dayFce)) / (millions(fce) - millions(dayFce));
  const electiveMode = (ordinary + 1) / 2;
  const emergencyRows = pub.filter((r) => r.parameter === 'cal_emergency_admissions_month');
  const emergencyPerYear =
    (emergencyRows.reduce((sum, r) => sum + literatureValue(r), 0) / emergencyRows.length) * MONTHS;
  const emergencyLow = millions(literature(pub, 'cal_hes_emergency_fae_12m'));
  const emergencyHigh = 2 * emergencyPerYear - emergencyLow;
  const occupiedRow = literature(pub, 'cal_ga_beds_occupied');
  const hesLine = `HES, 12 months to February 2017: ${literatureValue(fce)} million FCEs of which ${literatureValue(dayFce)} million day cases, ${literatureValue(fae)} million FAEs (admissions) (${cite(fce)})`;
  return {
    daycase: {
      mode: 1,
      ratio: {
        distribution: { dist: 'fixed', value: 1 },
        source: `A day case is admitted and discharged on the same day under one consultant, so one episode is one admission (${cite(dayFce)}).`,
      },
    },
    elective: {
      mode: electiveMode,
      ratio: {
        distribution: pert(electiveMode, ordinary, 1),
        source: `${hesLine}: ordinary admissions per ordinary episode (${sig(literatureValue(fae))} − ${sig(literatureValue(dayFce))}) / (${sig(literatureValue(fce))} − ${sig(literatureValue(dayFce))}) = ${sig(ordinary)}, a floor for planned overnight admissions (emergency admissions, with their transfers between consultants, pull the average down); 1 (one episode per admission) is the ceiling. PERT(${sig(ordinary)}, ${sig(electiveMode)}, 1), mode the midpoint by judgement. ${thousands(nccElective)} NCC elective inpatient episodes × ${sig(electiveMode)} = ${thousands(nccElective * electiveMode)} admissions.`,
      },
    },
    emergency: {
      mode: emergencyPerYear / nccNel,
      ratio: {
        distribution: pert(
          emergencyPerYear / nccNel,
          emergencyLow / nccNel,
          emergencyHigh / nccNel,
        ),
        source: `Emergency admissions in England: ${emergencyRows.map((r) => `${thousands(literatureValue(r))} in ${r.year ?? ''}`).join(' and ')} (${emergencyRows.map(cite).join('; ')}), mean × ${MONTHS} = ${thousands(emergencyPerYear)} a year, ÷ ${thousands(nccNel)} NCC 2023/24 non-elective episodes (long and short stay) = ${sig(emergencyPerYear / nccNel)} admissions per episode. The ratio folds in the episodes of one admission under several consultants and the non-emergency non-elective episodes (maternity, transfers, babies) the NCC counts, whose cost stays in cost_nel_admissions. Range: HES emergency FAEs of the 12 months to February 2017, ${thousands(emergencyLow)} (${cite(literature(pub, 'cal_hes_emergency_fae_12m'))}), a floor (admissions have grown since), and as far above: PERT(${sig(emergencyLow / nccNel)}, ${sig(emergencyPerYear / nccNel)}, ${sig(emergencyHigh / nccNel)}).`,
      },
    },
    emergencyPerYear,
    emergencyRows,
    occupiedBedDays: literatureValue(occupiedRow) * DAYS,
    occupiedRow,
    availableRow: literature(pub, 'cal_ga_beds_available'),
  };
}

/** A unit cost per episode turned into a cost per admission (the setting's cost is unchanged). */
function perAdmission(cost: SourcedParameter, c: Conversion): SourcedParameter {
  const d = cost.distribution;
  const distribution: Distribution =
    d.dist === 'pert' ? pert(d.mode / c.mode, d.min / c.mode, d.max / c.mode) : d;
  return {
    distribution,
    source: `${cost.source}; per admission: the episode cost ÷ ${sig(c.mode)} admissions per episode, so the NCC total cost of the setting is kept`,
  };
}

function nccUnitCost(rows: readonly ServiceMapping[], setting: Setting): SourcedParameter {
  const { unitCost } = summarise(rows);
  const lo = Math.min(...rows.map((r) => r.unitCost));
  const hi = Math.max(...rows.map((r) => r.unitCost));
  return {
    distribution: pert(
      unitCost,
      unitCost * (1 - UNIT_COST_SPREAD),
      unitCost * (1 + UNIT_COST_SPREAD),
    ),
    source: `${NCC_CITE}: activity-weighted mean unit cost £${sig(unitCost, 5)} of the ${rows.length} currencies mapped to ${setting} (their unit costs range £${sig(lo)}-£${sig(hi)}); drawn as PERT ±${UNIT_COST_SPREAD * 100} % around it (uncertainty of the mean applied to an area's case mix, not the spread across currencies)`,
  };
}

function scalingNote(population: number): string {
  return `Rates are this 2023/24 activity per resident of mid-${SCALING_YEAR} (ONS estimates, England = the 309 local authorities, ${thousands(population)}), the engine's latest population: the years differ, so the rates run slightly high for the 2023/24 population.`;
}

/** England totals, their sources and unit costs. */
function settingTotals(
  ncc: NccRead,
  lit: readonly Row[],
  appointmentsRow: Row,
  gpShare: number,
  population: number,
  pub: readonly Row[],
): Record<Setting, Totals> {
  const scaling = scalingNote(population);
  const rowsOf = (s: Setting): ServiceMapping[] => ncc.mapping.filter((r) => r.setting === s);
  const fromNcc = (s: Setting): Totals => {
    const rows = rowsOf(s);
    const services = [...new Set(rows.map((r) => r.serviceCode))].join('; ');
    return {
      total: summarise(rows).activity,
      source: `${NCC_CITE}: sum of the activity of the ${rows.length} currencies mapped to ${s} (Service Codes: ${services}; see mapping). ${scaling}`,
      unitCost: nccUnitCost(rows, s),
    };
  };
  const noCost = (what: string): SourcedParameter => ({
    distribution: { dist: 'fixed', value: 0 },
    source: `No separate cost: ${what} are costed within the NCC spell price of the admission (cost_nel_admissions / cost_el_admissions); a per-day cost here would count them twice.`,
  });

  const long = ncc.byService.get('Non-Elective Inpatient - Long Stay') ?? NaN;
  const short = ncc.byService.get('Non-Elective Inpatient - Short Stay') ?? NaN;
  const elective = ncc.byService.get('Elective Inpatients') ?? NaN;
  const cal = calibration(pub, elective, long + short);
  const losElectiveRow = literature(lit, 'cap_alos_elective');
  const losElective = literatureValue(losElectiveRow, ['5.1 in 2022', '36.2 million']);
  const electiveSpells = elective * cal.elective.mode;
  const elBedDays = electiveSpells * losElective;
  const nelBedDays = cal.occupiedBedDays - elBedDays;
  const emergencySpells = cal.emergencyPerYear;
  const occupied = literatureValue(cal.occupiedRow);
  const bedDayCaveat = `Bed days are calibrated to the general and acute beds England occupies: ${thousands(occupied)} occupied overnight beds a day (${cite(cal.occupiedRow)}) × ${DAYS} = ${thousands(cal.occupiedBedDays)} bed days a year, of which elective admissions ${thousands(electiveSpells)} × ${losElective} days (mean stay of elective ordinary admissions, ${cite(losElectiveRow)}) = ${thousands(elBedDays)} and the rest, ${thousands(nelBedDays)}, non-elective (${sig(nelBedDays / emergencySpells)} days per emergency admission, same-day stays included). The NCC 2023/24 file has no bed-day currencies for acute admitted care, so bed days cannot come from it. ${scaling}`;
  const admissions = (s: Setting, c: Conversion, what: string): Totals => {
    const episodes = fromNcc(s);
    return {
      total: episodes.total * c.mode,
      source: `${what}: ${thousands(episodes.total)} NCC 2023/24 finished consultant episodes × ${sig(c.mode)} admissions per episode = ${thousands(episodes.total * c.mode)} admissions (spellsPerEpisode). Episodes: ${episodes.source}`,
      unitCost: perAdmission(episodes.unitCost, c),
      spellsPerEpisode: c.ratio,
    };
  };

  const appointments = literatureValue(appointmentsRow, ['COVID-19']) * 1e6;
  const gpCost =
    gpShare * PSSRU_2013_GP_CONSULTATION + (1 - gpShare) * PSSRU_2013_NURSE_APPOINTMENT;

  const out = {} as Record<Setting, Totals>;
  for (const s of SETTINGS) {
    if (s === 'gp_appointments') {
      out[s] = {
        total: appointments,
        source: `GP appointments are not in the NCC: ${thousands(appointments)} appointments in general practice, ${cite(appointmentsRow)}; includes COVID-19 vaccinations and appointments with all practice staff. ${scaling}`,
        unitCost: {
          distribution: pert(
            gpCost * GP_COST_UPLIFT.mode,
            gpCost * GP_COST_UPLIFT.min,
            gpCost * GP_COST_UPLIFT.max,
          ),
          source: `Not in the NCC. PSSRU Unit Costs of Health and Social Care 2013 (as reported by ITV News, 22 May 2014): GP surgery consultation (11.7 min) £${PSSRU_2013_GP_CONSULTATION}, practice nurse appointment (15 min) £${PSSRU_2013_NURSE_APPOINTMENT}, weighted by the ${sig(gpShare * 100)} % GP share of appointments (literature-parameters cap_gp_share_of_appointments) = £${sig(gpCost, 4)} in 2013/14 prices; uplift to 2023/24 not in our data: PERT ×${GP_COST_UPLIFT.min}-×${GP_COST_UPLIFT.max}, mode ×${GP_COST_UPLIFT.mode} (NHS pay and prices rose by about a third over the decade).`,
        },
      };
    } else if (s === 'nel_bed_days') {
      out[s] = {
        total: nelBedDays,
        source: `Derived: non-elective bed days = occupied general and acute bed days less elective bed days. ${bedDayCaveat}`,
        unitCost: noCost('non-elective bed days'),
      };
    } else if (s === 'el_bed_days') {
      out[s] = {
        total: elBedDays,
        source: `Derived: elective admissions × mean elective stay; day cases have no bed days. ${bedDayCaveat}`,
        unitCost: noCost('elective bed days'),
      };
    } else if (s === 'nel_admissions') {
      out[s] = admissions(s, cal.emergency, 'Emergency admissions (spells)');
    } else if (s === 'el_admissions') {
      out[s] = admissions(s, cal.elective, 'Elective ordinary admissions (spells)');
    } else if (s === 'daycase_admissions') {
      out[s] = admissions(s, cal.daycase, 'Day-case admissions');
    } else {
      out[s] = fromNcc(s);
    }
  }
  return out;
}

function buildSettings(
  profiles: Record<ProfileId, Float64Array>,
  weights: Float64Array,
  totals: Record<Setting, Totals>,
): SettingReference[] {
  return SETTINGS.map((setting) => {
    const spec = SPECS[setting];
    const profile = profiles[spec.profile];
    const shape = new Array<number>(QUINTILES * AGES);
    let base = 0;
    for (let q = 0; q < QUINTILES; ++q)
      for (let a = 0; a < AGES; ++a) {
        const v = profile[q * (SOURCE_OPEN_AGE + 1) + Math.min(a, SOURCE_OPEN_AGE)] ?? NaN;
        shape[q * AGES + a] = v;
        base += v * (weights[q * AGES + a] ?? NaN);
      }
    const { total, source, unitCost, spellsPerEpisode } = totals[setting];
    const scale = total / base;
    return {
      setting,
      name: spec.name,
      unit: spec.unit,
      rates: shape.map((v) => v * scale),
      profileSource: `${ASARIA_CITE}: ${PROFILES[spec.profile].label}, persons (male and female totals over the population of both sexes in the same file, i.e. weighted by the national sex ratio), by single year of age 0-85+ (85+ used for ages 85-90+) and IMD quintile; ${spec.why}.`,
      englandTotal: total,
      totalSource: source,
      scalingPopulationYear: SCALING_YEAR,
      unitCost,
      ...(spellsPerEpisode ? { spellsPerEpisode } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Condition excess use

function use(
  condition: ConditionUse['condition'],
  setting: Setting,
  mode: number,
  range: { min: number; max: number },
  source: string,
): ConditionUse {
  return {
    condition,
    setting,
    perNewCase: false,
    extraPerCase: {
      distribution: pert(mode, mode * range.min, mode * range.max),
      source: `${source} Drawn as PERT ×${range.min}-×${range.max} of ${sig(mode)}.`,
    },
  };
}

function buildConditionUse(
  lit: readonly Row[],
  pub: readonly Row[],
  registers: Map<string, { register: number; list: number }>,
  totals: Record<Setting, Totals>,
  countries: { england: number; wales: number; uk: number },
  adults: number,
): { uses: ConditionUse[]; treatment: TreatmentCost[]; method: string } {
  const reg = (code: string): { register: number; list: number } => {
    const r = registers.get(code);
    if (!r) throw new Error(`demand: no QOF register for ${code}`);
    return r;
  };
  const qof = (code: string): string =>
    `${thousands(reg(code).register)} on England's QOF 2019/20 ${code} register (HoC Library LAD estimates summed)`;
  const nel = totals.nel_admissions.total;
  const nelBeds = totals.nel_bed_days.total;
  const out: ConditionUse[] = [];

  // Diabetes: NaDIA inpatient census share → share of emergency admissions and bed days.
  const dmRow = literature(lit, 'use_inpatient_share', 'DM', '2016');
  const dm2010 = literature(lit, 'use_inpatient_share', 'DM', '2010');
  const census = literatureValue(dmRow) / 100;
  // From the 2010 NaDIA note: 8 days in hospital, about 3 days longer than all inpatients;
  // 86.7 % of diabetes inpatients were emergency admissions vs 58.1 % of all admissions.
  literatureValue(dm2010, ['8 days', '3 days longer', '86.7%', '58.1%']);
  const [losDm, losAll, emDm, emAll] = [8, 5, 0.867, 0.581];
  const dm = reg('DM');
  const prevalence = dm.register / dm.list;
  const admShare = ((census * losAll) / losDm) * (emDm / emAll);
  const crudeAdm = ((admShare - prevalence) * nel) / dm.register;
  const crudeBeds = ((census - prevalence) * nelBeds) / dm.register;
  const dmCommon = `Crude excess over the register's share, which over-states the excess beyond the age-sex-deprivation average because people with diabetes are older than average: mode 2/3 of the crude figure, range 1/3 to all of it.`;
  out.push(
    use(
      'DM',
      'nel_admissions',
      (crudeAdm * 2) / 3,
      { min: 0.5, max: 1.5 },
      `Derivation: ${census * 100} % of inpatients have diabetes (${cite(dmRow)}); census share → admission share × ${losAll}/${losDm} days (stays ~3 days longer than all inpatients) × ${emDm}/${emAll} (emergency share of diabetes vs all admissions; ${cite(dm2010)}) = ${sig(admShare * 100)} % of non-elective admissions; less the registered prevalence ${sig(prevalence * 100)} % (${qof('DM')}, 17+ list) = ${sig((admShare - prevalence) * 100)} % of ${thousands(nel)} NCC non-elective admissions ÷ ${thousands(dm.register)} cases = ${sig(crudeAdm)} per case (crude). ${dmCommon}`,
    ),
    use(
      'DM',
      'nel_bed_days',
      (crudeBeds * 2) / 3,
      { min: 0.5, max: 1.5 },
      `Derivation: ${census * 100} % of occupied beds (NaDIA is a bed census, so a share of bed days; ${cite(dmRow)}) less the registered prevalence ${sig(prevalence * 100)} % = ${sig((census - prevalence) * 100)} % of ${thousands(nelBeds)} non-elective bed days ÷ ${thousands(dm.register)} cases = ${sig(crudeBeds)} per case (crude). ${dmCommon}`,
    ),
  );

  // Heart failure: ~1 million UK bed days a year, 13-day mean stay.
  const hfBedsRow = literature(lit, 'use_bed_days_per_year', 'HF');
  const hfStayRow = literature(lit, 'use_share_of_nhs_budget', 'HF');
  const hfBedsUk = literatureValue(hfBedsRow);
  literatureValue(hfStayRow, ['mean stay 13 days']);
  const hfStay = 13;
  const englandShare = countries.england / countries.uk;
  const hf = reg('HF');
  const hfBeds = (hfBedsUk * englandShare) / hf.register;
  const hfCommon = `UK → England by England's share of the UK population in ${SCALING_YEAR} (${sig(englandShare)}, ONS LAD estimates); a background statement, not a measured count, hence ±50 %.`;
  out.push(
    use(
      'HF',
      'nel_bed_days',
      hfBeds,
      ROUGH_RANGE,
      `Derivation: ${thousands(hfBedsUk)} heart-failure bed days a year in the UK (${cite(hfBedsRow)}) × ${sig(englandShare)} ÷ ${qof('HF')} = ${sig(hfBeds)} bed days per case. ${hfCommon}`,
    ),
    use(
      'HF',
      'nel_admissions',
      hfBeds / hfStay,
      ROUGH_RANGE,
      `Derivation: the ${sig(hfBeds)} heart-failure bed days per case ÷ ${hfStay}-day mean stay (${cite(hfStayRow)}) = ${sig(hfBeds / hfStay)} admissions per case. ${hfCommon}`,
    ),
  );

  // COPD: admissions for COPD in England and Wales (BMC Pulm Med 2023), 7-day stays (Harries).
  const copdLosRow = literature(lit, 'use_emergency_admission_los', 'COPD');
  const copdRespRow = literature(lit, 'use_share_of_emergency_admissions', 'COPD');
  const copdLos = literatureValue(copdLosRow);
  const respShare = literatureValue(copdRespRow) / 100;
  const ewShare = countries.england / (countries.england + countries.wales);
  const copd = reg('COPD');
  const copdAdmissions = COPD_ASTHMA_ADMISSIONS_EW_2020 * COPD_SHARE_OF_THOSE * ewShare;
  const copdAdm = copdAdmissions / copd.register;
  const copdCommon = `COPD and asthma admissions in England and Wales in 2020: ${thousands(COPD_ASTHMA_ADMISSIONS_EW_2020)}, of which COPD with acute lower respiratory infection 38.7 % and acute exacerbation 25.5 % (BMC Pulmonary Medicine 2023, "Trends in hospital admissions and prescribing due to COPD and asthma in England and Wales between 1999 and 2020", via pulmonologyadvisor.com) × England's share of the England-and-Wales population ${sig(ewShare)} (ONS ${SCALING_YEAR}) = ${thousands(copdAdmissions)} COPD admissions ÷ ${qof('COPD')}`;
  const copdNotUsed = `Not used: respiratory conditions as a whole are ${respShare * 100} % of emergency admissions (${cite(copdRespRow)}), i.e. ${sig((respShare * nel) / copd.register)} per COPD case, an upper bound far above this.`;
  out.push(
    use(
      'COPD',
      'nel_admissions',
      copdAdm,
      ROUGH_RANGE,
      `Derivation: ${copdCommon} = ${sig(copdAdm)} admissions per case. ${copdNotUsed}`,
    ),
    use(
      'COPD',
      'nel_bed_days',
      copdAdm * copdLos,
      ROUGH_RANGE,
      `Derivation: ${sig(copdAdm)} COPD admissions per case (${copdCommon}) × ${copdLos}-day mean stay (${cite(copdLosRow)}) = ${sig(copdAdm * copdLos)} bed days per case. ${copdNotUsed}`,
    ),
  );

  // CKD: excess first heart-failure admissions (Iwagami et al.), a floor of CKD's excess.
  const ckdRow = literature(lit, 'use_hf_admission_rate_with_ckd', 'CKD');
  const withCkd = literatureValue(ckdRow, ['3.1 per 1000']);
  const withoutCkd = 3.1;
  const ckdAdm = (withCkd - withoutCkd) / 1000;
  const floor = { min: 1, max: 4 } as const;
  const ckdCommon = `Only first heart-failure admissions are counted, so this is a floor of CKD's all-cause excess: PERT from it (min and mode) to 4 times it.`;
  out.push(
    use(
      'CKD',
      'nel_admissions',
      ckdAdm,
      floor,
      `Derivation: first heart-failure admissions ${withCkd} vs ${withoutCkd} per 1,000 person-years in CKD vs matched non-CKD patients (${cite(ckdRow)}) = ${sig(ckdAdm)} extra admissions per case. ${ckdCommon}`,
    ),
    use(
      'CKD',
      'nel_bed_days',
      ckdAdm * hfStay,
      floor,
      `Derivation: ${sig(ckdAdm)} extra heart-failure admissions per case (${cite(ckdRow)}) × ${hfStay}-day heart-failure mean stay (${cite(hfStayRow)}) = ${sig(ckdAdm * hfStay)} bed days per case. ${ckdCommon}`,
    ),
  );

  // Hypertension: hypertension-related GP and nurse consultations (Lay-Flurrie et al.).
  const hypRow = literature(pub, 'use_condition_consultation_rate', 'HYP');
  const hypRate = literatureValue(hypRow) / 100;
  const hyp = reg('HYP');
  const hypGp = (hypRate * adults) / hyp.register;
  out.push(
    use(
      'HYP',
      'gp_appointments',
      hypGp,
      { min: num(hypRow, 'low', 'HYP') / literatureValue(hypRow), max: 1.5 },
      `Derivation: ${literatureValue(hypRow)} hypertension-related consultations per 100 adult person-years (${cite(hypRow)}) × ${thousands(adults)} adults 18+ in England (ONS ${SCALING_YEAR}) ÷ ${qof('HYP')} = ${sig(hypGp)} per registered case. Condition-related consultations only, so no age adjustment is needed; the upper end allows for consultations about treatment side effects recorded under other codes.`,
    ),
  );

  const generic = genericUse(lit, pub, registers, totals, out);
  out.push(...generic.uses, ...firstYearUse(registers));
  const treatment = treatmentCosts(pub, registers, generic.adjust);
  return {
    uses: out,
    treatment: treatment.costs,
    method: `${generic.method} ${treatment.method}`,
  };
}

/**
 * Medicines cost per registered case: the multimorbidity pool of community prescribing cost
 * (the same method as the activity pool), shared over every register entry.
 */
function treatmentCosts(
  pub: readonly Row[],
  registers: Map<string, { register: number; list: number }>,
  adjust: number,
): { costs: TreatmentCost[]; method: string } {
  const costRow = literature(pub, 'use_prescribing_cost_community');
  const shareRow = literature(pub, 'use_multimorbid_share_of_prescriptions');
  const popRow = literature(pub, 'use_multimorbid_share_of_population', '', '2012');
  const total = literatureValue(costRow) * 1e9;
  const share = literatureValue(shareRow) / 100;
  const p = literatureValue(popRow) / 100;
  const pool = ((total * (share - p)) / (1 - p)) * adjust;
  const codes = [...registers.keys()].sort();
  const entries = codes.reduce((sum, c) => sum + (registers.get(c)?.register ?? 0), 0);
  const perCase = pool / entries;
  const source = `Multimorbidity pool of medicines: £${sig(total / 1e9)} billion community prescribing (${cite(costRow)}) × (${sig(share * 100)} % of prescriptions for people with 2+ conditions − their ${sig(p * 100)} % of the population) / (1 − ${sig(p * 100)} %) (${cite(shareRow)}) × age adjustment ${sig(adjust)} = £${thousands(pool)} a year ÷ ${thousands(entries)} register entries (QOF 2019/20) = £${sig(perCase)} per registered case a year. The same for every register: no condition-specific medicines cost was found. Drawn as PERT ×${ROUGH_RANGE.min}-×${ROUGH_RANGE.max}.`;
  return {
    costs: codes.map((c) => ({
      condition: c as TreatmentCost['condition'],
      perCase: {
        distribution: pert(perCase, perCase * ROUGH_RANGE.min, perCase * ROUGH_RANGE.max),
        source,
      },
    })),
    method: `Medicines: each registered case beyond ageing costs £${sig(perCase)} a year (cost_extra_medicines, part of cost_services), the prescribing pool shared the same way.`,
  };
}

/**
 * Multimorbidity-consistent excess use of every register in every setting, from the published
 * share of each setting's activity used by people with two or more long-term conditions.
 *
 * Method: the excess of the multimorbid over everyone else's rate, T·(s − p)/(1 − p) for a
 * setting of England total T, activity share s and population share p, is a per-person pool;
 * it is age-adjusted by the share of the crude rate ratio that survives adjustment
 * ((IRR − 1)/(crude − 1), primary care), less the condition-specific excess already counted,
 * and divided over the register entries of the remaining conditions. A person on three
 * registers thus holds three entries' shares of one person's excess, never three people's.
 */
function genericUse(
  lit: readonly Row[],
  pub: readonly Row[],
  registers: Map<string, { register: number; list: number }>,
  totals: Record<Setting, Totals>,
  specific: readonly ConditionUse[],
): { uses: ConditionUse[]; method: string; adjust: number } {
  const popRow = literature(pub, 'use_multimorbid_share_of_population', '', '2012');
  const gpRow = literature(pub, 'use_multimorbid_share_of_gp_consultations');
  const admRow = literature(pub, 'use_multimorbid_share_of_admissions');
  const opRow = literature(pub, 'use_multimorbid_share_of_outpatient_visits');
  const opPopRow = literature(pub, 'use_multimorbid_share_of_population', '', '2014');
  const irrRow = literature(pub, 'use_primary_care_irr_multimorbidity');
  const p = literatureValue(popRow) / 100;
  const gpShare = literatureValue(gpRow) / 100;
  const crude = gpShare / p / ((1 - gpShare) / (1 - p));
  const irr = literatureValue(irrRow);
  const adjust = (irr - 1) / (crude - 1);
  // Cross-check of sub-additivity (not used in the pool): consultations with T2DM and CVD
  // against the sum of the single-condition excesses over the population average.
  const dmOnly = literature(pub, 'use_consultation_rate_t2dm_only', 'DM');
  const cvdOnly = literature(pub, 'use_consultation_rate_cvd_only', 'CHD');
  const both = literature(pub, 'use_consultation_rate_t2dm_and_cvd');
  const average = literature(lit, 'cap_gp_consultations_per_person_year', '', '2013');
  const avg = literatureValue(average);
  const overlap =
    (literatureValue(both) - avg) /
    (literatureValue(dmOnly) - avg + literatureValue(cvdOnly) - avg);
  const mental = new Set(['DEP', 'MH', 'DEM', 'LD']);
  const plan: readonly {
    setting: Setting;
    row: Row;
    pop: Row;
    note: string;
    mentalOnly: boolean;
  }[] = [
    { setting: 'gp_appointments', row: gpRow, pop: popRow, note: '', mentalOnly: false },
    ...(['op_first', 'op_followup', 'op_procedures'] as const).map((setting) => ({
      setting,
      row: opRow,
      pop: opPopRow,
      note: 'The share is of admissions and outpatient visits together.',
      mentalOnly: false,
    })),
    ...(['el_admissions', 'daycase_admissions', 'nel_admissions'] as const).map((setting) => ({
      setting,
      row: admRow,
      pop: popRow,
      note: '',
      mentalOnly: false,
    })),
    ...(['nel_bed_days', 'el_bed_days'] as const).map((setting) => ({
      setting,
      row: admRow,
      pop: popRow,
      note: 'Stand-in: the share of admissions, bed days following their admissions.',
      mentalOnly: false,
    })),
    {
      setting: 'community_contacts',
      row: opRow,
      pop: opPopRow,
      note: 'Stand-in: no community figure was found; the hospital share is used.',
      mentalOnly: false,
    },
    {
      setting: 'mh_contacts',
      row: opRow,
      pop: opPopRow,
      note: 'Stand-in: no mental-health figure was found; the hospital share is used, and the pool is shared over the mental-health registers (DEP, MH, DEM, LD) only.',
      mentalOnly: true,
    },
  ];
  const codes = [...registers.keys()].sort();
  const uses: ConditionUse[] = [];
  for (const { setting, row, pop, note, mentalOnly } of plan) {
    const share = literatureValue(row) / 100;
    const ps = literatureValue(pop) / 100;
    const total = totals[setting].total;
    const pool = ((total * (share - ps)) / (1 - ps)) * adjust;
    const taken = specific.filter((u) => u.setting === setting && !u.perNewCase);
    let counted = 0;
    for (const u of taken)
      counted +=
        distributionMean(u.extraPerCase.distribution) * (registers.get(u.condition)?.register ?? 0);
    const eligible = codes.filter(
      (c) => (!mentalOnly || mental.has(c)) && !taken.some((u) => u.condition === c),
    );
    const entries = eligible.reduce((sum, c) => sum + (registers.get(c)?.register ?? 0), 0);
    const perEntry = Math.max(0, pool - counted) / entries;
    for (const c of eligible)
      uses.push(
        use(
          c as ConditionUse['condition'],
          setting,
          perEntry,
          ROUGH_RANGE,
          `Multimorbidity pool: ${thousands(total)} ${setting} × (${sig(share * 100)} % used by people with 2+ conditions − their ${sig(ps * 100)} % of the population) / (1 − ${sig(ps * 100)} %) (${cite(row)}; ${cite(pop)}) × age adjustment ${sig(adjust)} = ${thousands(pool)} a year; less ${thousands(counted)} counted by condition-specific figures; ÷ ${thousands(entries)} register entries of the ${eligible.length} other registers (QOF 2019/20) = ${sig(perEntry)} per registered case. ${note}`,
        ),
      );
  }
  const method = `Every register drives use. Where a condition-specific published figure exists it is used (DM, HF, COPD and CKD emergency admissions and bed days; HYP GP consultations); every other register and setting takes its share of a multimorbidity pool: the excess use of people with two or more long-term conditions over everyone else (published shares of GP consultations, admissions and outpatient visits: ${cite(gpRow)}; ${cite(admRow)}; ${cite(opRow)}), age-adjusted by (IRR − 1)/(crude ratio − 1) = (${irr} − 1)/(${sig(crude)} − 1) = ${sig(adjust)} (${cite(irrRow)}), less the condition-specific excess, divided over the remaining register entries. Because the pool is one person's excess split over that person's register entries, a person with three conditions is counted once, not three times (cross-check: T2DM and CVD together use ${sig(overlap)} of the sum of the two single-condition excesses over the ${avg}-consultation average, ${cite(both)}). The excess applies to registered cases beyond what ageing alone implies (trend, prevention, case-finding); newly registered cases add a first-year GP workload on top. Cases found by case-finding (detection) drive GP appointments, the first-year workload and medicines only: they already had the condition, and the hospital, community and mental-health care it brings.`;
  return { uses, method, adjust };
}

/** GP appointments in the first year after diagnosis, by judgement (see the source text). */
const FIRST_YEAR_GP = { min: 1, mode: 2, max: 4 } as const;

/** First-year workload of each newly registered case: diagnosis, tests, starting treatment. */
function firstYearUse(registers: Map<string, { register: number; list: number }>): ConditionUse[] {
  return [...registers.keys()].sort().map((c) => ({
    condition: c as ConditionUse['condition'],
    setting: 'gp_appointments' as const,
    perNewCase: true,
    extraPerCase: {
      distribution: pert(FIRST_YEAR_GP.mode, FIRST_YEAR_GP.min, FIRST_YEAR_GP.max),
      source: `First-year workload per newly registered case, on top of the annual excess: confirming the diagnosis, baseline tests and starting and reviewing treatment (the NICE pathways, e.g. NG136 for hypertension: out-of-office blood pressure, blood and urine tests, ECG, review). No published count per condition was found: PERT(${FIRST_YEAR_GP.min}, ${FIRST_YEAR_GP.mode}, ${FIRST_YEAR_GP.max}) appointments by judgement. Costed at the GP appointment unit cost; medicines are costed as cost_extra_medicines.`,
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Published national totals beside wcc's base-year England figures

function buildPublished(
  pub: readonly Row[],
  totals: Record<Setting, Totals>,
  capacity: CapacityNorms,
  appointmentsRow: Row,
): PublishedTotal[] {
  const t = (s: Setting): number => totals[s].total;
  const emergencyRows = pub.filter((r) => r.parameter === 'cal_emergency_admissions_month');
  const emergency =
    (emergencyRows.reduce((sum, r) => sum + literatureValue(r), 0) / emergencyRows.length) * MONTHS;
  const faeRow = literature(pub, 'cal_hes_fae_year', '', '2023-24');
  const fae = millions(faeRow);
  const occupiedRow = literature(pub, 'cal_ga_beds_occupied');
  const availableRow = literature(pub, 'cal_ga_beds_available');
  const opRow = literature(pub, 'cal_hes_op_attended_year');
  const aeRow = literature(pub, 'cal_ae_attendances_period');
  const ae = (millions(aeRow) * MONTHS) / 9;
  const occupancy = capacity.bedOccupancy.distribution;
  const occupancyMode = occupancy.dist === 'pert' ? occupancy.mode : NaN;
  const bedDays = t('nel_bed_days') + t('el_bed_days');
  const base = `England, ${SCALING_YEAR} population × the national rates`;
  return [
    {
      measure: 'emergency admissions',
      unit: 'admissions a year',
      published: emergency,
      source: `${emergencyRows.map((r) => `${thousands(literatureValue(r))} in ${r.year ?? ''}`).join(', ')}, mean × ${MONTHS} (${emergencyRows.map(cite).join('; ')})`,
      wcc: t('nel_admissions'),
      wccDerivation: `nel_admissions (${base})`,
    },
    {
      measure: 'other admissions (elective, day case, maternity and other)',
      unit: 'admissions a year',
      published: fae - emergency,
      source: `${literatureValue(faeRow)} million finished admission episodes in 2023-24 (${cite(faeRow)}) less the emergency admissions above; maternity and other non-elective admissions are inside the published figure but not in wcc's elective and day-case settings`,
      wcc: t('el_admissions') + t('daycase_admissions'),
      wccDerivation: `el_admissions + daycase_admissions (${base})`,
    },
    {
      measure: 'all admissions',
      unit: 'admissions a year',
      published: fae,
      source: `${literatureValue(faeRow)} million finished admission episodes in 2023-24 (${cite(faeRow)})`,
      wcc: t('nel_admissions') + t('el_admissions') + t('daycase_admissions'),
      wccDerivation: `nel_admissions + el_admissions + daycase_admissions (${base})`,
    },
    {
      measure: 'occupied general and acute bed days',
      unit: 'bed days a year',
      published: literatureValue(occupiedRow) * DAYS,
      source: `${thousands(literatureValue(occupiedRow))} occupied overnight G&A beds a day × ${DAYS} (${cite(occupiedRow)})`,
      wcc: bedDays,
      wccDerivation: `nel_bed_days + el_bed_days (${base})`,
    },
    {
      measure: 'general and acute beds',
      unit: 'beds',
      published: literatureValue(availableRow),
      source: `average daily available overnight G&A beds (${cite(availableRow)}), ${sig((literatureValue(occupiedRow) / literatureValue(availableRow)) * 100)} % occupied`,
      wcc: bedDays / DAYS / occupancyMode,
      wccDerivation: `beds_required = bed days / ${DAYS} / occupancy at the norm's mode ${occupancyMode}`,
    },
    {
      measure: 'GP appointments',
      unit: 'appointments a year',
      published: literatureValue(appointmentsRow) * 1e6,
      source: cite(appointmentsRow),
      wcc: t('gp_appointments'),
      wccDerivation: `gp_appointments (${base})`,
    },
    {
      measure: 'outpatient attendances',
      unit: 'attendances a year',
      published: literatureValue(opRow),
      source: `attended outpatient appointments (${cite(opRow)})`,
      wcc: t('op_first') + t('op_followup') + t('op_procedures'),
      wccDerivation: `op_first + op_followup + op_procedures (${base}; NCC 2023/24 counts)`,
    },
    {
      measure: 'A&E attendances',
      unit: 'attendances a year',
      published: ae,
      source: `${literatureValue(aeRow)} million in January-September 2024 × ${MONTHS}/9 (${cite(aeRow)})`,
      wcc: t('ae_attendances'),
      wccDerivation: `ae_attendances (${base}; NCC 2023/24 Emergency Care activity, which misses some type 3 units)`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Capacity norms

function buildCapacity(
  lit: readonly Row[],
  totals: Record<Setting, Totals>,
  appointmentsRow: Row,
  gpShareRow: Row,
): CapacityNorms {
  const safe = literature(lit, 'cap_bed_occupancy_safe');
  const threshold = literature(lit, 'cap_bed_occupancy_threshold_ae_drop');
  const max = literature(lit, 'cap_bed_occupancy_max');
  const observed = literature(lit, 'cap_bed_occupancy_observed');
  const cataract = literature(lit, 'cap_cases_per_theatre_session_cataract');
  const cataract4h = literature(lit, 'cap_cases_per_theatre_session_cataract_4h');
  const slots = literature(lit, 'cap_outpatient_slots_per_session');
  literatureValue(slots, ['15 follow-ups']);
  const newPerSession = literatureValue(slots);
  const followupsPerSession = 15;
  const first = totals.op_first.total;
  const followup = totals.op_followup.total;
  const f = first / (first + followup);
  const perSession = 1 / (f / newPerSession + (1 - f) / followupsPerSession);
  const appointments = literatureValue(appointmentsRow) * 1e6;
  const gpShare = literatureValue(gpShareRow) / 100;
  const perWte = appointments / GP_FTE_OCT_2023;
  const cataractMedian = literatureValue(cataract);
  return {
    bedOccupancy: {
      distribution: pert(
        literatureValue(threshold) / 100,
        literatureValue(safe) / 100,
        literatureValue(max) / 100,
      ),
      source: `PERT: min ${literatureValue(safe)} % (${cite(safe)}), mode ${literatureValue(threshold)} % (${cite(threshold)}), max ${literatureValue(max)} % (${cite(max)}). Observed G&A occupancy was ${literatureValue(observed)} % (${cite(observed)}), above all of these.`,
    },
    casesPerTheatreSession: {
      distribution: pert(THEATRE_CASES_MODE, THEATRE_CASES_MIN, cataractMedian),
      source: `No national norm for general lists. Cataract lists: median ${cataractMedian} scheduled operations per session, range ${cataract.low ?? ''}-${cataract.high ?? ''} (${cite(cataract)}); ${literatureValue(cataract4h)}-${cataract4h.high ?? ''} eyes per 4-hour list (${cite(cataract4h)}). Cataract surgery is among the shortest operations, so these are the high end for a mix of elective and day-case procedures (many of which use no theatre at all); PERT with max ${cataractMedian} (the cataract median) and min ${THEATRE_CASES_MIN}, mode ${THEATRE_CASES_MODE} by judgement: wide on purpose.`,
    },
    attendancesPerClinicSession: {
      distribution: pert(perSession, perSession * CLINIC_RANGE.min, perSession * CLINIC_RANGE.max),
      source: `About ${newPerSession} new or ${followupsPerSession} follow-up patients per 3.5-4 hour orthopaedic session (${cite(slots)}; an informal practitioner view, not an official norm), mixed by the NCC 2023/24 first share ${sig(f)} of first and follow-up attendances: 1 / (${sig(f)}/${newPerSession} + ${sig(1 - f)}/${followupsPerSession}) = ${sig(perSession)} attendances per session; PERT ×${CLINIC_RANGE.min}-×${CLINIC_RANGE.max} because the source is weak.`,
    },
    gpAppointmentsPerWteYear: {
      distribution: pert(perWte, perWte * GP_NORM_RANGE.min, perWte * GP_NORM_RANGE.max),
      source: `General-practice appointments (all staff, as the gp_appointments setting counts them) per fully qualified GP FTE: ${thousands(appointments)} (${cite(appointmentsRow)}) ÷ ${thousands(GP_FTE_OCT_2023)} FTE fully qualified GPs in October 2023 (NHS Digital GP workforce statistics, via the BMA's "Pressures in general practice data analysis", 30 Nov 2023) = ${thousands(perWte)}; of these ${sig(gpShare * 100)} % are with a GP (${cite(gpShareRow)}), i.e. ${thousands(perWte * gpShare)} appointments with a GP per GP FTE. So gp_wte_required = gp_appointments / this norm. PERT ×${GP_NORM_RANGE.min}-×${GP_NORM_RANGE.max}: trainees and locums also see patients, and the count includes COVID-19 vaccinations.`,
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** The demand reference data as deterministic JSON text (numbers to 12 significant digits). */
export function buildDemand(root: string): string {
  const profiles = readProfiles(root);
  const ncc = readNcc(root);
  const lit = readCsv(root, LIT);
  const shares = readQuintileShares(root);
  const england = englandByQuintile(root, shares);
  const countries = countryPopulations(root);
  const appointmentsRow = literature(lit, 'cap_gp_appointments_per_year', '', '2023');
  const gpShareRow = literature(lit, 'cap_gp_share_of_appointments');
  const gpShare = literatureValue(gpShareRow) / 100;
  const pub = readCsv(root, PUB);
  let adults = 0;
  for (let q = 0; q < QUINTILES; ++q)
    for (let a = ADULT_AGE; a < AGES; ++a) adults += england.weights[q * AGES + a] ?? NaN;
  const totals = settingTotals(ncc, lit, appointmentsRow, gpShare, england.total, pub);
  const capacity = buildCapacity(lit, totals, appointmentsRow, gpShareRow);
  const use = buildConditionUse(lit, pub, readRegisters(root), totals, countries, adults);

  const quintileShares: Record<string, number[]> = {};
  for (const code of england.lads) quintileShares[code] = shares.get(code) ?? [];

  const reference: DemandReference = {
    version: DEMAND_VERSION,
    settings: buildSettings(profiles, england.weights, totals),
    conditionUse: use.uses,
    treatmentCost: use.treatment,
    useMethod: use.method,
    published: buildPublished(pub, totals, capacity, appointmentsRow),
    capacity,
    quintileShares,
    mapping: ncc.mapping,
  };
  return JSON.stringify(reference, roundReplacer) + '\n';
}
