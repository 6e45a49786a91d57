/**
 * Population model: cohort-component projection by sex and single year of age (0 … 89, 90+),
 * annual steps from mid-year to mid-year, for one local authority or an aggregate of several.
 *
 * Components (estimated from the data up to the base year, except the mortality level, which
 * is the three-year period centred on the base year, or the first OHID period, 2015-17, for
 * earlier base years):
 * - mortality by sex: national death rates of the sex (ONS life tables to 2017-19, then the
 *   2017-19 table scaled to England's published life expectancy of each later period) × the
 *   area's level of the sex (the factor that reproduces its published life expectancy, OHID),
 *   improving at the national trend by age of the latest five years of ONS life tables. The
 *   pandemic years: the level of a base year after 2019 is what the life expectancy of its
 *   period shows (2022-24 for mid-2023: the after-effects are in it); the improvement trend
 *   is the pre-pandemic one (2012-14 → 2017-19), so neither the excess of 2020-22 nor the
 *   recovery after it is extrapolated;
 * - births: the area's recent ratio of births to women aged 15-44, split by the sex ratio at
 *   birth;
 * - net migration by sex and age: the mean residual of the recent years (change not explained
 *   by ageing, births and deaths).
 * Uncertainty: each component is drawn once per replicate from a distribution whose spread is
 * the component's year-to-year variation in the area's history (see `defaultAssumptions`).
 */
import {
  AGES,
  OPEN_AGE,
  CohortProjection,
  survivalFromRates,
  YEAR_CELLS,
} from '../../engine/kernels/cohort.js';
import type {
  MortalityPeriod,
  PopulationSeries,
  ReferenceData,
} from '../../engine/io/reference-data.js';
import {
  prepareDistribution,
  samplePrepared,
  type Distribution,
  type PreparedDistribution,
} from '../../engine/rng/distributions.js';
import { reuseStream, streamName, type StreamName } from '../../engine/rng/stream.js';
import { meanAndVariance } from '../../engine/stats/welford.js';
import { InputError } from '../../engine/errors.js';
import type { CellSpec } from '../../engine/run/types.js';

/** Years of history (transitions) behind births and migration. */
export const HISTORY_YEARS = 5;
/** Years between the two life tables whose ratio gives the mortality improvement trend. */
export const IMPROVEMENT_YEARS = 5;
/** Half-width (years of age) of the moving average that smooths improvement rates by age. */
const IMPROVEMENT_SMOOTHING = 2;
/**
 * Drift of an area's relative mortality between the PHE period (2014-16) and the projection,
 * as a standard deviation on the log scale: 3 %, about the year-to-year change in English local
 * authorities' standardised mortality ratios (assumption; widens the ratio's Poisson error).
 */
export const MORTALITY_RATIO_DRIFT = 0.03;
/**
 * Spread of the future level of net migration, in units of its historical year-to-year standard
 * deviation. Calibrated on the Census-2021-rebased estimates by `wcc backtest population
 * --base-year 2013 --horizon 5` (every local authority, 400 replicates, persons): scale 1.75
 * gave 80 % intervals holding 76 % of actual 2018 totals, 2.1 holds 84 % (95 %: 93 %), 2.4
 * holds 88 %; 2.0 is taken. Checked out of sample on 2015 → 2020 and 2018 → 2023 (README).
 * (On the pre-Census series, 2010 → 2015, 1.75 had held 83 %.)
 */
export const MIGRATION_LEVEL_SCALE = 2;
/** Coefficient of variation of fertility where the history is too short to measure it. */
const FALLBACK_FERTILITY_CV = 0.05;
/** Chiang's a0: mean fraction of the first year lived by infants who die (PHE life tables). */
const INFANT_A0 = 0.1;
/**
 * Live male births per female birth in England: about 1,050 per 1,000 each year (ONS, Births in
 * England and Wales, summary tables; range 1.04-1.06 over 2000-2023). The embedded estimates
 * agree: England's boys per girl aged 0 at mid-year, 2011-2023, lie in that range (tested).
 */
