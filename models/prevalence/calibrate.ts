/**
 * Calibration of the registered-prevalence curves of the 21 QOF registers to the 2019/20
 * registers of every English local authority:
 * logit p_i(a) = level + tilt·(shape(a) − shapeMean) + deprivation·z_i over the eligible ages,
 * expected register_i = list_i · Σ_a w_i(a)·p_i(a), w_i the area's mid-2019 population shares
 * by single year of age within the eligible ages, z_i its standardised IMD 2019 score.
 * The shape is anchored to published age-specific prevalence (shapes.ts); the level, a tilt
 * held near 1 by a Gaussian penalty, and the deprivation effect are fitted by penalised
 * quasi-Poisson maximum likelihood (engine/kernels/aggregated-logistic-poisson.ts). A free age
 * curve fitted to area totals is confounded by the areas' other differences (ethnic mix,
 * rurality, coding); the penalty keeps the published shape. Pure functions: the caller reads the data (data/build-prevalence.ts).
 */
import {
  AGGREGATED_LOGISTIC_COEFS,
  fitAggregatedLogistic,
} from '../../engine/kernels/aggregated-logistic-poisson.js';
import { lnGamma } from '../../engine/stats/gamma.js';
import { CONDITION_SPECS, type ConditionSpec } from './conditions.js';
import {
  AGES,
  bandAge,
  bandPoints,
  curveShape,
  interpolatedShape,
  logit,
  smoothedBandShape,
  type AgePrevalenceRow,
  type PrevalenceBand,
} from './shapes.js';
import type { Condition, ConditionCalibration, FitStatistics, PublishedPoint } from './types.js';

/**
 * Prior sd of the tilt (the multiplier of the published shape's age gradient on the logit
 * scale), prior mean 1: a 95 % prior range of 0.9 … 1.1. Tight on purpose: the areas' age
 * structures identify the gradient only through between-area contrasts that are confounded
 * (ethnic mix, rurality, coding), which drive a free curve to nonsense (e.g. diabetes
 * peaking at 45-54). With sd 0.25 or 0.1 the quasi-likelihood still pulled diabetes flatter and
 * atrial fibrillation, cancer and epilepsy two to three times steeper than their published
 * profiles; at 0.05 the tilt moves only where the registers disagree strongly and consistently.
 */
export const TILT_PRIOR_SD = 0.05;
/** Ages of the DisMod II curves shown as anchor points beside the fitted curve. */
const DISMOD_POINT_AGES = [20, 30, 40, 50, 60, 70, 80, 90] as const;
const DISMOD_SOURCE = 'DisMod II England 2011 (IMPACTncd)';
const HSE_DIABETES_SOURCE = 'HSE 2006 doctor-diagnosed diabetes (IMPACTncd)';

/** Published inputs of the anchor shapes, parsed by the caller. */
export interface PublishedProfiles {
  /** literature-parameters/age_prevalence.csv, prevalence as proportions. */
  readonly agePrevalence: readonly AgePrevalenceRow[];
  /** DisMod II England 2011 persons prevalence by age 0 … 90+ (see `dismodPersons`). */
  readonly chd: Float64Array;
  readonly stroke: Float64Array;
  /** HSE 2006 doctor-diagnosed diabetes by 5-year band, persons (sexes averaged). */
  readonly diabetesBands: readonly PrevalenceBand[];
  /** National all-cause central death rates by age 0 … 90+, persons, 2017-19. */
  readonly mortality: Float64Array;
  /** England mid-2019 population by age 0 … 90+ (weights for band ages and shape means). */
  readonly england: Float64Array;
}

/** One register's 2019/20 counts by area. */
export interface RegisterCounts {
  /** Modelled number on the register, by area (in `CalibrationInput.areas` order). */
  readonly register: Float64Array;
  /** Patients in the register's age group, by area. */
  readonly list: Float64Array;
}

/** Everything the calibration reads. */
export interface CalibrationInput {
  /** LAD codes (April 2021), the order of every by-area array. */
  readonly areas: readonly string[];
  /** Standardised IMD 2019 score by area. */
  readonly deprivationZ: Float64Array;
  /** Mid-2019 population, areas × 91 ages, row-major. */
  readonly population: Float64Array;
  readonly registers: ReadonlyMap<Condition, RegisterCounts>;
  readonly profiles: PublishedProfiles;
}

/** An anchor shape and the published points beside it. */
export interface AnchorShape {
  /** Logit shape by age 0 … 90+, NaN outside the eligible ages. */
  readonly shape: Float64Array;
  readonly published: readonly PublishedPoint[];
}

