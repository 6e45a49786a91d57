/**
 * Outcomes model: life expectancy by sex, its inequality between an area's deprivation deciles,
 * the health gain (deaths averted, life-years gained) of prevention and of case-finding followed
 * by treatment, and under-75 mortality, for one area, replicate and year. Plain functions over
 * typed arrays, allocation-free inside a replicate (work buffers from `outcomesWork`).
 *
 * - Life expectancy: a single-year life table of the year's death rates by sex
 *   (engine/kernels/life-table.ts: Coale–Demeny a0, stationary 90+ group).
 * - Deciles: decile d's rates are the area's rates × f(d, x), f(d, x) = exp(k(d)·w(x)) /
 *   Σⱼ s(j)·exp(k(j)·w(x)), with w(x) the national log rate ratio of the most to the least
 *   deprived quintile by age and k(d) each decile's level (outcomes.json), so the deciles'
 *   population-weighted rate is the area's rate at every age (each decile is taken to have the
 *   area's age structure). Gap = e0(decile 10) − e0(decile 1); SII = the slope of the
 *   population-weighted least-squares line of e0 on the deciles' population mid-ranks, the point
 *   estimate of the PHE method (Low & Low 2004; PHEindicatormethods `phe_sii`).
 * - Health gain: people who do not get a condition (prevention) lose its excess mortality:
 *   averted = avoided · m · (EMR − 1); people newly found and treated lower theirs by the
 *   treatment's all-cause relative risk: averted = on treatment · m · EMR · (1 − RR), with
 *   on treatment in year y = Σ_{c ≤ y} found(c) · uptake · persistence^(y − c) (ages kept at
 *   finding). Life-years gained in a year = Σ averted(x) · e(x) of the people saved (the
 *   condition's rates × EMR × RR): the years of life lost that the year's averted deaths
 *   would have cost (the YLL convention).
 * - Under-75 mortality: the DSR of deaths under 75 per 100,000 with the ESP2013 bands 0-4 …
 *   70-74 (as engine/stats/dsr.ts, without limits); CVD = all-cause × the CVD share.
 */
import { AGES, OPEN_AGE } from '../../engine/kernels/cohort.js';
import { DecileLifeTables, SexLifeTables } from '../../engine/kernels/life-table-wasm.js';
import {
  infantSeparation,
  lifeExpectanciesAtBirthOfProducts,
  lifeExpectancyBirthAnd65Into,
  lifeTableInto,
  type LifeTableSex,
} from '../../engine/kernels/life-table.js';
import {
  sample,
  samplePrepared,
  type Distribution,
  type PreparedDistribution,
} from '../../engine/rng/distributions.js';
import { reuseStream, streamName, type StreamName } from '../../engine/rng/stream.js';
import { ESP2013 } from '../../engine/stats/dsr.js';

/** Deprivation deciles within an area (index 0 = decile 1, the most deprived). */
export const DECILES = 10;
/** Ages below this count as premature deaths (under 75). */
export const U75_AGE = 75;
/** ESP2013 bands under 75: 0-4 … 70-74. */
const U75_BANDS = U75_AGE / 5;
/** Rates per this many people. */
const PER_100K = 100_000;

/** One area's deciles for one sex, as built in outcomes.json. */
export interface DecileEntry {
  /** Population share of each decile 1 … 10. */
  readonly share: readonly number[];
  /** Level of each decile (ln rate multiplier per unit of the gradient). */
  readonly k: readonly number[];
  /** Published life expectancy at birth of each decile (PHE). */
  readonly le: readonly number[];
  /** Deciles whose published value PHE would suppress (their level follows the area's line). */
  readonly suppressed: readonly number[];
}

/** A treatment parameter with its distribution and source. */
export interface SourcedDistribution {
  readonly distribution: Distribution;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly source: string;
}

/** Treatments that follow case-finding. */
export const TREATMENTS = ['antihypertensive', 'anticoagulation', 'statin'] as const;
export type Treatment = (typeof TREATMENTS)[number];

/** One treatment's sourced parameters. */
export interface TreatmentData {
  /** QOF registers whose newly found patients get it. */
  readonly conditions: readonly string[];
  readonly rrAllCause: SourcedDistribution;
  readonly uptake: SourcedDistribution;
  readonly persistence: SourcedDistribution;
}