export const SEX_RATIO_AT_BIRTH = 1.05;
/** Share of births that are boys. */
const MALE_BIRTH_SHARE = SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH);

/** The metrics of the population model, in output order. */
export const POPULATION_METRICS = [
  'population_total',
  'population_male',
  'population_female',
  'population_0_15',
  'population_16_64',
  'population_65_84',
  'population_85_plus',
  'births',
  'deaths',
  'net_migration',
] as const;
export type PopulationMetric = (typeof POPULATION_METRICS)[number];
// The cohort kernel writes each year's cells in the order of these metrics (the compiler checks
// that their numbers agree).
YEAR_CELLS satisfies (typeof POPULATION_METRICS)['length'];
/** Position of the first flow metric (births, deaths, net_migration follow in that order). */
const FIRST_FLOW = POPULATION_METRICS.indexOf('births');
/** Metrics that are flows over the year ending at mid-year (none in the base year). */
const FLOW_METRICS: ReadonlySet<string> = new Set(['births', 'deaths', 'net_migration']);

/** The uncertain parameters of the model, named as in scenario `assumptions`. */
export const POPULATION_PARAMETERS = [
  'fertility_multiplier',
  'mortality_ratio_multiplier',
  'mortality_improvement_shift',
  'net_migration_multiplier',
  'net_migration_shift',
] as const;
export type PopulationParameter = (typeof POPULATION_PARAMETERS)[number];
export type PopulationAssumptions = Partial<Record<PopulationParameter, Distribution>>;

/** An area to project: one local authority or an aggregate of several. */
export interface AreaSpec {
  /** Code written in outputs (an ONS code or a group's own code). */
  readonly code: string;
  readonly name: string;
  /** The local authorities it sums (a LAD is its own single member). */
  readonly members: readonly string[];
  /** What a reader should know about the area (a former code's successor, an ICB's approximation). */
  readonly note?: string;
}

export type { CellSpec };

/** Everything a replicate needs, prepared once per area from the reference data. */
export interface PopulationInputs {
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  /** Persons by age at the base year (male + female). */
  readonly basePop: Float64Array;
  readonly basePopMale: Float64Array;
  readonly basePopFemale: Float64Array;
  /** National persons death rates at the base year, by age. */
  readonly baseMx: Float64Array;
  /** Annual rate of mortality improvement by age, persons (a fraction, e.g. 0.01 = 1 % a year). */
  readonly improvement: Float64Array;
  /**
   * The area's persons death rates for each projection step k (year base+k to base+k+1), its
   * level included: `[k·91 + a]`, k = 0 … horizon (the last row: the final year's rates, used
   * by no step); the base-year mix of the sexes' rates. Models built on the population
   * multiply them by `work.mortalityFactors[k]`.
   */
  readonly trendMx: Float64Array;
  /** The same for males and females (the rates the projection uses). */
  readonly trendMxMale: Float64Array;
  readonly trendMxFemale: Float64Array;
  /** The area's mortality level relative to the national rates (persons: deaths-weighted mix of the sexes). */
  readonly mortalityRatio: number;
  readonly mortalityRatioMale: number;
  readonly mortalityRatioFemale: number;
  /** Births per woman aged 15-44 (mean of the history window). */
  readonly fertility: number;
  /** Mean net migration by age at the end of the year (persons), by sex. */
  readonly migrationMale: Float64Array;
  readonly migrationFemale: Float64Array;
  /** How a change in the level of net migration spreads over sex and age: `[sex·91 + age]`, male first; sums to 1. */
  readonly migrationShape: Float64Array;
  /** Default distributions of the uncertain parameters (area-specific). */
  readonly defaults: Readonly<Record<PopulationParameter, Distribution>>;
  /** The distributions in force (defaults overridden by the scenario). */
  readonly assumptions: Readonly<Record<PopulationParameter, Distribution>>;
  /** `assumptions` prepared for sampling (`prepareDistribution`), once per area. */
  readonly prepared: Readonly<Record<PopulationParameter, PreparedDistribution>>;
  /** Stream name of each parameter: `<area code>/<parameter>`. */
  readonly streamNames: Readonly<Record<PopulationParameter, StreamName>>;
  /** Output cells in order. */
  readonly cells: readonly CellSpec[];
  /** Cell index of (year offset, metric index), or −1 (flows in the base year). */
  readonly cellIndex: Int32Array;
  /** Diagnostics of the history window for reports and tests. */
  readonly history: {
    readonly years: readonly number[];
    readonly fertility: readonly number[];
    readonly migrationTotals: readonly number[];
    /** The national rates of the base year: the period they come from. */
    readonly mortalityPeriod: string;
    /** Last year of the OHID life-expectancy period that sets the area's level. */
    readonly levelPeriodEnd: number;
  };
}

