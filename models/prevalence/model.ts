/**
 * Prevalence model: the registers of long-term conditions projected from the replicate's
 * population, by single year of age.
 *
 * - Prevalence route (default): registered prevalence by age = the calibrated national curve
 *   (drawn per replicate from its estimated covariance) × the area's factor (so the 2019/20
 *   register is reproduced exactly on the mid-2019 population) × a secular trend, applied to
 *   the projected population. The default trend follows England's observed QOF series (net
 *   of ageing) through its newest year, then a damped trend whose slope is drawn per
 *   replicate; a scenario's `trend_<C>` is instead the slope of every year from the base year.
 * - Incidence route (whenever an intervention acts on a condition's incidence): an
 *   illness–death cohort model whose incidence by age is derived each year from the
 *   prevalence route and mortality (with an excess-mortality ratio), so an intervention that
 *   cuts incidence lowers prevalence with a realistic lag. With no effect the two routes agree.
 * - True cases: registered cases / detection ratio (drawn per replicate) where the condition
 *   has a sourced detection ratio; detection interventions raise the ratio (at most 1).
 */
import { AGES } from '../../engine/kernels/cohort.js';
import { dotProduct } from '../../engine/kernels/dot-product.js';
import { PrevalenceCases } from '../../engine/kernels/dot-product-wasm.js';
import { illnessDeathStep, incidenceFromPrevalence } from '../../engine/kernels/illness-death.js';
import { logisticCurve, type LogisticCurve } from '../../engine/kernels/logistic-curve.js';
import type { ReferenceData } from '../../engine/io/reference-data.js';
import {
  distributionMean,
  prepareDistribution,
  samplePrepared,
  standardNormal,
  type Distribution,
  type PreparedDistribution,
} from '../../engine/rng/distributions.js';
import { reuseStream, streamName, type StreamName } from '../../engine/rng/stream.js';
import { InputError } from '../../engine/errors.js';
import type { AreaSpec, CellSpec, PopulationInputs, PopulationWork } from '../population/model.js';
import { memberPopulation } from '../population/model.js';
import { assumedTrendCoefficients, trendCoefficients } from './trend.js';
import type { Condition, ConditionCalibration, PrevalenceCalibration } from './types.js';

/** The mid-year whose population the 2019/20 registers are calibrated on. */
export const REGISTER_YEAR = 2019;

/** What an intervention acts on. */
export type InterventionTarget = 'incidence' | 'detection';

/** A prevalence intervention after validation. */
export interface PrevalenceIntervention {
  readonly name: string;
  readonly condition: Condition;
  readonly actsOn: InterventionTarget;
  /** Relative reduction of incidence, or relative increase of detection (0 … 1). */
  readonly effect: Distribution;
  readonly startYear: number;
  /** Years to reach the full effect (0: at once). */
  readonly rampYears: number;
  /** Share of the full effect by year (from a scenario expression), instead of the ramp. */
  readonly profile?: Readonly<Record<string, number>>;
  /** National IMD deciles reached (1 = most deprived); empty: everyone. */
  readonly deciles: readonly number[];
  /** Ages reached (inclusive); the condition's eligible ages when absent. */
  readonly ages?: readonly [number, number];
  /** Cost per year, £, from the start year. */
  readonly costPerYear: Distribution;
  /** Share of the yearly cost spent, by year (from a scenario expression); 1 where absent. */
  readonly costProfile?: Readonly<Record<string, number>>;
}

/** Assumption overrides of the prevalence model, by condition. */
export interface PrevalenceAssumptions {
  readonly trend?: Partial<Record<Condition, Distribution>>;
  readonly detection?: Partial<Record<Condition, Distribution>>;
  readonly excessMortality?: Partial<Record<Condition, Distribution>>;
}

/** What the prevalence part of a scenario asks for. */
export interface PrevalencePlan {
  readonly conditions: readonly Condition[];
  readonly interventions: readonly PrevalenceIntervention[];
  readonly assumptions: PrevalenceAssumptions;
  /**
   * 'auto': the incidence route only for conditions whose incidence an intervention changes;
   * 'incidence': the incidence route for every condition (to compare the routes).
   */
  readonly route: 'auto' | 'incidence';
}