/** The contents of data/built/outcomes.json. */
export interface OutcomesData {
  readonly source: Readonly<Record<string, string>>;
  /** w(x) by sex, 91 ages. */
  readonly gradient: { readonly male: readonly number[]; readonly female: readonly number[] };
  readonly treatments: Readonly<Record<Treatment, TreatmentData>>;
  readonly cvdShareU75: SourcedDistribution;
  /** By the area code of the PHE data (pre-2019 districts and counties, regions, "England"). */
  readonly areas: Readonly<
    Record<string, { readonly male: DecileEntry; readonly female: DecileEntry }>
  >;
}

/** Work buffers of one thread (reused across areas, replicates and years). */
export interface OutcomesWork {
  readonly mx: Float64Array;
  readonly ex: Float64Array;
  readonly l: Float64Array;
  /** Life expectancy at birth by decile. */
  readonly le: Float64Array;
  /** Deaths averted by age of one source (prevention of one condition, one treatment). */
  readonly averted: Float64Array;
  /** Deaths by age of each sex (male 0 … 90, female 91 … 181). */
  readonly deaths: Float64Array;
  /** Deaths averted by age of each sex (as `deaths`). */
  readonly avertedBySex: Float64Array;
  /** Views of `deaths` and `avertedBySex` by sex (male, female), made once. */
  readonly deathsOf: readonly [Float64Array, Float64Array];
  readonly avertedOf: readonly [Float64Array, Float64Array];
  /** Decile rate multipliers (10 × 91). */
  readonly multipliers: Float64Array;
  /** Scratch of `reachMultipliers` (91). */
  readonly reach: Float64Array;
  /**
   * Life expectancy at birth and 65 of both sexes in WebAssembly (the thread's instance): its
   * `male` and `female` hold the year's rates after the health gain.
   */
  readonly sexTables: SexLifeTables;
  /** Persons: deaths after the health gain and population, under-75 indicator (91 each, ages under 75 used). */
  readonly personsDeaths: Float64Array;
  readonly personsPop: Float64Array;
  /** [e0, e65] of one sex. */
  readonly pair: Float64Array;
  /** Scratch of `calibrateDecileSpread`: the deciles' levels at the λ being tried (10). */
  readonly levels: Float64Array;
  readonly inequality: DecileInequality;
  /** The decile life tables in WebAssembly (the thread's instance). */
  readonly tables: DecileLifeTables;
}

/** Allocates the work buffers. */
export function outcomesWork(): OutcomesWork {
  const deaths = new Float64Array(2 * AGES);
  const avertedBySex = new Float64Array(2 * AGES);
  return {
    mx: new Float64Array(AGES),
    ex: new Float64Array(AGES),
    l: new Float64Array(AGES),
    le: new Float64Array(DECILES),
    averted: new Float64Array(AGES),
    deaths,
    avertedBySex,
    deathsOf: [deaths.subarray(0, AGES), deaths.subarray(AGES)],
    avertedOf: [avertedBySex.subarray(0, AGES), avertedBySex.subarray(AGES)],
    multipliers: new Float64Array(DECILES * AGES),
    reach: new Float64Array(AGES),
    sexTables: SexLifeTables.shared(),
    personsDeaths: new Float64Array(AGES),
    personsPop: new Float64Array(AGES),
    pair: new Float64Array(2),
    levels: new Float64Array(DECILES),
    inequality: { gap: NaN, sii: NaN },
    tables: DecileLifeTables.shared(),
  };
}

/**
 * Decile rate factors f(d, x) = exp(k(d)·w(x)) / Σⱼ s(j)·exp(k(j)·w(x)), written at
 * `out[d·91 + x]` (computed once per area: they do not change between replicates).
 * @param entry - the area's deciles for one sex
 * @param gradient - w(x) of that sex (91 values)
 * @param out - 10 × 91 factors, written
 */
export function decileFactors(
  entry: DecileEntry,
  gradient: readonly number[],
  out: Float64Array,
): void {
  factorsOfLevels(entry.k, entry.share, gradient, out, 1);
}

/**
 * f(d, x) as `decileFactors` computes it, for levels `k` and shares `share`, written for the
 * deciles d = 0, step, 2·step … only (step 1: every decile; step 9: deciles 1 and 10, all a gap
 * needs). Every decile's exp(k(d)·w(x)) still enters the mean, in the same order, so the rows
 * written are the same whatever the step.
 */