/** An area's population series: persons and each sex, `[(year − firstYear)·91 + age]`. */
export interface AreaPopulation {
  readonly firstYear: number;
  readonly years: number;
  readonly values: Float64Array;
  readonly male: Float64Array;
  readonly female: Float64Array;
}

/**
 * The population series of one local authority, the reference data's own (read-only; no copy):
 * for a caller that sums a member's people from zero, where `areaPopulation(data, [code])` would
 * copy all three series to give the same sums.
 */
export function memberPopulation(data: ReferenceData, code: string): PopulationSeries {
  const series = data.population.get(code);
  if (!series) throw new InputError(`area ${code}: no population estimates`);
  return series;
}

/** Sums the population series of `members` (single years of age, by sex) for years first … last. */
export function areaPopulation(data: ReferenceData, members: readonly string[]): AreaPopulation {
  let out: AreaPopulation | undefined;
  for (const code of members) {
    const series = memberPopulation(data, code);
    out ??= {
      firstYear: series.firstYear,
      years: series.years,
      values: new Float64Array(series.values.length),
      male: new Float64Array(series.values.length),
      female: new Float64Array(series.values.length),
    };
    const { values, male, female } = out;
    for (let i = 0; i < values.length; ++i) {
      values[i] = values[i]! + series.values[i]!;
      male[i] = male[i]! + series.male[i]!;
      female[i] = female[i]! + series.female[i]!;
    }
  }
  if (!out) throw new InputError('area: no member local authorities');
  return out;
}

/** The latest period whose last year is at most `year` (the earliest if none). */
export function periodEndingBy(
  mortality: readonly MortalityPeriod[],
  year: number,
): MortalityPeriod {
  let chosen = mortality[0]!;
  for (const p of mortality) if (p.endYear <= year) chosen = p;
  return chosen;
}

/** The latest ONS life table (not a scaled period) ending by `year`. */
function lifeTableEndingBy(mortality: readonly MortalityPeriod[], year: number): MortalityPeriod {
  return periodEndingBy(
    mortality.filter((p) => p.lifeTable),
    year,
  );
}

type Sex = 'mx' | 'mxMale' | 'mxFemale';

/**
 * Annual improvement by age between the ONS life tables ending `year − IMPROVEMENT_YEARS` and
 * `year` (the newest by `year`), smoothed over ages.
 */
function improvementByAge(
  mortality: readonly MortalityPeriod[],
  year: number,
  sex: Sex,
): Float64Array {
  const recent = lifeTableEndingBy(mortality, year);
  const earlier = lifeTableEndingBy(mortality, recent.endYear - IMPROVEMENT_YEARS);
  const span = Math.max(1, recent.endYear - earlier.endYear);
  const raw = new Float64Array(AGES);
  for (let a = 0; a < AGES; ++a) raw[a] = Math.log(earlier[sex][a]! / recent[sex][a]!) / span;
  const out = new Float64Array(AGES);
  for (let a = 0; a < AGES; ++a) {
    let sum = 0;
    let n = 0;
    for (
      let b = Math.max(0, a - IMPROVEMENT_SMOOTHING);
      b <= Math.min(OPEN_AGE, a + IMPROVEMENT_SMOOTHING);
      ++b
    ) {
      sum += raw[b]!;
      ++n;
    }
    out[a] = sum / n;
  }
  return out;
}