/** National registered prevalence by IMD decile (index 0 = decile 1), by condition. */
export type DeprivationGradient = Readonly<Record<string, readonly number[]>>;

interface InterventionInputs {
  /** Position in `PrevalenceInputs.interventions` (index of its drawn effect). */
  readonly index: number;
  readonly spec: PrevalenceIntervention;
  /** Share of the condition's incidence (or cases) in the deciles reached. */
  readonly reach: number;
  /** 1 at the ages reached, 0 elsewhere. */
  readonly ageMask: Float64Array;
  /** The intervention's effect and yearly cost, prepared for sampling. */
  readonly effect: PreparedDistribution;
  readonly cost: PreparedDistribution;
  readonly effectStream: StreamName;
  readonly costStream: StreamName;
}

/** One condition's inputs for an area. */
export interface ConditionInputs {
  readonly code: Condition;
  readonly curve: LogisticCurve;
  /** Mean and Cholesky factor (lower, row-major 3×3) of (level, tilt, deprivation). */
  readonly mean: Float64Array;
  readonly cholesky: Float64Array;
  /** CURVE_DRAWS pinned curves: registered cases per person, `[k·91 + a]`. */
  readonly curveDraws: Float64Array;
  readonly z: number;
  /** Observed 2019/20 register (sum over the area's local authorities). */
  readonly observed: number;
  /** QOF eligible list / ONS eligible population. */
  readonly listRatio: number;
  /** The slope drawn per replicate (per year, log scale). */
  readonly trend: Distribution;
  /** ln trend factor of year offset j = trendA[j] + trendB[j]·slope (`trendCoefficients`). */
  readonly trendA: Float64Array;
  readonly trendB: Float64Array;
  readonly detection?: Distribution;
  readonly excessMortality: Distribution;
  readonly incidence: readonly InterventionInputs[];
  /** Run the illness–death route even with no incidence intervention. */
  readonly forceIncidence: boolean;
  readonly detectionInterventions: readonly InterventionInputs[];
  /** `trend`, `detection` (null when absent) and `excessMortality` prepared for sampling. */
  readonly prepared: {
    readonly trend: PreparedDistribution;
    readonly detection: PreparedDistribution | null;
    readonly excessMortality: PreparedDistribution;
  };
  readonly streams: {
    readonly curve: StreamName;
    readonly trend: StreamName;
    readonly detection: StreamName;
    readonly rr: StreamName;
  };
  /** Cell indices by year offset (−1: not output). */
  readonly cellRegister: Int32Array;
  readonly cellPrevalence: Int32Array;
  readonly cellTrue: Int32Array;
  readonly cellAvoided: Int32Array;
  readonly cellExtra: Int32Array;
}

/** Everything a replicate of the prevalence model needs for one area. */
export interface PrevalenceInputs {
  readonly area: AreaSpec;
  readonly baseYear: number;
  readonly horizon: number;
  /** ONS mid-2019 population of the area by age (the calibration's denominator). */
  readonly registerPop: Float64Array;
  readonly conditions: readonly ConditionInputs[];
  readonly interventions: readonly InterventionInputs[];
  /** Cells written by this model, appended after `cellOffset` cells of the models before it. */
  readonly cells: readonly CellSpec[];
  readonly cellOffset: number;
  readonly cellCost: Int32Array;
}

/** Cholesky factor (lower, row-major) of a 3×3 covariance; tiny negative pivots are clamped. */
export function cholesky3(cov: readonly number[]): Float64Array {
  const l = new Float64Array(9);
  for (let i = 0; i < 3; ++i) {
    for (let j = 0; j <= i; ++j) {
      let sum = cov[i * 3 + j] ?? 0;
      for (let k = 0; k < j; ++k) sum -= l[i * 3 + k]! * l[j * 3 + k]!;
      l[i * 3 + j] =
        i === j ? Math.sqrt(Math.max(sum, 0)) : l[j * 3 + j]! > 0 ? sum / l[j * 3 + j]! : 0;
    }
  }
  return l;
}

/**
 * Curves drawn per condition and area from the calibration's covariance. Each replicate uses
 * one of them, picked at random by its own stream: the 91 exponentials of a curve are computed
 * CURVE_DRAWS times per area instead of once per replicate (the curve's share of the run's
 * variance is small; its draws still follow the estimated covariance).
 */