function factorsOfLevels(
  k: ArrayLike<number>,
  share: ArrayLike<number>,
  gradient: readonly number[],
  out: Float64Array,
  step: number,
): void {
  for (let x = 0; x < AGES; ++x) {
    const w = gradient[x]!;
    if (x > 0 && w === gradient[x - 1]) {
      // The gradient is banded by age group: an age with the previous one's w has its factors.
      for (let d = 0; d < DECILES; d += step) out[d * AGES + x] = out[d * AGES + x - 1]!;
      continue;
    }
    let mean = 0;
    for (let d = 0; d < DECILES; ++d) {
      const f = Math.exp(k[d]! * w);
      out[d * AGES + x] = f;
      mean += share[d]! * f;
    }
    for (let d = 0; d < DECILES; d += step) out[d * AGES + x] = out[d * AGES + x]! / mean;
  }
}

/**
 * Life expectancy at birth and at 65 of one sex's rates.
 * @param rates - central death rates 0 … 89, 90+ (91 values)
 * @param sex - decides the infant separation factor
 * @param out - [e0, e65], written
 */
export function lifeExpectancyBirthAnd65(
  rates: Float64Array,
  sex: LifeTableSex,
  out: Float64Array,
): void {
  lifeExpectancyBirthAnd65Into(rates, infantSeparation(rates[0]!, sex), out);
}

/**
 * Life expectancy at birth by decile into `work.le`: rates
 * × f(d, x) × (multipliers, if given).
 * @param rates - the area's central death rates of one sex (91 values)
 * @param factors - from `decileFactors` (10 × 91)
 * @param sex - the rates' sex
 * @param work - work buffers; `work.le` is written
 * @param multipliers - optional 10 × 91 multipliers of each decile's rates (an intervention that
 *   reaches some deciles); the factors themselves are left unchanged
 */
export function decileLifeExpectancy(
  rates: Float64Array,
  factors: Float64Array,
  sex: LifeTableSex,
  work: OutcomesWork,
  multipliers?: Float64Array,
): void {
  // Readable form (the kernels form each decile's rates as they go, in the life table's
  // product form, the same up to rounding):
  // for d: mx[x] = rates[x]·factors[d·91 + x](·multipliers[d·91 + x]);
  // lifeExpectancyBirthAnd65Into(mx, infantSeparation(mx[0], sex), pair); le[d] = pair[0].
  const { le } = work;
  // lifeExpectanciesAtBirthOfProducts(rates, 0, factors, AGES, DECILES, sex, le), bit for bit.
  if (!multipliers) work.tables.compute(rates, factors, sex, le);
  // (rates·factors)·multipliers, in that order: lifeExpectanciesAtBirthOfReached(rates,
  // factors, multipliers, DECILES, sex, le, scratch), bit for bit.
  else work.tables.computeReached(rates, factors, multipliers, sex, le);
}

/**
 * Slope index of inequality, point estimate: the slope of the population-weighted least-squares
 * line of `values` on the groups' population mid-ranks (groups in order, most deprived first), as
 * the PHE method's regression (Low & Low 2004). Allocation-free.
 * @param shares - population of each group (any scale)
 * @param values - the indicator of each group
 */
export function siiPoint(shares: readonly number[] | Float64Array, values: Float64Array): number {
  writeSii(shares, values, siiScratch);
  return siiScratch.sii;
}

/** Where `siiPoint` has `writeSii` put its slope (this thread's). */
const siiScratch: DecileInequality = { gap: NaN, sii: NaN };

/**
 * `out.sii = siiPoint(shares, values)`, with no double returned from a call (boxed where the call
 * is not inlined: an allocation each time).
 */
function writeSii(
  shares: readonly number[] | Float64Array,
  values: Float64Array,
  out: DecileInequality,
): void {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; ++i) total += shares[i]!;
  // Weighted means of rank b and value y, then Σa(b − b̄)(y − ȳ) / Σa(b − b̄)².
  let cumulative = 0;
  let meanB = 0;
  let meanY = 0;
  for (let i = 0; i < n; ++i) {
    const a = shares[i]! / total;
    meanB += a * (cumulative + a / 2);
    meanY += a * values[i]!;
    cumulative += a;
  }
  cumulative = 0;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; ++i) {
    const a = shares[i]! / total;
    const db = cumulative + a / 2 - meanB;
    cumulative += a;
    sxy += a * db * (values[i]! - meanY);
    sxx += a * db * db;
  }
  out.sii = sxy / sxx;
}

/** Inequality in life expectancy between an area's deciles. */
export interface DecileInequality {
  /** e0(decile 10) − e0(decile 1), years. */
  gap: number;
  /** Slope index of inequality in e0, years (positive: the least deprived live longer). */
  sii: number;
}