/** National rates for mid-year `year` from the period centred nearest it (ending by `latestEnd`), moved by the trend. */
function ratesForYear(
  mortality: readonly MortalityPeriod[],
  year: number,
  latestEnd: number,
  improvement: Float64Array,
  sex: Sex,
  out: Float64Array,
): void {
  const p = periodEndingBy(mortality, Math.min(year + 1, latestEnd));
  const offset = year - (p.endYear - 1);
  for (let a = 0; a < AGES; ++a) out[a] = p[sex][a]! * Math.exp(-improvement[a]! * offset);
}

/** Share of births alive at the next mid-year: 1 − (1 − a0)·q0 with q0 from m0 (Chiang). */
function infantSurvival(m0: number): number {
  const q0 = m0 / (1 + (1 - INFANT_A0) * m0);
  return 1 - (1 - INFANT_A0) * q0;
}

function sumAges(pop: Float64Array, offset: number, from: number, to: number): number {
  let s = 0;
  for (let a = from; a <= to; ++a) s += pop[offset + a]!;
  return s;
}

/** Age bands of the persons stock metrics after the sexes (inclusive). */
const BANDS: readonly (readonly [number, number])[] = [
  [0, 15],
  [16, 64],
  [65, 84],
  [85, OPEN_AGE],
];

/**
 * The area's mortality level by sex for the OHID period ending `end` (clamped to the periods
 * held): its members' levels weighted by their expected deaths at national rates.
 */
function areaLevel(
  data: ReferenceData,
  members: readonly string[],
  end: number,
  year: number,
  mxMale: Float64Array,
  mxFemale: Float64Array,
): { male: number; female: number; expectedMale: number; expectedFemale: number; end: number } {
  let male = 0;
  let female = 0;
  let expectedMale = 0;
  let expectedFemale = 0;
  let used = end;
  for (const code of members) {
    const level = data.areaMortality.get(code);
    const series = data.population.get(code);
    if (!level || !series) throw new InputError(`area ${code}: no mortality level by sex`);
    const k = Math.max(0, Math.min(level.male.length - 1, end - level.firstEnd));
    used = level.firstEnd + k;
    const offset = (year - series.firstYear) * AGES;
    let em = 0;
    let ef = 0;
    for (let a = 0; a < AGES; ++a) {
      em += series.male[offset + a]! * mxMale[a]!;
      ef += series.female[offset + a]! * mxFemale[a]!;
    }
    male += level.male[k]! * em;
    female += level.female[k]! * ef;
    expectedMale += em;
    expectedFemale += ef;
  }
  return {
    male: male / expectedMale,
    female: female / expectedFemale,
    expectedMale,
    expectedFemale,
    end: used,
  };
}

/**
 * Prepares an area's projection inputs from the reference data (deterministic).
 * @throws InputError when the base year lacks the history the model needs
 */