export const CURVE_DRAWS = 64;

/**
 * Registered cases per person by age for curve draw `k` of a condition: the logistic curve at
 * parameters mean + L·ε (ε ~ N(0, I) from the stream (seed, k, `<area>/prevalence/<C>/curve-draws`)),
 * scaled so that the area's mid-2019 population gives its observed 2019/20 register exactly.
 */
function curveDraws(
  c: Pick<ConditionInputs, 'curve' | 'mean' | 'cholesky' | 'z' | 'observed'>,
  registerPop: Float64Array,
  seed: number,
  stream: string,
): Float64Array {
  const draws = new Float64Array(CURVE_DRAWS * AGES);
  const curve = new Float64Array(AGES);
  const L = c.cholesky;
  const name = streamName(stream);
  for (let k = 0; k < CURVE_DRAWS; ++k) {
    const rng = reuseStream(seed, k, name);
    const e0 = standardNormal(rng);
    const e1 = standardNormal(rng);
    const e2 = standardNormal(rng);
    const level = c.mean[0]! + L[0]! * e0;
    const tilt = c.mean[1]! + L[3]! * e0 + L[4]! * e1;
    const dep = c.mean[2]! + L[6]! * e0 + L[7]! * e1 + L[8]! * e2;
    logisticCurve(c.curve, level, tilt, dep, c.z, curve);
    const expected = dotProduct(registerPop, 0, curve, 0, AGES);
    const scale = expected > 0 ? c.observed / expected : 0;
    for (let a = 0; a < AGES; ++a) draws[k * AGES + a] = scale * curve[a]!;
  }
  return draws;
}

/** Each calibrated condition's anchor shape as doubles, by its calibration entry (one per thread). */
const shapes = new WeakMap<ConditionCalibration, Float64Array>();

/**
 * A condition's anchor shape as doubles (NaN outside its eligible ages): national, so made once
 * per thread and shared, read-only, by every area's inputs.
 */
function shapeOf(c: ConditionCalibration): Float64Array {
  let shape = shapes.get(c);
  if (shape === undefined) {
    shape = Float64Array.from(c.shape, (x) => (x === null ? NaN : x));
    shapes.set(c, shape);
  }
  return shape;
}

/** Ramp factor of an intervention in `year` (0 before its start, up to 1 after the ramp). */
export function rampAt(
  spec: {
    readonly startYear: number;
    readonly rampYears: number;
    readonly profile?: Readonly<Record<string, number>>;
  },
  year: number,
): number {
  if (year < spec.startYear) return 0;
  if (spec.profile) return spec.profile[String(year)] ?? 0;
  return spec.rampYears <= 0 ? 1 : Math.min(1, (year - spec.startYear + 1) / spec.rampYears);
}

/** Each member's people by age in `year`: views of the reference data (read, never written). */
function memberWeights(
  data: ReferenceData,
  members: readonly string[],
  year: number,
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const code of members) {
    const s = memberPopulation(data, code);
    const offset = (year - s.firstYear) * AGES;
    out.set(code, s.values.subarray(offset, offset + AGES));
  }
  return out;
}

function sum(v: Float64Array, from = 0, to = v.length - 1): number {
  let s = 0;
  for (let i = from; i <= to; ++i) s += v[i]!;
  return s;
}

/**
 * Prepares the prevalence inputs of an area (deterministic).
 * @param cellOffset - cells written by the models before this one
 * @param seed - the run's seed (the curve draws depend on it)
 */