/** Gap and SII of the deciles' life expectancy in `work.le`, written into `out`. */
export function decileInequality(
  entry: DecileEntry,
  work: OutcomesWork,
  out: DecileInequality,
): void {
  out.gap = work.le[DECILES - 1]! - work.le[0]!;
  // Readable form: out.sii = siiPoint(entry.share, work.le)
  writeSii(entry.share, work.le, out);
}

/**
 * Decile rate multipliers of an intervention that reaches only some deciles: the deaths it
 * averts at each age come out of the reached deciles in proportion to their deaths, so
 * Σ_d s(d)·f(d, x)·m(x)·(1 − multiplier) = averted(x)/pop(x) and unreached deciles keep 1.
 * @param averted - deaths averted by age (91 values) in the area
 * @param deaths - the area's deaths by age before the intervention (91 values)
 * @param entry - the area's deciles (shares)
 * @param factors - from `decileFactors`
 * @param reached - 1 for each decile reached, 0 otherwise (10 values)
 * @param out - 10 × 91 multipliers, written (at least 0)
 * @param scratch - 91 values, overwritten
 */
export function reachMultipliers(
  averted: Float64Array,
  deaths: Float64Array,
  entry: DecileEntry,
  factors: Float64Array,
  reached: Float64Array,
  out: Float64Array,
  scratch: Float64Array,
): void {
  // Readable form: for x: inReach = Σ_d reached(d)·s(d)·f(d, x) (d in order);
  // cut = inReach > 0 && deaths(x) > 0 ? averted(x)/(deaths(x)·inReach) : 0;
  // for d: out(d, x) = reached(d) > 0 ? max(0, 1 − cut) : 1. Below by decile (rows of 91, in
  // the same order of operations), with the share in reach and then the cut in `scratch`.
  const inReach = scratch;
  inReach.fill(0);
  for (let d = 0; d < DECILES; ++d) {
    const w = reached[d]! * entry.share[d]!;
    // An unreached decile adds w·f = 0 at every age (the factors are finite): skipped.
    if (w === 0) continue;
    const o = d * AGES;
    for (let x = 0; x < AGES; ++x) inReach[x] = inReach[x]! + w * factors[o + x]!;
  }
  const cut = scratch;
  for (let x = 0; x < AGES; ++x) {
    const share = inReach[x]!;
    cut[x] = share > 0 && deaths[x]! > 0 ? averted[x]! / (deaths[x]! * share) : 0;
  }
  for (let d = 0; d < DECILES; ++d) {
    const o = d * AGES;
    if (reached[d]! > 0) for (let x = 0; x < AGES; ++x) out[o + x] = Math.max(0, 1 - cut[x]!);
    else out.fill(1, o, o + AGES);
  }
}

/** A treatment's parameters drawn for one replicate. */
export interface TreatmentDraw {
  rr: number;
  uptake: number;
  persistence: number;
}

/** The streams of a treatment's draws (shared by every area: the evidence is national). */
export interface TreatmentStreams {
  readonly rr: StreamName;
  readonly uptake: StreamName;
  readonly persistence: StreamName;
}

/** Streams `outcomes/<treatment>/{rr_all_cause,uptake,persistence}`. */
export function treatmentStreams(treatment: Treatment): TreatmentStreams {
  return {
    rr: streamName(`outcomes/${treatment}/rr_all_cause`),
    uptake: streamName(`outcomes/${treatment}/uptake`),
    persistence: streamName(`outcomes/${treatment}/persistence`),
  };
}

/**
 * Draws a treatment's relative risk, uptake and persistence for a replicate, each from its own
 * stream, so adding or removing an intervention never shifts them (common random numbers).
 */
export function drawTreatment(
  data: TreatmentData,
  streams: TreatmentStreams,
  seed: number,
  replicate: number,
  out: TreatmentDraw,
): void {
  out.rr = Math.min(
    1,
    sample(data.rrAllCause.distribution, reuseStream(seed, replicate, streams.rr)),
  );
  out.uptake = sample(data.uptake.distribution, reuseStream(seed, replicate, streams.uptake));
  out.persistence = sample(
    data.persistence.distribution,
    reuseStream(seed, replicate, streams.persistence),
  );
}

/**
 * People on treatment by year and age: Σ_{c ≤ y} found(c, x)·uptake·persistence^(y − c).
 * @param found - newly found people by year and age (`[y·91 + x]`)
 * @param years - number of years
 * @param uptake - share of the found who start treatment
 * @param persistence - share of the treated still treated a year later
 * @param out - on treatment by year and age, written (may not alias `found`)
 */
