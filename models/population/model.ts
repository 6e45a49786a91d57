/**
 * Population model: cohort-component projection by single year of age (0 … 89, 90+), persons,
 * annual steps from mid-year to mid-year, for one local authority or an aggregate of several.
 *
 * Components (all estimated from data up to the base year only):
 * - mortality: national persons death rates (ONS life tables, sexes combined with the national
 *   sex ratio by age) × the area's mortality ratio (observed / expected deaths, PHE 2014-16),
 *   improving at the national trend by age of the last five years;
 * - births: the area's recent ratio of births to people aged 15-44;
 * - net migration by age: the mean residual of the recent years (change not explained by
 *   ageing, births and deaths).
 * Uncertainty: each component is drawn once per replicate from a distribution whose spread is
 * the component's year-to-year variation in the area's history (see `defaultAssumptions`).
 */
import {
  AGES,
  OPEN_AGE,
  cohortStep,
  survivalFromRates,
  survivalFromScaledRates,
  type StepFlows,
} from '../../engine/kernels/cohort.js';
import type { MortalityPeriod, ReferenceData } from '../../engine/io/reference-data.js';
import { sample, type Distribution } from '../../engine/rng/distributions.js';
import { reuseStream, streamName, type StreamName } from '../../engine/rng/stream.js';
import { meanAndVariance } from '../../engine/stats/welford.js';
import { InputError } from '../../engine/errors.js';

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
 * deviation. Calibrated by `wcc backtest population --base-year 2010 --horizon 5` (every local
 * authority, 400 replicates): scale 1.0 gave 80 % intervals holding 62 % of actual 2015 totals,
 * 1.75 holds 83 % (95 %: 94 %); checked out of sample on 2015 → 2020: 78 % and 92 %.
 */
export const MIGRATION_LEVEL_SCALE = 1.75;
/** Coefficient of variation of fertility where the history is too short to measure it. */
const FALLBACK_FERTILITY_CV = 0.05;
/** Chiang's a0: mean fraction of the first year lived by infants who die (METHODS.md). */
const INFANT_A0 = 0.1;

/** The metrics of the population model, in output order. */
export const POPULATION_METRICS = [
  'population_total',
  'population_0_15',
  'population_16_64',
  'population_65_84',
  'population_85_plus',
  'births',
  'deaths',
  'net_migration',
] as const;
export type PopulationMetric = (typeof POPULATION_METRICS)[number];
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
}

/** One output cell of a replicate: a metric in a year. */
export interface CellSpec {
  readonly year: number;
  readonly metric: string;
}

/** Everything a replicate needs, prepared once per area from the reference data. */
export interface PopulationInputs {
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  readonly basePop: Float64Array;
  /** National persons death rates at the base year, by age. */
  readonly baseMx: Float64Array;
  /** Annual rate of mortality improvement by age (a fraction, e.g. 0.01 = 1 % a year). */
  readonly improvement: Float64Array;
  /** National rates moved by the trend for each projection year: `[k·91 + a]` = baseMx·e^(−improvement·k). */
  readonly trendMx: Float64Array;
  /** The area's mortality ratio (observed / expected deaths). */
  readonly mortalityRatio: number;
  /** Births per person aged 15-44 (mean of the history window). */
  readonly fertility: number;
  /** Mean net migration by age at the end of the year (persons). */
  readonly migration: Float64Array;
  /** How a change in the level of net migration spreads over ages (sums to 1). */
  readonly migrationShape: Float64Array;
  /** Default distributions of the uncertain parameters (area-specific). */
  readonly defaults: Readonly<Record<PopulationParameter, Distribution>>;
  /** The distributions in force (defaults overridden by the scenario). */
  readonly assumptions: Readonly<Record<PopulationParameter, Distribution>>;
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
    readonly mortalityPeriod: string;
  };
}

/** Sums the population series of `members` (single years of age) for years first … last. */
export function areaPopulation(
  data: ReferenceData,
  members: readonly string[],
): { firstYear: number; years: number; values: Float64Array } {
  let firstYear = 0;
  let years = 0;
  let values: Float64Array | undefined;
  for (const code of members) {
    const series = data.population.get(code);
    if (!series) throw new InputError(`area ${code}: no population estimates`);
    if (!values) {
      firstYear = series.firstYear;
      years = series.years;
      values = new Float64Array(series.values.length);
    }
    for (let i = 0; i < values.length; ++i) values[i] = values[i]! + series.values[i]!;
  }
  if (!values) throw new InputError('area: no member local authorities');
  return { firstYear, years, values };
}

/** The latest life-table period whose last year is at most `year` (the earliest if none). */
export function periodEndingBy(
  mortality: readonly MortalityPeriod[],
  year: number,
): MortalityPeriod {
  let chosen = mortality[0]!;
  for (const p of mortality) if (p.endYear <= year) chosen = p;
  return chosen;
}

