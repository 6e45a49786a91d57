/**
 * The contract between the demand reference data (built by `npm run data:build` into
 * data/built/demand.json, loaded by `loadDemandReference`) and the demand, cost and capacity
 * projection. Plain JSON-safe data.
 */
import type { Condition, SourcedParameter } from '../prevalence/types.js';

/** Care settings, in output order (metric names). */
export const SETTINGS = [
  'gp_appointments',
  'op_first',
  'op_followup',
  'op_procedures',
  'el_admissions',
  'daycase_admissions',
  'nel_admissions',
  'nel_bed_days',
  'el_bed_days',
  'ae_attendances',
  'community_contacts',
  'mh_contacts',
] as const;
export type Setting = (typeof SETTINGS)[number];

/** Number of national IMD quintiles (index 0 = quintile 1, most deprived). */
export const QUINTILES = 5;

/** One NCC 2023/24 currency row mapped to a setting (the mapping is shown in the built data). */
export interface ServiceMapping {
  /** NCC `Service Code` (department), e.g. "Elective Inpatients". */
  readonly serviceCode: string;
  /** NCC currency code, e.g. "KB01C" (trimmed). */
  readonly currency: string;
  readonly description: string;
  readonly setting: Setting;
  readonly activity: number;
  readonly unitCost: number;
}

/** National reference data of one setting. */
export interface SettingReference {
  readonly setting: Setting;
  readonly name: string;
  /** Unit of activity, e.g. "appointments", "admissions", "bed days". */
  readonly unit: string;
  /**
   * National activity per person per year by IMD quintile and single year of age:
   * `rates[q·91 + a]`, q = 0 … 4 (0 = most deprived), a = 0 … 90 (ages 85+ share the 85+
   * value of the source). Persons (sexes weighted by the national sex ratio). Scaled so that
   * Σ over ages and quintiles of the England population of `scalingPopulationYear` × rate
   * equals `englandTotal`.
   */
  readonly rates: readonly number[];
  /** Which source profile gives the age-deprivation shape, or which stands in for it and why. */
  readonly profileSource: string;
  /** England's annual activity the rates are scaled to. */
  readonly englandTotal: number;
  readonly totalSource: string;
  /** Mid-year of the ONS England population the rates were scaled against. */
  readonly scalingPopulationYear: number;
  /** Unit cost, £ (2023/24 prices): activity-weighted NCC mean with its stated range. */
  readonly unitCost: SourcedParameter;
  /**
   * Admissions only: admissions (spells) per NCC finished consultant episode, the ratio that
   * turned the NCC episode count into `englandTotal` (and the episode unit cost into a cost per
   * admission, so the setting's total cost is unchanged).
   */
  readonly spellsPerEpisode?: SourcedParameter;
}

/** A published national total set beside the model's own base-year England figure. */
export interface PublishedTotal {
  readonly measure: string;
  readonly unit: string;
  /** The published figure (annual, England). */
  readonly published: number;
  readonly source: string;
  /** wcc's England figure in the base year (the scaling year's population). */
  readonly wcc: number;
  /** How the wcc figure is made. */
  readonly wccDerivation: string;
}

/** Extra annual activity per registered case of a condition in a setting (beyond the age-sex-deprivation average). */
export interface ConditionUse {
  readonly condition: Condition;
  readonly setting: Setting;
  /**
   * false: extra activity per registered case per year; true: extra activity in the first year
   * per newly registered case (diagnostic work-up, tests, starting and reviewing treatment).
   */
  readonly perNewCase: boolean;
  readonly extraPerCase: SourcedParameter;
}

/** Annual cost of the medicines of a registered case (beyond the age-sex-deprivation average). */
export interface TreatmentCost {
  readonly condition: Condition;
  /** £ a year (2023/24 prices). */
  readonly perCase: SourcedParameter;
}

/** Capacity conversion norms, each sourced with uncertainty. */
export interface CapacityNorms {
  /** Target bed occupancy (fraction, 0 … 1). */
  readonly bedOccupancy: SourcedParameter;
  /** Elective inpatient and day-case procedures per theatre session. */
  readonly casesPerTheatreSession: SourcedParameter;
  /** Outpatient attendances (first and follow-up) per clinic session. */
  readonly attendancesPerClinicSession: SourcedParameter;
  /** GP appointments per GP whole-time-equivalent per year. */
  readonly gpAppointmentsPerWteYear: SourcedParameter;
}

/** Everything the demand model loads. */
export interface DemandReference {
  readonly version: number;
  readonly settings: readonly SettingReference[];
  readonly conditionUse: readonly ConditionUse[];
  /** Medicines cost per registered case and year, by condition. */
  readonly treatmentCost: readonly TreatmentCost[];
  /** How condition use is derived and how multimorbidity is kept from counting a person twice. */
  readonly useMethod: string;
  /** Published national totals beside wcc's base-year England figures. */
  readonly published: readonly PublishedTotal[];
  readonly capacity: CapacityNorms;
  /** By LAD (April 2021 code): share of its population in each national IMD 2019 quintile (q = 0 … 4). */
  readonly quintileShares: Readonly<Record<string, readonly number[]>>;
  /** The NCC rows behind each setting's England total and unit cost. */
  readonly mapping: readonly ServiceMapping[];
}