export function onTreatmentByYear(
  found: Float64Array,
  years: number,
  uptake: number,
  persistence: number,
  out: Float64Array,
): void {
  for (let x = 0; x < AGES; ++x) out[x] = uptake * found[x]!;
  for (let y = 1; y < years; ++y) {
    const o = y * AGES;
    for (let x = 0; x < AGES; ++x)
      out[o + x] = persistence * out[o - AGES + x]! + uptake * found[o + x]!;
  }
}

/**
 * Adds deaths averted by age among people whose death rate falls from m·`from` to m·`to`:
 * averted(x) += people(x)·m(x)·(from − to). Prevention: from = EMR, to = 1; treatment:
 * from = EMR, to = EMR·RR.
 * @param people - people by age (91 values, from `offset`)
 * @param offset - where the year's 91 values start in `people`
 * @param rates - the year's death rates by age (91 values)
 * @param from - rate multiplier without the intervention
 * @param to - rate multiplier with it
 * @param out - deaths averted by age (91 values), added to
 */
export function addDeathsAverted(
  people: Float64Array,
  offset: number,
  rates: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const cut = from - to;
  for (let x = 0; x < AGES; ++x) out[x] = out[x]! + people[offset + x]! * rates[x]! * cut;
}

/**
 * Life-years gained by deaths averted: Σ averted(x)·e(x), e from the life table of the saved
 * people's rates m(x)·`multiplier`.
 * @param averted - deaths averted by age (91 values)
 * @param rates - the year's death rates by age (91 values)
 * @param multiplier - the saved people's rate multiplier (e.g. EMR·RR for the treated)
 * @param work - work buffers (`ex`, `mx`, `l` overwritten)
 */
export function lifeYearsGained(
  averted: Float64Array,
  rates: Float64Array,
  multiplier: number,
  work: OutcomesWork,
): number {
  const { mx, ex } = work;
  let any = false;
  for (let x = 0; x < AGES; ++x) any ||= averted[x] !== 0;
  if (!any) return 0;
  for (let x = 0; x < AGES; ++x) mx[x] = rates[x]! * multiplier;
  // Those saved are adults: the infant factor barely matters; the male rule is used.
  lifeTableInto(mx, infantSeparation(mx[0]!, 'male'), ex, work.l);
  let years = 0;
  for (let x = 0; x < AGES; ++x) years += averted[x]! * ex[x]!;
  return years;
}

/**
 * Under-75 mortality as a DSR per 100,000 (ESP2013 bands 0-4 … 70-74) from deaths and
 * population by single year of age. NaN where a band has no population.
 * Readable form: dsr(deaths by band, pop by band, ESP2013[0 … 14]).value, without limits.
 * @param deaths - deaths by age (91 values)
 * @param pop - person-years by age (91 values)
 */
export function u75MortalityDsr(deaths: Float64Array, pop: Float64Array): number {
  let weighted = 0;
  let standard = 0;
  for (let b = 0; b < U75_BANDS; ++b) {
    let d = 0;
    let p = 0;
    for (let x = 5 * b; x < 5 * b + 5; ++x) {
      d += deaths[x]!;
      p += pop[x]!;
    }
    const w = ESP2013[b]!;
    weighted += (w * d) / p;
    standard += w;
  }
  return (weighted / standard) * PER_100K;
}

/** Deaths by age: rates(x)·pop(x) − averted(x), never below 0. */
export function deathsAfter(
  rates: Float64Array,
  pop: Float64Array,
  averted: Float64Array | undefined,
  out: Float64Array,
): void {
  for (let x = 0; x < AGES; ++x) {
    const d = rates[x]! * pop[x]!;
    out[x] = averted ? Math.max(0, d - averted[x]!) : d;
  }
}

/**
 * Health gain of one treatment in year `y`: deaths averted among the people on treatment
 * (`onTreatment` from `onTreatmentByYear`) whose rates fall from m·EMR to m·EMR·RR, added to
 * `total` by age.
 * @returns the life-years gained (YLL convention, see the module header)
 */
export function addTreatmentGain(
  onTreatment: Float64Array,
  y: number,
  rates: Float64Array,
  excessMortality: number,
  rr: number,
  work: OutcomesWork,
  total: Float64Array,
): number {
  const { averted } = work;
  averted.fill(0);
  addDeathsAverted(onTreatment, y * AGES, rates, excessMortality, excessMortality * rr, averted);
  for (let x = 0; x < AGES; ++x) total[x] = total[x]! + averted[x]!;
  return lifeYearsGained(averted, rates, excessMortality * rr, work);
}