/** Annual improvement by age between the periods ending `year − IMPROVEMENT_YEARS` and `year`, smoothed over ages. */
function improvementByAge(mortality: readonly MortalityPeriod[], year: number): Float64Array {
  const recent = periodEndingBy(mortality, year);
  const earlier = periodEndingBy(mortality, recent.endYear - IMPROVEMENT_YEARS);
  const span = Math.max(1, recent.endYear - earlier.endYear);
  const raw = new Float64Array(AGES);
  for (let a = 0; a < AGES; ++a) raw[a] = Math.log(earlier.mx[a]! / recent.mx[a]!) / span;
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

/** National rates for mid-year `year` from the period centred nearest it, moved by the trend. */
function ratesForYear(
  mortality: readonly MortalityPeriod[],
  year: number,
  latestEnd: number,
  improvement: Float64Array,
  out: Float64Array,
): void {
  const p = periodEndingBy(mortality, Math.min(year + 1, latestEnd));
  const offset = year - (p.endYear - 1);
  for (let a = 0; a < AGES; ++a) out[a] = p.mx[a]! * Math.exp(-improvement[a]! * offset);
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

/** Age bands of the population metrics (inclusive). */
const BANDS: readonly (readonly [number, number])[] = [
  [0, OPEN_AGE],
  [0, 15],
  [16, 64],
  [65, 84],
  [85, OPEN_AGE],
];

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
  const pop = series.values;
  const at = (year: number): number => (year - series.firstYear) * AGES;

  // Mortality: national trend and base-year rates, then the area's ratio.
  const latest = periodEndingBy(data.mortality, baseYear);
  const improvement = improvementByAge(data.mortality, baseYear);
  const baseMx = new Float64Array(AGES);
  ratesForYear(data.mortality, baseYear, latest.endYear, improvement, baseMx);
  let deaths = 0;
  let expected = 0;
  for (const code of area.members) {
    const record = data.areas.find((r) => r.code === code);
    if (!record) throw new InputError(`area ${code}: not in the registry`);
    deaths += record.leDeaths;
    expected += record.leExpected;
  }
  const mortalityRatio = deaths / expected;

  // Year-to-year variation of national improvement (age-standardised on the area's base population).
  const basePop = pop.slice(at(baseYear), at(baseYear) + AGES);
  const yearly: number[] = [];
  for (let k = 0; k < IMPROVEMENT_YEARS; ++k) {
    const a = periodEndingBy(data.mortality, latest.endYear - k);
    const b = periodEndingBy(data.mortality, latest.endYear - k - 1);
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

  // History window: births and net migration residuals of the last HISTORY_YEARS transitions.
  const first = Math.max(series.firstYear, baseYear - HISTORY_YEARS);
  const years: number[] = [];
  const fertilities: number[] = [];
  const migrationTotals: number[] = [];
  const migrationSum = new Float64Array(AGES);
  const migrationSq = new Float64Array(AGES);
  const mx = new Float64Array(AGES);
  const survival = new Float64Array(AGES);
  for (let y = first; y < baseYear; ++y) {
    ratesForYear(data.mortality, y, latest.endYear, improvement, mx);
    for (let a = 0; a < AGES; ++a) mx[a] = mx[a]! * mortalityRatio;
    survivalFromRates(mx, survival);
    const sb = infantSurvival(mx[0]!);
    const women = sumAges(pop, at(y), 15, 44);
    fertilities.push(pop[at(y + 1)]! / (sb * women));
    let total = 0;
    for (let a = 1; a < AGES; ++a) {
      let survivors = pop[at(y) + a - 1]! * survival[a - 1]!;
      if (a === OPEN_AGE) survivors += pop[at(y) + OPEN_AGE]! * survival[OPEN_AGE]!;
      const residual = pop[at(y + 1) + a]! - survivors;
      migrationSum[a] = migrationSum[a]! + residual;
      migrationSq[a] = migrationSq[a]! + residual * residual;
      total += residual;
    }
    years.push(y);
    migrationTotals.push(total);
  }
  const n = years.length;
  const migration = new Float64Array(AGES);
  const migrationShape = new Float64Array(AGES);
  let shapeSum = 0;
  for (let a = 0; a < AGES; ++a) {
    migration[a] = migrationSum[a]! / n;
    // Spread of a level change over ages: the age's year-to-year standard deviation, or
    // (one year of history) the size of its mean flow.
    const variance = n > 1 ? (migrationSq[a]! - n * migration[a]! * migration[a]!) / (n - 1) : 0;
    migrationShape[a] = n > 1 ? Math.sqrt(Math.max(0, variance)) : Math.abs(migration[a]!);
    shapeSum += migrationShape[a]!;
  }
  for (let a = 0; a < AGES; ++a)
    migrationShape[a] = shapeSum > 0 ? migrationShape[a]! / shapeSum : a === 0 ? 0 : 1 / OPEN_AGE;
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

  const trendMx = new Float64Array(horizon * AGES);
  for (let k = 0; k < horizon; ++k)
    for (let a = 0; a < AGES; ++a)
      trendMx[k * AGES + a] = baseMx[a]! * Math.exp(-improvement[a]! * k);

  return {
    area,
    baseYear,
    horizon,
    basePop,
    baseMx,
    improvement,
    trendMx,
    mortalityRatio,
    fertility: fert.mean,
    migration,
    migrationShape,
    defaults,
    assumptions: { ...defaults, ...assumptions },
    streamNames: Object.fromEntries(
      POPULATION_PARAMETERS.map((p) => [p, streamName(`${area.code}/${p}`)]),
    ) as Record<PopulationParameter, StreamName>,
    cells,
    cellIndex,
    history: { years, fertility: fertilities, migrationTotals, mortalityPeriod: latest.period },
  };
}

/** Working buffers of `simulatePopulation`, allocated once per thread and area size. */
export interface PopulationWork {
  readonly pop: Float64Array;
  readonly next: Float64Array;
  readonly survival: Float64Array;
  readonly migration: Float64Array;
  readonly flows: StepFlows;
  /** Population by year offset and age of the last replicate (for the models built on it). */
  readonly trajectory: Float64Array;
  /**
   * Death-rate multiplier of each projection step k (year base+k to base+k+1) of the last
   * replicate: the rates are `mortalityFactors[k] · inputs.trendMx[k·91 + a]`.
   */
  readonly mortalityFactors: Float64Array;
}

/** Allocates working buffers for projections of up to `horizon` years. */
export function populationWork(horizon: number): PopulationWork {
  return {
    pop: new Float64Array(AGES),
    next: new Float64Array(AGES),
    survival: new Float64Array(AGES),
    migration: new Float64Array(AGES),
    flows: { births: 0, deaths: 0, netMigration: 0 },
    trajectory: new Float64Array((horizon + 1) * AGES),
    mortalityFactors: new Float64Array(horizon),
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
    sample(inputs.assumptions[name], reuseStream(seed, replicate, inputs.streamNames[name]));
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
 * (from `offset`) and the population by year and age into `work.trajectory`.
 */
export function projectPopulation(
  inputs: PopulationInputs,
  p: PopulationDraw,
  work: PopulationWork,
  out: Float64Array,
  offset = 0,
): void {
  const { pop, next, survival, migration, flows, trajectory, mortalityFactors } = work;
  const nMetrics = POPULATION_METRICS.length;
  pop.set(inputs.basePop);
  trajectory.set(pop, 0);
  const ratio = inputs.mortalityRatio * p.mortality_ratio_multiplier;
  const fertility = inputs.fertility * p.fertility_multiplier;
  for (let a = 0; a < AGES; ++a)
    migration[a] =
      inputs.migration[a]! * p.net_migration_multiplier +
      p.net_migration_shift * inputs.migrationShape[a]!;
  writeStocks(inputs, pop, 0, out, offset);
  for (let j = 1; j <= inputs.horizon; ++j) {
    // mx = ratio · baseMx · e^(−(improvement + shift)·k), the trend factor precomputed.
    const k = j - 1;
    const factor = ratio * Math.exp(-p.mortality_improvement_shift * k);
    mortalityFactors[k] = factor;
    survivalFromScaledRates(inputs.trendMx, k * AGES, factor, survival);
    const births = fertility * sumAges(pop, 0, 15, 44);
    const infant = infantSurvival(factor * inputs.trendMx[k * AGES]!);
    cohortStep(pop, survival, births, infant, migration, next, flows);
    pop.set(next);
    trajectory.set(pop, j * AGES);
    writeStocks(inputs, pop, j, out, offset);
    const base = j * nMetrics;
    out[offset + inputs.cellIndex[base + 5]!] = flows.births;
    out[offset + inputs.cellIndex[base + 6]!] = flows.deaths;
    out[offset + inputs.cellIndex[base + 7]!] = flows.netMigration;
  }
}

function writeStocks(
  inputs: PopulationInputs,
  pop: Float64Array,
  j: number,
  out: Float64Array,
  offset: number,
): void {
  const base = j * POPULATION_METRICS.length;
  for (let m = 0; m < BANDS.length; ++m) {
    const [from, to] = BANDS[m]!;
    out[offset + inputs.cellIndex[base + m]!] = sumAges(pop, 0, from, to);
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
