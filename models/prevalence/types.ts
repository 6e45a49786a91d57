/**
 * The contract between the prevalence calibration (built by `npm run data:build` into
 * data/built/prevalence.json, loaded by `loadPrevalenceCalibration`) and the prevalence
 * projection. Plain JSON-safe data; arrays by single year of age have 91 entries (0 … 89, 90+).
 */
import type { Distribution } from '../../engine/rng/distributions.js';

/** The 21 QOF 2019/20 registers, in output order. */
export const CONDITIONS = [
  'AF',
  'AST',
  'CAN',
  'CHD',
  'CKD',
  'COPD',
  'CVDPP',
  'DEM',
  'DEP',
  'DM',
  'EP',
  'HF',
  'HYP',
  'LD',
  'MH',
  'OB',
  'OST',
  'PAD',
  'PC',
  'RA',
  'STIA',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Fit statistics of one condition's calibration across local authorities. */
export interface FitStatistics {
  readonly areas: number;
  /** Poisson deviance of the fitted model. */
  readonly deviance: number;
  /** Poisson deviance of a constant prevalence across ages and areas (the null model). */
  readonly nullDeviance: number;
  readonly aic: number;
  /** Share of between-area variation in log(register / list) explained (0 … 1). */
  readonly varianceExplained: number;
  /** Pearson χ² / degrees of freedom (quasi-Poisson dispersion, scales the covariance). */
  readonly dispersion: number;
}

/** A published age-specific prevalence point, beside which the fitted curve is reported. */
export interface PublishedPoint {
  /** The age band (ageHigh null for an open band such as 75+). */
  readonly ageLow: number;
  readonly ageHigh: number | null;
  /** The age the point stands for: the England mid-2019 population's mean age within the band. */
  readonly age: number;
  /** Prevalence as a proportion (0 … 1). */
  readonly prevalence: number;
  /** What is counted: diagnosed, self_reported, survey_measured, total, register, model. */
  readonly measure: string;
  readonly source: string;
  /** True when the shape was built from this point; false when it is shown for comparison only. */
  readonly anchor: boolean;
}

/**
 * One condition's registered-prevalence curve:
 * logit p_i(a) = level + tilt·(shape[a] − shapeMean) + deprivation·z_i for eligible ages,
 * 0 outside them, where z_i is the area's standardised IMD 2019 score.
 */
export interface ConditionCalibration {
  readonly code: Condition;
  readonly name: string;
  /** First and last eligible age of the register (90 means 90+). */
  readonly ageMin: number;
  readonly ageMax: number;
  /** Anchor shape on the logit scale by age (null outside eligible ages). */
  readonly shape: readonly (number | null)[];
  readonly shapeMean: number;
  /** Where the shape comes from (a citation, or the constrained family used and why). */
  readonly shapeSource: string;
  readonly level: number;
  readonly tilt: number;
  readonly deprivation: number;
  /** Covariance of (level, tilt, deprivation), dispersion-scaled, row-major 3×3. */
  readonly covariance: readonly number[];
  readonly fit: FitStatistics;
  /** By LAD (April 2021 code): observed 2019/20 register / register expected by the curve. */
  readonly areaFactor: Readonly<Record<string, number>>;
  /** By LAD: observed 2019/20 register (QOF, modelled by the House of Commons Library). */
  readonly register: Readonly<Record<string, number>>;
  /** By LAD: QOF eligible list size / ONS mid-2019 eligible population (list inflation). */
  readonly listRatio: Readonly<Record<string, number>>;
  /** Published age-specific points of the condition (the shape's anchors and comparisons). */
  readonly published?: readonly PublishedPoint[];
}

/** A sourced default with uncertainty. */
export interface SourcedParameter {
  readonly distribution: Distribution;
  /** Citation: the literature-parameters row(s) or publication behind it. */
  readonly source: string;
}

/**
 * One year of a register's England QOF series (the QOF year starting in April of `year`, set
 * beside the ONS mid-`year` population).
 */
export interface SeriesPoint {
  readonly year: number;
  /** England register and list of the register's age scope (asthma: the all-ages list). */
  readonly register: number;
  readonly list: number;
  /**
   * ln of the prevalence the calibrated national curve gives England's population of the year
   * (ageing alone); extrapolated linearly beyond the newest population year.
   */
  readonly ageing: number;
}

/** A register's England QOF series and how its secular trend is read from it. */
export interface RegisterSeries {
  readonly code: Condition;
  /** The observed years, oldest first (definition breaks' earlier years left out). */
  readonly points: readonly SeriesPoint[];
  /** First years of a new register definition within `points` (a level shift; the slope is shared). */
  readonly breaks: readonly number[];
  /** Registers still filling after a redefinition: their slope is this 80 % interval, not fitted. */
  readonly filling?: readonly [number, number];
}

/**
 * How a register's secular trend (net of ageing, log scale) moves with the year: over the
 * observed years the England series itself, after the newest one a damped trend whose slope
 * is the `trend` distribution: ln factor(last + h) = offset(last) + μ·D(h) + (b − μ)·h, with b
 * the replicate's draw, μ its mean and D(h) = φ + φ² + … + φ^h (Gardner and McKenzie 1985).
 */
export interface TrendPath {
  /** Damping factor φ of the slope per year after the newest observed year (1: a straight line). */
  readonly damping: number;
  /** Observed years (mid-year of the QOF year's start) and ln(net prevalence / its 2019/20 value). */
  readonly years: readonly number[];
  readonly offsets: readonly number[];
}

/** Per-condition defaults for projection. */
export interface ConditionParameters {
  readonly code: Condition;
  /** Registered / true cases (detection ratio), where a source exists. */
  readonly detection?: SourcedParameter;
  /** All-cause mortality of people with the condition / without it (rate ratio ≥ 1). */
  readonly excessMortality: SourcedParameter;
  /**
   * Secular trend in age-specific registered prevalence, net of ageing, per year (log scale):
   * the slope of the first year after the newest observed year, damped by `path.damping`.
   */
  readonly trend: SourcedParameter;
  /** The observed path and damping the trend continues. */
  readonly path: TrendPath;
}

/** Everything the prevalence model loads. */
export interface PrevalenceCalibration {
  readonly version: number;
  /** Standardised IMD 2019 score by LAD: (score − mean) / sd over LADs. */
  readonly deprivationZ: Readonly<Record<string, number>>;
  readonly imdMean: number;
  readonly imdSd: number;
  /** By LAD: share of its LSOAs in each national IMD 2019 decile (index 0 = decile 1, most deprived). */
  readonly decileShares: Readonly<Record<string, readonly number[]>>;
  readonly conditions: readonly ConditionCalibration[];
  readonly parameters: readonly ConditionParameters[];
  /** England QOF series by register (2013-14 … 2019-20 and 2022-23), what the trends are fitted to. */
  readonly england: readonly RegisterSeries[];
  /** QOF 2022-23 registers and lists summed by sub-ICB (the 106 commissioning footprints). */
  readonly subIcb2022: readonly SubIcbRegisters[];
}

/** One sub-ICB's QOF 2022-23 registers: register and list by register code. */
export interface SubIcbRegisters {
  /** ONS code (E38…), ODS code and name; the ICB (E54…) and NHS region (E40…) it belongs to. */
  readonly code: string;
  readonly odsCode: string;
  readonly name: string;
  readonly icb: string;
  readonly region: string;
  readonly practices: number;
  readonly register: Readonly<Record<string, number>>;
  readonly list: Readonly<Record<string, number>>;
}