/**
 * Health gain of prevention in year `y`: deaths averted among the cases avoided (`avoided`,
 * by year and age), whose rates fall from m·EMR to m, added to `total` by age.
 * @returns the life-years gained (YLL convention)
 */
export function addPreventionGain(
  avoided: Float64Array,
  y: number,
  rates: Float64Array,
  excessMortality: number,
  work: OutcomesWork,
  total: Float64Array,
): number {
  const { averted } = work;
  averted.fill(0);
  addDeathsAverted(avoided, y * AGES, rates, excessMortality, 1, averted);
  for (let x = 0; x < AGES; ++x) total[x] = total[x]! + averted[x]!;
  return lifeYearsGained(averted, rates, 1, work);
}

/**
 * The excess-mortality ratio of a condition in a replicate, drawn from the same stream as the
 * prevalence model's (`<area>/prevalence/<condition>/excess_mortality`, at least 1), so both
 * models use the same value.
 */
export function drawExcessMortality(
  stream: StreamName,
  distribution: Distribution,
  seed: number,
  replicate: number,
): number {
  return Math.max(1, sample(distribution, reuseStream(seed, replicate, stream)));
}

/** The stream of a condition's excess-mortality ratio in an area (as the prevalence model names it). */
export function excessMortalityStream(areaCode: string, condition: string): StreamName {
  return streamName(`${areaCode}/prevalence/${condition}/excess_mortality`);
}

/** Inputs of one area and year of {@link outcomesYear}. */
export interface OutcomesYearInput {
  /** Death rates by age of each sex before the health gain (91 values each). */
  readonly ratesMale: Float64Array;
  readonly ratesFemale: Float64Array;
  /** Population by age of each sex (91 values each). */
  readonly popMale: Float64Array;
  readonly popFemale: Float64Array;
  /** The area's deciles and their rate factors (`decileFactors`), by sex. */
  readonly decilesMale: DecileEntry;
  readonly decilesFemale: DecileEntry;
  readonly factorsMale: Float64Array;
  readonly factorsFemale: Float64Array;
  /** Deaths averted by age (persons, 91 values) in the year, or undefined for none. */
  readonly averted?: Float64Array;
  /** 1 for each decile the interventions reach (10 values; all ones: everyone). */
  readonly reached: Float64Array;
  /** The replicate's share of under-75 deaths from CVD. */
  readonly cvdShare: number;
  /**
   * The slots le_birth_male … gap_le_female that these rates give when no deaths are averted,
   * if already known (the base year's rates are the same in every replicate): copied instead
   * of computed in a year that averts none.
   */
  readonly withoutGain?: Float64Array;
}

/** Positions of the values `outcomesYear` writes (the order of OUTCOME_METRICS without the gain). */
export const YEAR_SLOTS = {
  le_birth_male: 0,
  le_birth_female: 1,
  le_65_male: 2,
  le_65_female: 3,
  sii_le_male: 4,
  sii_le_female: 5,
  gap_le_male: 6,
  gap_le_female: 7,
  deaths_averted: 8,
  u75_mortality_dsr: 9,
  u75_cvd_mortality_dsr: 10,
} as const;

/** Slots of life expectancy and its inequality, le_birth_male … gap_le_female. */
const LE_SLOTS = YEAR_SLOTS.gap_le_female + 1;

/**
 * The full outcomes step of one area, replicate and year: the deaths averted are split between
 * the sexes in proportion to their deaths at each age and taken out of the reached deciles;
 * then life expectancy at birth and 65 by sex, the deciles' gap and SII by sex, the deaths
 * averted and the under-75 DSRs are written into `out` at the `YEAR_SLOTS` positions. A year
 * that averts no deaths keeps the rates as they are and skips the split (the same values: with
 * finite deaths the split gives 0 at every age); `input.withoutGain`, if given, then supplies
 * the life expectancies.
 */