export function preparePrevalence(
  data: ReferenceData,
  calibration: PrevalenceCalibration,
  gradient: DeprivationGradient,
  population: PopulationInputs,
  plan: PrevalencePlan,
  cellOffset: number,
  seed: number,
): PrevalenceInputs {
  const { area, baseYear, horizon } = population;
  const pops = memberWeights(data, area.members, REGISTER_YEAR);
  const registerPop = new Float64Array(AGES);
  for (const v of pops.values())
    for (let a = 0; a < AGES; ++a) registerPop[a] = registerPop[a]! + v[a]!;
  const totalPop = sum(registerPop);
  // Area-level deprivation: population-weighted z; decile shares likewise.
  let z = 0;
  const deciles = new Float64Array(10);
  for (const [code, v] of pops) {
    const w = sum(v) / totalPop;
    z += w * (calibration.deprivationZ[code] ?? 0);
    const shares = calibration.decileShares[code] ?? [];
    for (let d = 0; d < 10; ++d) deciles[d] = deciles[d]! + w * (shares[d] ?? 0);
  }
  const cells: CellSpec[] = [];
  const cellFor = (year: number, metric: string): number => {
    cells.push({ year, metric });
    return cellOffset + cells.length - 1;
  };
  const byYear = (): Int32Array => new Int32Array(horizon + 1).fill(-1);

  const interventions: InterventionInputs[] = [];
  const conditions: ConditionInputs[] = [];
  const parameters = new Map(calibration.parameters.map((p) => [p.code, p]));
  for (const code of plan.conditions) {
    const c = calibration.conditions.find((x) => x.code === code);
    const params = parameters.get(code);
    if (!c || !params) throw new InputError(`prevalence: no calibration for condition ${code}`);
    const shape = shapeOf(c);
    let observed = 0;
    let list = 0;
    let eligible = 0;
    for (const [member, v] of pops) {
      observed += c.register[member] ?? 0;
      const e = sum(v, c.ageMin, Math.min(c.ageMax, AGES - 1));
      eligible += e;
      list += e * (c.listRatio[member] ?? 1);
    }
    const gradientOf = gradient[code] ?? [];
    const reachOf = (spec: PrevalenceIntervention): number => {
      if (spec.deciles.length === 0) return 1;
      let all = 0;
      let reached = 0;
      for (let d = 0; d < 10; ++d) {
        const w = deciles[d]! * (gradientOf[d] ?? 1);
        all += w;
        if (spec.deciles.includes(d + 1)) reached += w;
      }
      return all > 0 ? reached / all : 0;
    };
    const mine = plan.interventions
      .filter((i) => i.condition === code)
      .map((spec) => {
        const [lo, hi] = spec.ages ?? [c.ageMin, c.ageMax];
        const ageMask = Float64Array.from({ length: AGES }, (_, a) => (a >= lo && a <= hi ? 1 : 0));
        const key = `${area.code}/intervention/${spec.name}`;
        const inputs: InterventionInputs = {
          index: interventions.length,
          spec,
          reach: reachOf(spec),
          ageMask,
          effect: prepareDistribution(spec.effect),
          cost: prepareDistribution(spec.costPerYear),
          effectStream: streamName(`${key}/effect`),
          costStream: streamName(`${key}/cost`),
        };
        interventions.push(inputs);
        return inputs;
      });
    const incidence = mine.filter((i) => i.spec.actsOn === 'incidence');
    const detectionInterventions = mine.filter((i) => i.spec.actsOn === 'detection');
    const detection = plan.assumptions.detection?.[code] ?? params.detection?.distribution;
    const cellRegister = byYear();
    const cellPrevalence = byYear();
    const cellTrue = byYear();
    const cellAvoided = byYear();
    const cellExtra = byYear();
    for (let j = 0; j <= horizon; ++j) {
      const year = baseYear + j;
      cellRegister[j] = cellFor(year, `register_${code}`);
      cellPrevalence[j] = cellFor(year, `prevalence_${code}`);
      if (detection) cellTrue[j] = cellFor(year, `true_cases_${code}`);
      if (j > 0 && incidence.length > 0) cellAvoided[j] = cellFor(year, `cases_avoided_${code}`);
      if (j > 0 && detectionInterventions.length > 0)
        cellExtra[j] = cellFor(year, `extra_registered_${code}`);
    }
    const assumed = plan.assumptions.trend?.[code];
    const trend = assumed ?? params.trend.distribution;
    const trendA = new Float64Array(horizon + 1);
    const trendB = new Float64Array(horizon + 1);
    const defaultMean = distributionMean(params.trend.distribution);
    if (assumed === undefined)
      trendCoefficients(params.path, defaultMean, baseYear, trendA, trendB);
    else assumedTrendCoefficients(params.path, defaultMean, baseYear, trendA, trendB);
    const excessMortality =
      plan.assumptions.excessMortality?.[code] ?? params.excessMortality.distribution;
    const curveInputs = {
      curve: { shape, shapeMean: c.shapeMean, ageMin: c.ageMin, ageMax: c.ageMax },
      mean: Float64Array.of(c.level, c.tilt, c.deprivation),
      cholesky: cholesky3(c.covariance),
      z,
      observed,
    };
    conditions.push({
      code,
      ...curveInputs,
      curveDraws: curveDraws(
        curveInputs,
        registerPop,
        seed,
        `${area.code}/prevalence/${code}/curve-draws`,
      ),
      listRatio: eligible > 0 ? list / eligible : 1,
      trend,
      trendA,
      trendB,
      ...(detection ? { detection } : {}),
      excessMortality,
      incidence,
      forceIncidence: plan.route === 'incidence',
      detectionInterventions,
      prepared: {
        trend: prepareDistribution(trend),
        detection: detection ? prepareDistribution(detection) : null,
        excessMortality: prepareDistribution(excessMortality),
      },
      streams: {
        curve: streamName(`${area.code}/prevalence/${code}/curve`),
        trend: streamName(`${area.code}/prevalence/${code}/trend`),
        detection: streamName(`${area.code}/prevalence/${code}/detection`),
        rr: streamName(`${area.code}/prevalence/${code}/excess_mortality`),
      },
      cellRegister,
      cellPrevalence,
      cellTrue,
      cellAvoided,
      cellExtra,
    });
  }
  const cellCost = byYear();
  if (interventions.length > 0)
    for (let j = 1; j <= horizon; ++j) cellCost[j] = cellFor(baseYear + j, 'intervention_cost');
  return {
    area,
    baseYear,
    horizon,
    registerPop,
    conditions,
    interventions,
    cells,
    cellOffset,
    cellCost,
  };
}