export function preparePopulation(
  data: ReferenceData,
  area: AreaSpec,
  baseYear: number,
  horizon: number,
  assumptions: PopulationAssumptions = {},
): PopulationInputs {
  const series = areaPopulation(data, area.members);
  const lastYear = series.firstYear + series.years - 1;
  if (baseYear <= series.firstYear || baseYear > lastYear)
    throw new InputError(
      `base year: expected ${series.firstYear + 1} to ${lastYear} (population estimates run ${series.firstYear}-${lastYear}), found ${baseYear}`,
    );
  const at = (year: number): number => (year - series.firstYear) * AGES;

  // National rates by sex: the period centred on the base year (its last year base + 1), then
  // the pre-pandemic ONS trend; the persons trend for models built on this one.
  const latest = periodEndingBy(data.mortality, baseYear + 1);
  const improvementMale = improvementByAge(data.mortality, baseYear + 1, 'mxMale');
  const improvementFemale = improvementByAge(data.mortality, baseYear + 1, 'mxFemale');
  const improvement = improvementByAge(data.mortality, baseYear + 1, 'mx');
  const baseMx = new Float64Array(AGES);
  const baseMale = new Float64Array(AGES);
  const baseFemale = new Float64Array(AGES);
  ratesForYear(data.mortality, baseYear, latest.endYear, improvement, 'mx', baseMx);
  ratesForYear(data.mortality, baseYear, latest.endYear, improvementMale, 'mxMale', baseMale);
  ratesForYear(data.mortality, baseYear, latest.endYear, improvementFemale, 'mxFemale', baseFemale);
  const level = areaLevel(data, area.members, baseYear + 1, baseYear, baseMale, baseFemale);
  const expected = level.expectedMale + level.expectedFemale;
  const mortalityRatio =
    (level.male * level.expectedMale + level.female * level.expectedFemale) / expected;
  // Deaths behind the published life expectancy: three years at the area's own rates.
  const deaths = 3 * mortalityRatio * expected;

  // Year-to-year variation of national improvement (age-standardised on the area's base population).
  const basePop = series.values.slice(at(baseYear), at(baseYear) + AGES);
  const basePopMale = series.male.slice(at(baseYear), at(baseYear) + AGES);
  const basePopFemale = series.female.slice(at(baseYear), at(baseYear) + AGES);
  const newestTable = lifeTableEndingBy(data.mortality, baseYear + 1);
  const yearly: number[] = [];
  for (let k = 0; k < IMPROVEMENT_YEARS; ++k) {
    const a = lifeTableEndingBy(data.mortality, newestTable.endYear - k);
    const b = lifeTableEndingBy(data.mortality, newestTable.endYear - k - 1);
    if (a === b) continue;
    let ra = 0;
    let rb = 0;
    for (let x = 0; x < AGES; ++x) {
      ra += a.mx[x]! * basePop[x]!;
      rb += b.mx[x]! * basePop[x]!;
    }
    yearly.push(Math.log(rb / ra));
  }
  const improvementSd =
    yearly.length > 1
      ? Math.sqrt(meanAndVariance(Float64Array.from(yearly), yearly.length).variance)
      : 0.005;

  // History window: births and net migration residuals by sex of the last HISTORY_YEARS transitions.
  const first = Math.max(series.firstYear, baseYear - HISTORY_YEARS);
  const years: number[] = [];
  const fertilities: number[] = [];
  const migrationTotals: number[] = [];
  const migrationSum = new Float64Array(2 * AGES);
  const migrationSq = new Float64Array(2 * AGES);
  const mx = new Float64Array(AGES);
  const survival = new Float64Array(AGES);
  const sexes = [
    { pop: series.male, ratio: level.male, improvement: improvementMale, key: 'mxMale' as const },
    {
      pop: series.female,
      ratio: level.female,
      improvement: improvementFemale,
      key: 'mxFemale' as const,
    },
  ];
  for (let y = first; y < baseYear; ++y) {
    let births = 0;
    let total = 0;
    sexes.forEach(({ pop, ratio, improvement: imp, key }, s) => {
      ratesForYear(data.mortality, y, latest.endYear, imp, key, mx);
      for (let a = 0; a < AGES; ++a) mx[a] = mx[a]! * ratio;
      survivalFromRates(mx, survival);
      births += pop[at(y + 1)]! / infantSurvival(mx[0]!);
      for (let a = 1; a < AGES; ++a) {
        let survivors = pop[at(y) + a - 1]! * survival[a - 1]!;
        if (a === OPEN_AGE) survivors += pop[at(y) + OPEN_AGE]! * survival[OPEN_AGE]!;
        const residual = pop[at(y + 1) + a]! - survivors;
        const i = s * AGES + a;
        migrationSum[i] = migrationSum[i]! + residual;
        migrationSq[i] = migrationSq[i]! + residual * residual;
        total += residual;
      }
    });
    fertilities.push(births / sumAges(series.female, at(y), 15, 44));
    years.push(y);
    migrationTotals.push(total);
  }
  const n = years.length;
  const migration = new Float64Array(2 * AGES);
  const migrationShape = new Float64Array(2 * AGES);
  let shapeSum = 0;
  for (let i = 0; i < 2 * AGES; ++i) {
    migration[i] = migrationSum[i]! / n;
    // Spread of a level change over sex and age: its year-to-year standard deviation, or
    // (one year of history) the size of its mean flow.
    const variance = n > 1 ? (migrationSq[i]! - n * migration[i]! * migration[i]!) / (n - 1) : 0;
    migrationShape[i] = n > 1 ? Math.sqrt(Math.max(0, variance)) : Math.abs(migration[i]!);
    shapeSum += migrationShape[i]!;
  }
  for (let i = 0; i < 2 * AGES; ++i)
    migrationShape[i] =
      shapeSum > 0 ? migrationShape[i]! / shapeSum : i % AGES === 0 ? 0 : 1 / (2 * OPEN_AGE);
  const fert = meanAndVariance(Float64Array.from(fertilities), n);
  const fertilityCv = n > 1 ? Math.sqrt(fert.variance) / fert.mean : FALLBACK_FERTILITY_CV;
  const migrationTotal = meanAndVariance(Float64Array.from(migrationTotals), n);
  const migrationSd = n > 1 ? Math.sqrt(migrationTotal.variance) : Math.abs(migrationTotal.mean);

  const defaults: Record<PopulationParameter, Distribution> = {
    fertility_multiplier: { dist: 'normal', mean: 1, sd: fertilityCv, min: 0 },
    mortality_ratio_multiplier: {
      dist: 'lognormal',
      meanlog: 0,
      sdlog: Math.sqrt(1 / deaths + MORTALITY_RATIO_DRIFT * MORTALITY_RATIO_DRIFT),
    },
    mortality_improvement_shift: { dist: 'normal', mean: 0, sd: improvementSd },
    net_migration_multiplier: { dist: 'fixed', value: 1 },
    net_migration_shift: { dist: 'normal', mean: 0, sd: MIGRATION_LEVEL_SCALE * migrationSd },
  };

  const cells: CellSpec[] = [];
  const cellIndex = new Int32Array((horizon + 1) * POPULATION_METRICS.length).fill(-1);
  for (let j = 0; j <= horizon; ++j)
    POPULATION_METRICS.forEach((metric, m) => {
      if (j === 0 && FLOW_METRICS.has(metric)) return;
      cellIndex[j * POPULATION_METRICS.length + m] = cells.length;
      cells.push({ year: baseYear + j, metric });
    });

  // Steps 0 … horizon − 1 drive the projection; row `horizon` gives the final year's rates (for
  // period life expectancy in every projected year).
  const trendMx = new Float64Array((horizon + 1) * AGES);
  const trendMxMale = new Float64Array((horizon + 1) * AGES);
  const trendMxFemale = new Float64Array((horizon + 1) * AGES);
  for (let k = 0; k <= horizon; ++k)
    for (let a = 0; a < AGES; ++a) {
      const i = k * AGES + a;
      trendMxMale[i] = level.male * baseMale[a]! * Math.exp(-improvementMale[a]! * k);
      trendMxFemale[i] = level.female * baseFemale[a]! * Math.exp(-improvementFemale[a]! * k);
      const people = basePopMale[a]! + basePopFemale[a]!;
      const share = people > 0 ? basePopMale[a]! / people : 0.5;
      trendMx[i] = share * trendMxMale[i] + (1 - share) * trendMxFemale[i];
    }

  const inForce = { ...defaults, ...assumptions };
  return {
    area,
    baseYear,
    horizon,
    basePop,
    basePopMale,
    basePopFemale,
    baseMx,
    improvement,
    trendMx,
    trendMxMale,
    trendMxFemale,
    mortalityRatio,
    mortalityRatioMale: level.male,
    mortalityRatioFemale: level.female,
    fertility: fert.mean,
    migrationMale: migration.slice(0, AGES),
    migrationFemale: migration.slice(AGES),
    migrationShape,
    defaults,
    assumptions: inForce,
    prepared: Object.fromEntries(
      POPULATION_PARAMETERS.map((p) => [p, prepareDistribution(inForce[p])]),
    ) as Record<PopulationParameter, PreparedDistribution>,
    streamNames: Object.fromEntries(
      POPULATION_PARAMETERS.map((p) => [p, streamName(`${area.code}/${p}`)]),
    ) as Record<PopulationParameter, StreamName>,
    cells,
    cellIndex,
    history: {
      years,
      fertility: fertilities,
      migrationTotals,
      mortalityPeriod: latest.period,
      levelPeriodEnd: level.end,
    },
  };
}

