/**
 * The dot products of the demand and prevalence models in WebAssembly SIMD (`wasm/kernels.wat`:
 * `dot`, `dotByYear`, `demandBaselines`, `prevalenceCases`). Each does the operations of its
 * JavaScript reference in dot-product.ts in the same order (f64x2 lanes hold the reference's
 * separate running sums; WebAssembly has no fused multiply-add), so the results are
 * bit-identical to it (tested), and one call computes a whole replicate's products. The buffers
 * are views of the kernel's memory, which is sized once and never grown: the caller fills the
 * inputs and reads the outputs in place.
 */
import { AGES } from '../ages.js';
import {
  layOut,
  type DemandBaselinesKernel,
  type DotByYearKernel,
  type DotKernel,
  type ExpKernel,
  type PrevalenceCasesKernel,
} from './wasm/instance.js';

const BYTES = Float64Array.BYTES_PER_ELEMENT;

/** Instances kept per thread by `thread`, one per shape, at most this many. */
const MAX_SHARED = 8;
const sharedBaselines = new Map<string, DemandBaselines>();
const sharedCases = new Map<string, PrevalenceCases>();

/**
 * The thread's instance of `key`, made by `make` the first time: a new kernel instance costs
 * a fresh memory (its pages zeroed on first touch) and a WebAssembly instance, about a
 * millisecond for the prevalence model's curves, so the works of every area on a thread share
 * one and reload their constants when another area's work used it last (`ratesOf`, `curvesOf`).
 */
function thread<T>(shared: Map<string, T>, key: string, make: () => T): T {
  let kernel = shared.get(key);
  if (kernel === undefined) {
    if (shared.size >= MAX_SHARED) shared.clear();
    kernel = make();
    shared.set(key, kernel);
  }
  return kernel;
}

/**
 * Doubles in a kernel instance's memory with `dotProduct` and `dotProductByYear` over them
 * (indices, not bytes): the kernels on their own, for tests and benchmarks.
 */
export class DotArray {
  /** The values: a view of the kernel's memory (valid for the array's life). */
  readonly values: Float64Array;
  private readonly dotKernel: DotKernel;
  private readonly byYearKernel: DotByYearKernel;

  /** @param length - how many doubles the array holds */
  constructor(length: number) {
    const { kernel, views } = layOut(0, [length]);
    this.values = views[0]!;
    this.dotKernel = kernel.dot;
    this.byYearKernel = kernel.dotByYear;
  }

  /** `dotProduct(values, x, values, y, n)`. */
  dot(x: number, y: number, n: number): number {
    this.check(x, n);
    this.check(y, n);
    return this.dotKernel(x * BYTES, y * BYTES, n);
  }

  /**
   * `dotProductByYear(values, stride, years, values, rate, from, to, values, out)`.
   * @param pop - where year 0, age 0 of the population is
   * @param stride - values per year
   * @param years - number of years
   * @param rate - where age 0 of the rate is
   * @param from - first age
   * @param to - last age
   * @param out - where year 0's result goes
   */
  dotByYear(
    pop: number,
    stride: number,
    years: number,
    rate: number,
    from: number,
    to: number,
    out: number,
  ): void {
    const ages = Math.max(0, to - from + 1);
    if (years > 0) this.check(pop + (years - 1) * stride + from, ages);
    this.check(rate + from, ages);
    this.check(out, years);
    this.byYearKernel(pop * BYTES, stride * BYTES, years, rate * BYTES, from, to, out * BYTES);
  }

  private check(from: number, count: number): void {
    if (!(Number.isInteger(from) && Number.isInteger(count)) || from < 0 || count < 0)
      throw new RangeError(`DotArray: expected whole offsets >= 0, found ${from} + ${count}`);
    if (from + count > this.values.length)
      throw new RangeError(
        `DotArray: expected a range within 0 … ${this.values.length}, found ${from} + ${count}`,
      );
  }
}

/**
 * The demand model's base activity of a replicate: for every year j and row k (setting ×
 * quintile), `baselines[j·rows + k] = dotProduct(trajectory, j·91, rates, k·91, 91) ·
 * volume[⌊k / (rows / settings)⌋]`, the expression of `simulateDemand`, in one call.
 */
export class DemandBaselines {
  readonly years: number;
  readonly rows: number;
  readonly settings: number;
  /** Input: persons by year and age, `[j·91 + a]`. */
  readonly trajectory: Float64Array;
  /** Input: the rate of each row by age, `[k·91 + a]`. */
  readonly rates: Float64Array;
  /** Input: the activity factor of each setting. */
  readonly volume: Float64Array;
  /** Output: base activity by year and row, `[j·rows + k]`. */
  readonly baselines: Float64Array;
  /** What the rates were last loaded from (the caller's key, to load them once per area). */
  ratesOf: unknown = undefined;
  private readonly kernel: DemandBaselinesKernel;
  private readonly offsets: readonly number[];

  /**
   * @param years - years of the trajectory
   * @param rows - rows of rates (settings × quintiles kept apart)
   * @param settings - settings (a whole divisor of `rows`)
   */
  constructor(years: number, rows: number, settings: number) {
    if (!(settings > 0 && Number.isInteger(rows / settings)))
      throw new RangeError(
        `DemandBaselines: expected rows a whole multiple of settings, found ${rows} and ${settings}`,
      );
    this.years = years;
    this.rows = rows;
    this.settings = settings;
    const { kernel, views, offsets } = layOut(0, [
      years * AGES,
      rows * AGES,
      settings,
      years * rows,
    ]);
    [this.trajectory, this.rates, this.volume, this.baselines] = views;
    this.kernel = kernel.demandBaselines;
    this.offsets = offsets;
  }