export function outcomesYear(
  input: OutcomesYearInput,
  work: OutcomesWork,
  out: Float64Array,
): void {
  const { deaths, avertedBySex, sexTables, personsDeaths, personsPop } = work;
  const { deathsOf, avertedOf } = work;
  const averted = input.averted;
  let any = false;
  if (averted) for (let x = 0; x < AGES && !any; ++x) any = averted[x] !== 0;
  const known = any ? undefined : input.withoutGain;
  let totalAverted = 0;
  if (any && averted) {
    deathsAfter(input.ratesMale, input.popMale, undefined, deathsOf[0]);
    deathsAfter(input.ratesFemale, input.popFemale, undefined, deathsOf[1]);
    for (let x = 0; x < AGES; ++x) {
      const dm = deaths[x]!;
      const both = dm + deaths[AGES + x]!;
      const a = Math.min(averted[x]!, both);
      totalAverted += a;
      avertedBySex[x] = both > 0 ? (a * dm) / both : 0;
      avertedBySex[AGES + x] = a - avertedBySex[x]!;
    }
  } else avertedBySex.fill(0);
  // The rates after the health gain (the rates themselves when nothing is averted), written
  // where the life tables read them.
  for (let s = 0; s < 2; ++s) {
    const rates = s === 0 ? input.ratesMale : input.ratesFemale;
    const after = s === 0 ? sexTables.male : sexTables.female;
    const sexDeaths = deathsOf[s]!;
    const sexAverted = avertedOf[s]!;
    if (any)
      for (let x = 0; x < AGES; ++x) {
        const d = sexDeaths[x]!;
        after[x] = d > 0 ? rates[x]! * (1 - sexAverted[x]! / d) : rates[x]!;
      }
    else if (!known) after.set(rates.length === AGES ? rates : rates.subarray(0, AGES));
  }
  // Persons under 75 (the DSR's ages): deaths after the gain and population, males + females.
  const gainedMale = any ? sexTables.male : input.ratesMale;
  const gainedFemale = any ? sexTables.female : input.ratesFemale;
  const { popMale, popFemale } = input;
  for (let x = 0; x < U75_AGE; ++x) {
    personsDeaths[x] = gainedMale[x]! * popMale[x]! + gainedFemale[x]! * popFemale[x]!;
    personsPop[x] = popMale[x]! + popFemale[x]!;
  }
  if (known) for (let k = 0; k < LE_SLOTS; ++k) out[k] = known[k]!;
  else {
    // Life expectancy at birth and 65 of both sexes in one call; then each sex's deciles.
    sexTables.compute();
    const le = sexTables.results;
    out[YEAR_SLOTS.le_birth_male] = le[0]!;
    out[YEAR_SLOTS.le_birth_female] = le[1]!;
    out[YEAR_SLOTS.le_65_male] = le[2]!;
    out[YEAR_SLOTS.le_65_female] = le[3]!;
    for (let s = 0; s < 2; ++s) sexInequality(input, s, totalAverted > 0, work, out);
  }
  out[YEAR_SLOTS.deaths_averted] = totalAverted;
  const u75 = u75MortalityDsr(personsDeaths, personsPop);
  out[YEAR_SLOTS.u75_mortality_dsr] = u75;
  out[YEAR_SLOTS.u75_cvd_mortality_dsr] = u75 * input.cvdShare;
}

/**
 * The gap and SII in life expectancy between the deciles of one sex (index `s`: 0 male, 1
 * female), with the split's averted deaths taken out of the reached deciles when `reach`,
 * written into `out` at their `YEAR_SLOTS`.
 */
function sexInequality(
  input: OutcomesYearInput,
  s: number,
  reach: boolean,
  work: OutcomesWork,
  out: Float64Array,
): void {
  const male = s === 0;
  const rates = male ? input.ratesMale : input.ratesFemale;
  const entry = male ? input.decilesMale : input.decilesFemale;
  const factors = male ? input.factorsMale : input.factorsFemale;
  const sex: LifeTableSex = male ? 'male' : 'female';
  const { multipliers, inequality } = work;
  if (reach) {
    const { deathsOf, avertedOf } = work;
    const { reach } = work;
    reachMultipliers(
      avertedOf[s]!,
      deathsOf[s]!,
      entry,
      factors,
      input.reached,
      multipliers,
      reach,
    );
    decileLifeExpectancy(rates, factors, sex, work, multipliers);
  } else decileLifeExpectancy(rates, factors, sex, work);
  decileInequality(entry, work, inequality);
  out[male ? YEAR_SLOTS.sii_le_male : YEAR_SLOTS.sii_le_female] = inequality.sii;
  out[male ? YEAR_SLOTS.gap_le_male : YEAR_SLOTS.gap_le_female] = inequality.gap;
}

/** Stream of the replicate's CVD share of under-75 deaths (national, shared by every area). */
export const CVD_SHARE_STREAM: StreamName = streamName('outcomes/cvd_share_u75');

/**
 * The replicate's share of under-75 deaths from CVD.
 * @param share - `data.cvdShareU75.distribution` prepared once (`prepareDistribution`): the
 *   same draws as `sample` without recomputing the sampler's constants each replicate
 */