/** Working buffers of `simulatePopulation`, allocated once per thread and area size. */
export interface PopulationWork {
  /** The projection kernel whose memory holds the buffers below (views of it). */
  readonly projection: CohortProjection;
  /** One-year survival by age of each projection step k of the last replicate, by sex. */
  readonly survivalMale: readonly Float64Array[];
  readonly survivalFemale: readonly Float64Array[];
  /** Net migration by age of the last replicate, by sex. */
  readonly migrationMale: Float64Array;
  readonly migrationFemale: Float64Array;
  /** Persons by year offset and age of the last replicate (for the models built on it). */
  readonly trajectory: Float64Array;
  /** Males and females by year offset and age of the last replicate. */
  readonly trajectoryMale: Float64Array;
  readonly trajectoryFemale: Float64Array;
  /**
   * Death-rate multiplier of each projection step k (year base+k to base+k+1) of the last
   * replicate: the rates are `mortalityFactors[k] · inputs.trendMx[k·91 + a]` (and likewise by sex);
   * k = horizon gives the final year's rates (no step uses them).
   */
  readonly mortalityFactors: Float64Array;
}

/** Allocates working buffers for projections of up to `horizon` years. */
export function populationWork(horizon: number): PopulationWork {
  const projection = new CohortProjection(horizon);
  const step = (all: Float64Array, k: number): Float64Array =>
    all.subarray(k * AGES, (k + 1) * AGES);
  return {
    projection,
    survivalMale: Array.from({ length: horizon }, (_, k) => step(projection.survivalMale, k)),
    survivalFemale: Array.from({ length: horizon }, (_, k) => step(projection.survivalFemale, k)),
    migrationMale: projection.migrationMale,
    migrationFemale: projection.migrationFemale,
    trajectory: projection.persons,
    trajectoryMale: projection.males,
    trajectoryFemale: projection.females,
    mortalityFactors: projection.factors,
  };
}