function specOf(code: Condition): ConditionSpec {
  const spec = CONDITION_SPECS.find((s) => s.code === code);
  if (spec === undefined) throw new Error(`prevalence: no specification for ${code}`);
  return spec;
}

/** Builds the anchor shape of `spec` over ageMin … ageMax. */
export function anchorShape(
  spec: ConditionSpec,
  profiles: PublishedProfiles,
  ageMin: number = spec.ageMin,
  ageMax: number = spec.ageMax,
): AnchorShape {
  const own = profiles.agePrevalence.filter((r) => r.condition === spec.code);
  const comparisons = (rows: readonly AgePrevalenceRow[]): PublishedPoint[] =>
    bandPoints(rows, profiles.england, false);
  const s = spec.shape;
  switch (s.kind) {
    case 'points': {
      const anchors = bandPoints(own.filter(s.rows), profiles.england, true);
      // Several sources for one band: their average anchors the shape.
      const byBand = new Map<string, { age: number; sum: number; n: number }>();
      for (const p of anchors) {
        const key = `${p.ageLow}-${p.ageHigh ?? ''}`;
        const b = byBand.get(key) ?? { age: p.age, sum: 0, n: 0 };
        b.sum += p.prevalence;
        b.n += 1;
        byBand.set(key, b);
      }
      const knots = [...byBand.values()].map((b) => ({ age: b.age, prevalence: b.sum / b.n }));
      return {
        shape: interpolatedShape(knots, ageMin, ageMax),
        published: [...anchors, ...comparisons(own.filter((r) => !s.rows(r)))],
      };
    }
    case 'dismod': {
      const curve = s.disease === 'chd' ? profiles.chd : profiles.stroke;
      const borrowed = s.disease === 'chd' ? spec.code !== 'CHD' : spec.code !== 'STIA';
      const anchors: PublishedPoint[] = borrowed
        ? []
        : DISMOD_POINT_AGES.map((age) => ({
            ageLow: age,
            ageHigh: age === AGES - 1 ? null : age,
            age,
            prevalence: curve[age] ?? NaN,
            measure: 'model',
            source: DISMOD_SOURCE,
            anchor: true,
          }));
      return {
        shape: curveShape(curve, ageMin, ageMax),
        published: [...anchors, ...comparisons(own)],
      };
    }
    case 'hse-diabetes': {
      const anchors: PublishedPoint[] = profiles.diabetesBands
        .filter((b) => b.prevalence > 0)
        .map((b) => ({
          ageLow: b.ageLow,
          ageHigh: b.ageHigh,
          age: bandAge(b.ageLow, b.ageHigh, profiles.england),
          prevalence: b.prevalence,
          measure: 'self_reported',
          source: HSE_DIABETES_SOURCE,
          anchor: true,
        }));
      return {
        shape: smoothedBandShape(profiles.diabetesBands, profiles.england, ageMin, ageMax),
        published: [...anchors, ...comparisons(own)],
      };
    }
    case 'mortality':
      return { shape: curveShape(profiles.mortality, ageMin, ageMax), published: comparisons(own) };
    case 'flat': {
      const shape = new Float64Array(AGES).fill(NaN);
      shape.fill(0, ageMin, ageMax + 1);
      return { shape, published: comparisons(own) };
    }
    case 'like':
      return {
        shape: anchorShape(specOf(s.condition), profiles, ageMin, ageMax).shape,
        published: comparisons(own),
      };
  }
}

/** England-population-weighted mean of the shape over the eligible ages. */
function shapeMeanOf(shape: Float64Array, england: Float64Array, ageMin: number, ageMax: number) {
  let s = 0;
  let w = 0;
  for (let a = ageMin; a <= ageMax; ++a) {
    s += (england[a] ?? 0) * (shape[a] ?? NaN);
    w += england[a] ?? 0;
  }
  return s / w;
}

function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  let d = 0;
  for (let i = 0; i < y.length; ++i) {
    const yi = y[i] ?? NaN;
    const mi = mu[i] ?? NaN;
    d += 2 * ((yi > 0 ? yi * Math.log(yi / mi) : 0) - (yi - mi));
  }
  return d;
}