export function drawCvdShare(share: PreparedDistribution, seed: number, replicate: number): number {
  return samplePrepared(share, reuseStream(seed, replicate, CVD_SHARE_STREAM));
}

/**
 * One projection step of the people the interventions kept alive, for one sex: those saved by
 * mid-year k survive the step as everyone of their age does, and the step's averted deaths join
 * them a year older (the open group 90+ keeps its survivors):
 * next(x + 1) = saved(x)·p(x) + averted(x).
 * The saved are given the background survival of their age (not their condition's): over a
 * five-year horizon they are a few dozen people a year in an area.
 * @param saved - people saved by mid-year k, by age (91 values)
 * @param survival - survival of the step by age (the population model's, 91 values)
 * @param averted - deaths averted during the step by age (91 values)
 * @param next - people saved by mid-year k + 1, by age (91 values), written
 * @returns deaths among the people saved earlier, during the step
 */
export function stepSaved(
  saved: Float64Array,
  survival: Float64Array,
  averted: Float64Array,
  next: Float64Array,
): number {
  let deaths = 0;
  next[0] = 0;
  for (let x = 0; x < OPEN_AGE; ++x) {
    const alive = saved[x]! * survival[x]!;
    deaths += saved[x]! - alive;
    next[x + 1] = alive + averted[x]!;
  }
  const oldest = saved[OPEN_AGE]! * survival[OPEN_AGE]!;
  deaths += saved[OPEN_AGE]! - oldest;
  next[OPEN_AGE] = next[OPEN_AGE]! + oldest + averted[OPEN_AGE]!;
  return deaths;
}

/** Largest spread multiplier `calibrateDecileSpread` searches. */
const MAX_SPREAD = 8;

/**
 * An area's deciles recalibrated to its base year: the levels k(d) are scaled by one factor λ
 * (k → λ·k, the pattern between deciles kept) so that, on the area's base-year rates, the gap
 * between deciles 10 and 1 equals the PHE data's. Without it the gap would follow the area's
 * overall level: an area whose life expectancy changed since the PHE period (about 2015-17)
 * would see its gap stretched or squeezed by up to two years. The gap's size rises with λ (0 at
 * λ = 0), so λ is found by bisection on [0, 8] to 1e-9 years. Entries without a published gap
 * (decile 1 or 10 suppressed or missing, or no gap) are returned unchanged.
 * @param entry - the area's deciles for one sex
 * @param gradient - w(x) of that sex (91 values)
 * @param rates - the area's base-year central death rates of that sex (91 values)
 * @param sex - the rates' sex
 * @param work - work buffers (`pair` and `levels` overwritten)
 * @param factors - 10 × 91 scratch for the factors (overwritten)
 */
export function calibrateDecileSpread(
  entry: DecileEntry,
  gradient: readonly number[],
  rates: Float64Array,
  sex: LifeTableSex,
  work: OutcomesWork,
  factors: Float64Array,
): DecileEntry {
  const published = entry.le[DECILES - 1]! - entry.le[0]!;
  if (!Number.isFinite(published) || published === 0) return entry;
  if (entry.suppressed.includes(1) || entry.suppressed.includes(DECILES)) return entry;
  // A few small districts have decile 1 outliving decile 10: the gap then falls with λ.
  const sign = Math.sign(published);
  const target = sign * published;
  const scaled = (lambda: number): DecileEntry => ({
    ...entry,
    k: entry.k.map((k) => lambda * k),
  });
  const { pair, levels } = work;
  const gapAt = (lambda: number): number => {
    // The factors of scaled(lambda), its levels λ·k(d) in a buffer (no entry made per step), and
    // of deciles 1 and 10 only (rows 0 and 9 of the factors): the gap needs no others.
    for (let d = 0; d < DECILES; ++d) levels[d] = lambda * entry.k[d]!;
    factorsOfLevels(levels, entry.share, gradient, factors, DECILES - 1);
    lifeExpectanciesAtBirthOfProducts(rates, 0, factors, (DECILES - 1) * AGES, 2, sex, pair);
    return sign * (pair[1]! - pair[0]!);
  };
  if (!(gapAt(MAX_SPREAD) > target)) return entry;
  let low = 0;
  let high = MAX_SPREAD;
  while (high - low > 1e-12) {
    const mid = (low + high) / 2;
    const gap = gapAt(mid);
    if (Math.abs(gap - target) < 1e-9) return scaled(mid);
    if (gap < target) low = mid;
    else high = mid;
  }
  return scaled((low + high) / 2);
}