/** Working buffers of the prevalence model (one set per thread). */
export interface PrevalenceWork {
  readonly now: Float64Array;
  readonly next: Float64Array;
  readonly cohort: Float64Array;
  readonly cohortNext: Float64Array;
  readonly incidence: Float64Array;
  readonly remission: Float64Array;
  readonly reduction: Float64Array;
  readonly mx: Float64Array;
  /** Drawn effect of each intervention of the last replicate. */
  readonly effects: Float64Array;
  /** Registered cases by condition and year offset of the last replicate: `[c·(h+1) + j]`. */
  readonly registers: Float64Array;
  /** The same without interventions (the prevalence route). */
  readonly baseRegisters: Float64Array;
  /** The same with prevalence frozen at base-year age rates (ageing alone). */
  readonly demoRegisters: Float64Array;
  /** Running sums of the replicate's population by year: `[j·92 + a]` = Σ ages below a. */
  readonly cumulative: Float64Array;
  /** The replicate's pick of each condition's curve draws: where its age 0 is in `curveDraws`. */
  readonly draws: Int32Array;
  /**
   * Registered cases at base-year rates by condition and year of the replicate, in WebAssembly:
   * the thread's instance, shared by the works of its areas (its memory holds the curve draws of
   * the area that used it last, reloaded on a change of area, and a copy of the replicate's
   * population).
   */
  readonly cases: PrevalenceCases;
}

/** Allocates the prevalence model's working buffers. */
export function prevalenceWork(inputs: PrevalenceInputs): PrevalenceWork {
  const conditions = inputs.conditions.length;
  const horizon = inputs.horizon;
  const v = (): Float64Array => new Float64Array(AGES);
  return {
    now: v(),
    next: v(),
    cohort: v(),
    cohortNext: v(),
    incidence: v(),
    remission: v(),
    reduction: v(),
    mx: v(),
    effects: new Float64Array(inputs.interventions.length),
    registers: new Float64Array(conditions * (horizon + 1)),
    baseRegisters: new Float64Array(conditions * (horizon + 1)),
    demoRegisters: new Float64Array(conditions * (horizon + 1)),
    cumulative: new Float64Array((horizon + 1) * (AGES + 1)),
    draws: new Int32Array(conditions),
    cases: PrevalenceCases.shared(horizon + 1, conditions, CURVE_DRAWS * AGES),
  };
}

/**
 * Loads the area's curve draws of every condition and the ages of its dot products into the
 * kernel of `PrevalenceWork.cases` (on a change of area: `curvesOf` keeps whose they are).
 */