/** Fit statistics (see FitStatistics) of fitted means `mu` for counts `y` with exposures `list`. */
export function fitStatistics(
  y: Float64Array,
  list: Float64Array,
  mu: Float64Array,
  parameters: number,
  dispersion: number,
): FitStatistics {
  const n = y.length;
  let total = 0;
  let exposure = 0;
  let logLik = 0;
  for (let i = 0; i < n; ++i) {
    const yi = y[i] ?? NaN;
    const mi = mu[i] ?? NaN;
    total += yi;
    exposure += list[i] ?? NaN;
    logLik += yi * Math.log(mi) - mi - lnGamma(yi + 1);
  }
  const nullMu = list.map((l) => (l * total) / exposure);
  // Share of the between-area variance of log(register / list) that the fit explains.
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += Math.log((y[i] ?? NaN) / (list[i] ?? NaN)) / n;
  let tss = 0;
  let rss = 0;
  for (let i = 0; i < n; ++i) {
    const observed = Math.log((y[i] ?? NaN) / (list[i] ?? NaN));
    tss += (observed - mean) ** 2;
    rss += (observed - Math.log((mu[i] ?? NaN) / (list[i] ?? NaN))) ** 2;
  }
  return {
    areas: n,
    deviance: poissonDeviance(y, mu),
    nullDeviance: poissonDeviance(y, nullMu),
    aic: -2 * logLik + 2 * parameters,
    varianceExplained: 1 - rss / tss,
    dispersion,
  };
}

/** Calibrates one register to the areas' 2019/20 counts (see the module header). */
export function calibrateCondition(
  spec: ConditionSpec,
  anchor: AnchorShape,
  input: CalibrationInput,
): ConditionCalibration {
  const counts = input.registers.get(spec.code);
  if (counts === undefined) throw new Error(`prevalence: no register counts for ${spec.code}`);
  const { ageMin, ageMax } = spec;
  const n = input.areas.length;
  const na = ageMax - ageMin + 1;
  const england = input.profiles.england;
  const shapeMean = shapeMeanOf(anchor.shape, england, ageMin, ageMax);
  const centred = new Float64Array(na);
  let flat = true;
  for (let a = 0; a < na; ++a) {
    centred[a] = (anchor.shape[ageMin + a] ?? NaN) - shapeMean;
    if (Math.abs(centred[a] ?? 0) > 1e-12) flat = false;
  }
  const weight = new Float64Array(n * na);
  const eligible = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    let total = 0;
    for (let a = 0; a < na; ++a) total += input.population[i * AGES + ageMin + a] ?? NaN;
    for (let a = 0; a < na; ++a)
      weight[i * na + a] = (input.population[i * AGES + ageMin + a] ?? NaN) / total;
    eligible[i] = total;
  }
  let registered = 0;
  let listed = 0;
  for (let i = 0; i < n; ++i) {
    registered += counts.register[i] ?? NaN;
    listed += counts.list[i] ?? NaN;
  }
  const prior = 1 / (TILT_PRIOR_SD * TILT_PRIOR_SD);
  const fit = fitAggregatedLogistic(
    {
      areas: n,
      ages: na,
      count: counts.register,
      exposure: counts.list,
      weight,
      shape: centred,
      covariate: input.deprivationZ,
      priorMean: Float64Array.of(0, 1, 0),
      priorPrecision: Float64Array.of(0, prior, 0),
    },
    Float64Array.of(logit(registered / listed), 1, 0),
  );
  if (!fit.converged) throw new Error(`prevalence: the ${spec.code} fit did not converge`);
  const areaFactor: Record<string, number> = {};
  const register: Record<string, number> = {};
  const listRatio: Record<string, number> = {};
  input.areas.forEach((code, i) => {
    const y = counts.register[i] ?? NaN;
    areaFactor[code] = y / (fit.mean[i] ?? NaN);
    register[code] = y;
    listRatio[code] = (counts.list[i] ?? NaN) / (eligible[i] ?? NaN);
  });
  const shape: (number | null)[] = Array.from(anchor.shape, (v) => (Number.isNaN(v) ? null : v));
  return {
    code: spec.code,
    name: spec.name,
    ageMin,
    ageMax,
    shape,
    shapeMean,
    shapeSource: spec.shapeSource,
    level: fit.coef[0] ?? NaN,
    tilt: fit.coef[1] ?? NaN,
    deprivation: fit.coef[2] ?? NaN,
    covariance: Array.from(fit.covariance),
    fit: fitStatistics(
      counts.register,
      counts.list,
      fit.mean,
      flat ? AGGREGATED_LOGISTIC_COEFS - 1 : AGGREGATED_LOGISTIC_COEFS,
      fit.dispersion,
    ),
    areaFactor,
    register,
    listRatio,
    published: anchor.published,
  };
}

/** Calibrates every register, in CONDITIONS order. */
export function calibrateAll(input: CalibrationInput): ConditionCalibration[] {
  return CONDITION_SPECS.map((spec) =>
    calibrateCondition(spec, anchorShape(spec, input.profiles), input),
  );
}