/** The parameter values of one replicate. */
export interface PopulationDraw {
  fertility_multiplier: number;
  mortality_ratio_multiplier: number;
  mortality_improvement_shift: number;
  net_migration_multiplier: number;
  net_migration_shift: number;
}

/** Draws replicate `replicate`'s parameters, each from its own stream (seed, replicate, area/parameter). */
export function drawPopulation(
  inputs: PopulationInputs,
  seed: number,
  replicate: number,
): PopulationDraw {
  const draw = (name: PopulationParameter): number =>
    samplePrepared(inputs.prepared[name], reuseStream(seed, replicate, inputs.streamNames[name]));
  return {
    fertility_multiplier: draw('fertility_multiplier'),
    mortality_ratio_multiplier: draw('mortality_ratio_multiplier'),
    mortality_improvement_shift: draw('mortality_improvement_shift'),
    net_migration_multiplier: draw('net_migration_multiplier'),
    net_migration_shift: draw('net_migration_shift'),
  };
}

/**
 * Projects one replicate with parameters `p`, writing the cells of `inputs.cells` into `out`
 * (from `offset`) and the population by year, sex and age into `work`'s trajectories. The
 * projection itself runs in the cohort kernel (`CohortProjection`): per step, survival from
 * the scaled rates, births from the women aged 15-44 at its start, then each sex's
 * cohort-component step.
 */