function loadCurves(inputs: PrevalenceInputs, kernel: PrevalenceCases): void {
  if (inputs.conditions.length !== kernel.conditions)
    throw new RangeError(
      `prevalence work: buffers for ${kernel.conditions} conditions, inputs of ${inputs.conditions.length}`,
    );
  inputs.conditions.forEach((c, ci) => {
    kernel.curves.set(c.curveDraws, ci * kernel.curveLength);
    kernel.setAges(ci, c.curve.ageMin, Math.min(c.curve.ageMax, AGES - 1));
  });
  kernel.curvesOf = inputs;
}

/**
 * Simulates replicate `replicate` of the prevalence model on the population replicate just
 * projected into `popWork` (its trajectory and mortality), writing cells into `out`.
 */
export function simulatePrevalence(
  inputs: PrevalenceInputs,
  population: PopulationInputs,
  popWork: PopulationWork,
  seed: number,
  replicate: number,
  work: PrevalenceWork,
  out: Float64Array,
  offset: number,
): void {
  const { horizon, baseYear } = inputs;
  const years = horizon + 1;
  const traj = popWork.trajectory;
  const { now, next, cohort, cohortNext, incidence, remission, reduction, mx, effects } = work;
  for (let j = 0; j < years; ++j) {
    let running = 0;
    const c0 = j * (AGES + 1);
    work.cumulative[c0] = 0;
    for (let a = 0; a < AGES; ++a) {
      running += traj[j * AGES + a]!;
      work.cumulative[c0 + a + 1] = running;
    }
  }
  // Intervention draws (one stream each).
  for (const i of inputs.interventions)
    effects[i.index] = samplePrepared(i.effect, reuseStream(seed, replicate, i.effectStream));
  // Registered cases at base-year rates of every condition and year. Readable form
  // (dot-product.ts), for each condition c with its replicate's curve draw, top = min(ageMax, 90):
  //   dotProductByYear(traj, AGES, years, c.curveDraws, draw, c.curve.ageMin, top, cases, c·years)
  // here the same operations in WebAssembly, every condition in one call.
  const kernel = work.cases;
  if (kernel.curvesOf !== inputs) loadCurves(inputs, kernel);
  const kernelTraj = kernel.trajectory;
  kernelTraj.set(traj.length === kernelTraj.length ? traj : traj.subarray(0, kernelTraj.length));
  for (let ci = 0; ci < inputs.conditions.length; ++ci) {
    const c = inputs.conditions[ci]!;
    // The replicate's curve: one of the area's CURVE_DRAWS pinned draws, chosen by its stream.
    const pick = Math.floor(reuseStream(seed, replicate, c.streams.curve).next() * CURVE_DRAWS);
    work.draws[ci] = pick * AGES;
    kernel.pick(ci, pick * AGES);
    // The log trend factor of each year, exponentiated for every condition at once below.
    const trend = samplePrepared(c.prepared.trend, reuseStream(seed, replicate, c.streams.trend));
    const logs = ci * years;
    for (let j = 0; j < years; ++j) kernel.factors[logs + j] = c.trendA[j]! + c.trendB[j]! * trend;
  }
  kernel.compute();
  kernel.expFactors();
  const allCases = kernel.cases;
  const factors = kernel.factors;
  for (let ci = 0; ci < inputs.conditions.length; ++ci) {
    const c = inputs.conditions[ci]!;
    const draw = work.draws[ci]!;
    const { prepared } = c;
    const detection = prepared.detection
      ? Math.min(
          1,
          Math.max(
            1e-6,
            samplePrepared(prepared.detection, reuseStream(seed, replicate, c.streams.detection)),
          ),
        )
      : 1;
    const base = ci * years;
    const frozen = factors[base]!;
    for (let j = 0; j < years; ++j) {
      // One dot product serves both: with the trend, and frozen at base-year rates.
      const cases = allCases[base + j]!;
      const register = cases * factors[base + j]!;
      work.baseRegisters[base + j] = register;
      work.registers[base + j] = register;
      work.demoRegisters[base + j] = cases * frozen;
    }
    // The cohort route runs where an intervention cuts incidence in this replicate (a drawn
    // effect of zero leaves the prevalence route's results untouched), or when asked for.
    let cut = false;
    for (const i of c.incidence) if (effects[i.index]! !== 0) cut = true;
    if (cut || c.forceIncidence) {
      const rr = Math.max(
        1,
        samplePrepared(prepared.excessMortality, reuseStream(seed, replicate, c.streams.rr)),
      );
      for (let a = 0; a < AGES; ++a) cohort[a] = c.curveDraws[draw + a]! * frozen;
      // Until an intervention first acts, the cohort is the prevalence route itself (kept
      // exactly, so years before the start match a run without the intervention).
      let diverged = c.forceIncidence;
      for (let j = 0; j < horizon; ++j) {
        const fNow = factors[base + j]!;
        const fNext = factors[base + j + 1]!;
        const mortality = popWork.mortalityFactors[j]!;
        for (let a = 0; a < AGES; ++a) {
          now[a] = c.curveDraws[draw + a]! * fNow;
          next[a] = c.curveDraws[draw + a]! * fNext;
          mx[a] = mortality * population.trendMx[j * AGES + a]!;
          reduction[a] = 0;
        }
        incidenceFromPrevalence(now, next, mx, rr, incidence, remission);
        for (const i of c.incidence) {
          const e = effects[i.index]! * rampAt(i.spec, baseYear + j + 1) * i.reach;
          for (let a = 0; a < AGES; ++a) reduction[a] = reduction[a]! + e * i.ageMask[a]!;
        }
        let acting = false;
        for (let a = 0; a < AGES; ++a) {
          reduction[a] = Math.min(1, reduction[a]!);
          if (reduction[a]! > 0) acting = true;
        }
        if (!diverged && !acting) {
          cohort.set(next);
          continue; // registers[base + j + 1] already holds the prevalence route
        }
        diverged = true;
        illnessDeathStep(
          traj,
          j * AGES,
          cohort,
          incidence,
          remission,
          reduction,
          mx,
          rr,
          next[0]!,
          cohortNext,
        );
        cohort.set(cohortNext);
        work.registers[base + j + 1] = dotProduct(traj, (j + 1) * AGES, cohort, 0, AGES);
      }
    }
    for (let j = 0; j < years; ++j) {
      let register = work.registers[base + j]!;
      let extra = 0;
      if (c.detectionInterventions.length > 0) {
        let lift = 0;
        for (const i of c.detectionInterventions)
          lift += effects[i.index]! * rampAt(i.spec, baseYear + j) * i.reach;
        const raised = Math.min(1, detection * (1 + lift));
        extra = register * (raised / detection - 1);
        register += extra;
        work.registers[base + j] = register;
      }
      // Eligible population from the running sums of the year's population by age.
      const cum = work.cumulative;
      const eligible =
        (cum[j * (AGES + 1) + Math.min(c.curve.ageMax, AGES - 1) + 1]! -
          cum[j * (AGES + 1) + c.curve.ageMin]!) *
        c.listRatio;
      out[offset + c.cellRegister[j]!] = register;
      // Readable form: out[…] = eligible > 0 ? (100 * register) / eligible : NaN. Written in
      // two statements, as a variable or expression that may hold the NaN constant as well as
      // computed values is kept boxed (an allocation a cell).
      if (eligible > 0) out[offset + c.cellPrevalence[j]!] = (100 * register) / eligible;
      else out[offset + c.cellPrevalence[j]!] = NaN;
      if (c.cellTrue[j]! >= 0) out[offset + c.cellTrue[j]!] = (register - extra) / detection;
      if (c.cellAvoided[j]! >= 0)
        out[offset + c.cellAvoided[j]!] =
          (work.baseRegisters[base + j]! - (register - extra)) / detection;
      if (c.cellExtra[j]! >= 0) out[offset + c.cellExtra[j]!] = extra;
    }
  }
  if (inputs.interventions.length > 0) {
    for (let j = 1; j <= horizon; ++j) {
      let cost = 0;
      for (const i of inputs.interventions) {
        if (baseYear + j < i.spec.startYear) continue;
        const share = i.spec.costProfile?.[String(baseYear + j)] ?? 1;
        cost += share * samplePrepared(i.cost, reuseStream(seed, replicate, i.costStream));
      }
      out[offset + inputs.cellCost[j]!] = cost;
    }
  }
}