  /**
   * The thread's shared instance of this shape (see `thread`): its inputs may hold another
   * caller's values, so check `ratesOf` before each use.
   */
  static shared(years: number, rows: number, settings: number): DemandBaselines {
    return thread(sharedBaselines, `${years} ${rows} ${settings}`, () => {
      return new DemandBaselines(years, rows, settings);
    });
  }

  /** Computes `baselines` from the inputs. */
  compute(): void {
    const [traj, rates, volume, out] = this.offsets as [number, number, number, number];
    this.kernel(traj, rates, volume, out, this.years, this.rows, this.rows / this.settings);
  }
}

/**
 * The prevalence model's registered cases at base-year rates of a replicate: for every
 * condition c and year j, `cases[c·years + j]` is `dotProductByYear` of the trajectory (91 ages
 * a year) with the condition's picked curve over its ages `from … to`, in one call. Each
 * condition holds `curveLength` values of curves (its pinned draws, loaded once per area);
 * `pick` chooses the one a replicate uses.
 */
export class PrevalenceCases {
  readonly years: number;
  readonly conditions: number;
  readonly curveLength: number;
  /** Input: persons by year and age, `[j·91 + a]`. */
  readonly trajectory: Float64Array;
  /** Input: the curves of each condition, `[c·curveLength + i]`. */
  readonly curves: Float64Array;
  /** Output: cases by condition and year, `[c·years + j]`. */
  readonly cases: Float64Array;
  /**
   * Trend factors by condition and year, `[c·years + j]`: the caller writes their logarithms,
   * `expFactors` replaces them by their exponentials (bit-identical to Math.exp).
   */
  readonly factors: Float64Array;
  /** What the curves were last loaded from (the caller's key, to load them once per area). */
  curvesOf: unknown = undefined;
  /** Per condition: byte offset of the picked curve's age 0, first age, last age. */
  private readonly table: Int32Array;
  private readonly curvesAt: number;
  private readonly trajectoryAt: number;
  private readonly casesAt: number;
  private readonly pairsAt: number;
  private readonly factorsAt: number;
  private readonly kernel: PrevalenceCasesKernel;
  private readonly exp: ExpKernel;

  /**
   * @param years - years of the trajectory
   * @param conditions - conditions
   * @param curveLength - values of curves held per condition
   */
  constructor(years: number, conditions: number, curveLength: number) {
    this.years = years;
    this.conditions = conditions;
    this.curveLength = curveLength;
    const head = 3 * conditions * Int32Array.BYTES_PER_ELEMENT;
    // The last buffer is the kernel's scratch: each whole block of four years by age in pairs.
    const { kernel, views, offsets } = layOut(head, [
      years * AGES,
      conditions * years,
      conditions * curveLength,
      Math.floor(years / 4) * 4 * AGES,
      conditions * years,
    ]);
    [this.trajectory, this.cases, this.curves, , this.factors] = views;
    [this.trajectoryAt, this.casesAt, this.curvesAt, this.pairsAt, this.factorsAt] = offsets as [
      number,
      number,
      number,
      number,
      number,
    ];
    this.table = new Int32Array(kernel.buffer, 0, 3 * conditions);
    this.kernel = kernel.prevalenceCases;
    this.exp = kernel.exp;
  }

  /** Replaces every value of `factors` by its exponential. */
  expFactors(): void {
    this.exp(this.factorsAt, this.conditions * this.years);
  }

  /**
   * Sets the ages of condition `c`'s dot products and picks its curve at `curves[c·curveLength +
   * 0]` until `pick` is called.
   * @param c - condition
   * @param from - first age
   * @param to - last age (at most 90)
   */
  setAges(c: number, from: number, to: number): void {
    if (!(c >= 0 && c < this.conditions && from >= 0 && to < AGES))
      throw new RangeError(
        `PrevalenceCases: expected condition 0 … ${this.conditions - 1} and ages within 0 … ${AGES - 1}, found ${c}, ${from} … ${to}`,
      );
    this.table[3 * c + 1] = from;
    this.table[3 * c + 2] = to;
    this.pick(c, 0);
  }

  /**
   * Picks condition `c`'s curve: age 0 at `curves[c·curveLength + at]`.
   * @param c - condition
   * @param at - where age 0 of the curve is within the condition's curves (at most
   *   `curveLength − 91`)
   */
  pick(c: number, at: number): void {
    if (!(at >= 0 && at <= this.curveLength - AGES))
      throw new RangeError(
        `PrevalenceCases: expected a curve within 0 … ${this.curveLength - AGES}, found ${at}`,
      );
    this.table[3 * c] = this.curvesAt + (c * this.curveLength + at) * BYTES;
  }

  /**
   * The thread's shared instance of this shape (see `thread`): its curves may be another
   * caller's, so check `curvesOf` before each use.
   */
  static shared(years: number, conditions: number, curveLength: number): PrevalenceCases {
    return thread(sharedCases, `${years} ${conditions} ${curveLength}`, () => {
      return new PrevalenceCases(years, conditions, curveLength);
    });
  }

  /** Computes `cases` from the trajectory and the picked curves. */
  compute(): void {
    this.kernel(this.trajectoryAt, this.years, 0, this.conditions, this.casesAt, this.pairsAt);
  }
}