export function projectPopulation(
  inputs: PopulationInputs,
  p: PopulationDraw,
  work: PopulationWork,
  out: Float64Array,
  offset = 0,
): void {
  const projection = work.projection;
  if (projection.ratesOf !== inputs) {
    projection.ratesMale.set(inputs.trendMxMale);
    projection.ratesFemale.set(inputs.trendMxFemale);
    projection.ratesOf = inputs;
  }
  projection.males.set(inputs.basePopMale);
  projection.females.set(inputs.basePopFemale);
  const { migrationMale, migrationFemale, mortalityFactors } = work;
  const shape = inputs.migrationShape;
  // The draws and inputs read into locals once (a property read per age otherwise).
  const multiplier = p.net_migration_multiplier;
  const shift = p.net_migration_shift;
  const baseMale = inputs.migrationMale;
  const baseFemale = inputs.migrationFemale;
  for (let a = 0; a < AGES; ++a) {
    migrationMale[a] = baseMale[a]! * multiplier + shift * shape[a]!;
    migrationFemale[a] = baseFemale[a]! * multiplier + shift * shape[AGES + a]!;
  }
  // mx = level · baseMx · e^(−(improvement + shift)·k) by sex, the trend precomputed; the last
  // factor is the final year's, for the models that read its period mortality.
  for (let k = 0; k <= inputs.horizon; ++k)
    mortalityFactors[k] =
      p.mortality_ratio_multiplier * Math.exp(-p.mortality_improvement_shift * k);
  projection.project(
    inputs.horizon,
    inputs.fertility * p.fertility_multiplier,
    MALE_BIRTH_SHARE,
    INFANT_A0,
  );
  // The kernel's cells of each year are the metrics in order; the model's cells skip year 0's flows.
  const cells = projection.cells;
  const cellIndex = inputs.cellIndex;
  for (let i = 0; i < cellIndex.length; ++i) {
    const cell = cellIndex[i]!;
    if (cell >= 0) out[offset + cell] = cells[i]!;
  }
}

/** Draws and projects replicate `replicate` into `out` from `offset`. */
export function simulatePopulation(
  inputs: PopulationInputs,
  seed: number,
  replicate: number,
  work: PopulationWork,
  out: Float64Array,
  offset = 0,
): void {
  projectPopulation(inputs, drawPopulation(inputs, seed, replicate), work, out, offset);
}

/**
 * Feedback from the outcomes model: adds the people the scenario's interventions kept alive
 * (`savedMale`, `savedFemale`: by age at mid-year offset `j`) to that year's stocks, and takes
 * the year's net deaths averted (those averted less the deaths among people saved in earlier
 * years) off its deaths. Conservation still holds: the stocks grow by exactly the net deaths
 * averted. The registers and activity of the earlier models are not recomputed for the saved
 * people (a few dozen a year in an area of hundreds of thousands).
 * @param inputs - the area's prepared inputs (their `cellIndex` places the cells)
 * @param j - year offset (1 … horizon)
 * @param savedMale - males alive at mid-year `j` thanks to the interventions, by age (91)
 * @param savedFemale - females likewise
 * @param netAverted - deaths averted in the year ending at mid-year `j`, net
 * @param out - the replicate's cells (the population model's written from `offset`)
 * @param offset - where the replicate's cells start
 */
export function addSaved(
  inputs: PopulationInputs,
  j: number,
  savedMale: Float64Array,
  savedFemale: Float64Array,
  netAverted: number,
  out: Float64Array,
  offset: number,
): void {
  const base = j * POPULATION_METRICS.length;
  const at = (m: number): number => offset + inputs.cellIndex[base + m]!;
  const males = sumAges(savedMale, 0, 0, OPEN_AGE);
  const females = sumAges(savedFemale, 0, 0, OPEN_AGE);
  out[at(0)] = out[at(0)]! + (males + females);
  out[at(1)] = out[at(1)]! + males;
  out[at(2)] = out[at(2)]! + females;
  for (let m = 0; m < BANDS.length; ++m) {
    const [from, to] = BANDS[m]!;
    const band = sumAges(savedMale, 0, from, to) + sumAges(savedFemale, 0, from, to);
    out[at(3 + m)] = out[at(3 + m)]! + band;
  }
  const deaths = at(FIRST_FLOW + 1);
  out[deaths] = out[deaths]! - netAverted;
}

/** The cell (numbered as in the chain's replicate) of a population metric in year offset `j` (−1: none). */
export function populationCell(
  inputs: PopulationInputs,
  metric: PopulationMetric,
  j: number,
): number {
  return inputs.cellIndex[j * POPULATION_METRICS.length + POPULATION_METRICS.indexOf(metric)]!;
}
