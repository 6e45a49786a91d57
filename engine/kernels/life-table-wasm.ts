/**
 * The outcomes model's decile life tables in WebAssembly SIMD (`wasm/kernels.wat`:
 * `decileLifeExpectancies`): life expectancy at birth of the ten tables rates(x)·factors(d, x),
 * two tables to a vector. The kernel computes each table's product-form sums and finishes it
 * with the operations of `productTableSums` and `productTableE0` in the same order, so the
 * results are bit-identical to `lifeExpectanciesAtBirthOfProducts` (tested). A run computes
 * these tables for each sex, year and replicate of an area, against factors that are fixed for
 * the area: they are laid out in the kernel's memory (by age, two deciles to a vector) once per
 * area and sex, and each call copies in only the 91 rates.
 */
import { AGES, OPEN_AGE } from '../ages.js';
import {
  INFANT_SEPARATION,
  infantSeparation,
  lifeExpectanciesAtBirthOfProducts,
  lifeExpectanciesAtBirthOfReached,
  type LifeTableSex,
} from './life-table.js';
import {
  layOut,
  type DecileLifeExpectanciesKernel,
  type DecileLifeExpectanciesReachedKernel,
  type LifeExpectancyPairKernel,
} from './wasm/instance.js';

/** Tables of a call: the ten deprivation deciles. */
export const DECILE_TABLES = 10;

/** Doubles of one sex's factors in the kernel's layout (five pairs × 91 ages × 2 lanes). */
const FACTOR_DOUBLES = DECILE_TABLES * AGES;
/**
 * Largest m(x) = rate × factor at which the kernel's sums are used: below 2, h = m/2 < 1 and
 * `productTableSums`' max(0, 1 − h) is 1 − h, which the kernel computes without the max (the
 * margin covers the rounding of the kernel's check). English rates are below 0.5 at every age.
 */
const LARGEST_RATE = 1.99;

let shared: DecileLifeTables | undefined;
let sharedSexes: SexLifeTables | undefined;

/**
 * Life expectancy at birth of the ten tables m_d(x) = rates(x)·factors(d·91 + x), d = 0 … 9:
 * `lifeExpectanciesAtBirthOfProducts(rates, 0, factors, 91, 10, sex, out)`, bit for bit.
 */
export class DecileLifeTables {
  private readonly kernel: DecileLifeExpectanciesKernel;
  private readonly reachedKernel: DecileLifeExpectanciesReachedKernel;
  private readonly rates: Float64Array;
  /** An intervention's multipliers of the deciles' rates (10 × 91). */
  private readonly multipliers: Float64Array;
  /** Scratch of the JavaScript that `computeReached` leaves some tables to. */
  private readonly products = new Float64Array(FACTOR_DOUBLES);
  /** The factors of each sex (male, female) by age, two deciles to a vector. */
  private readonly factors: readonly [Float64Array, Float64Array];
  /** The largest factor of each sex at each age. */
  private readonly most: readonly [Float64Array, Float64Array];
  /** The kernel's results: e(0) of each table. */
  private readonly e0: Float64Array;
  /** What the kernel checked: the least rate and the largest rate × factor. */
  private readonly check: Float64Array;
  private readonly at: readonly number[];
  /** The arrays the factors of each sex were laid out from (their key). */
  private readonly factorsOf: [Float64Array | undefined, Float64Array | undefined] = [
    undefined,
    undefined,
  ];
  /** Whether each sex's factors are all at least 0 (the kernel's sums need it). */
  private readonly positive: [boolean, boolean] = [false, false];

  constructor() {
    const { kernel, views, offsets } = layOut(0, [
      AGES,
      FACTOR_DOUBLES,
      FACTOR_DOUBLES,
      AGES,
      AGES,
      DECILE_TABLES,
      2,
      FACTOR_DOUBLES,
    ]);
    const [rates, male, female, mostMale, mostFemale, e0, check, multipliers] = views;
    this.kernel = kernel.decileLifeExpectancies;
    this.reachedKernel = kernel.decileLifeExpectanciesReached;
    this.rates = rates;
    this.multipliers = multipliers;
    this.factors = [male, female];
    this.most = [mostMale, mostFemale];
    this.e0 = e0;
    this.check = check;
    this.at = offsets;
  }

  /** The thread's instance: a call is synchronous, so every area's work on a thread shares it. */
  static shared(): DecileLifeTables {
    shared ??= new DecileLifeTables();
    return shared;
  }

  /**
   * Life expectancy at birth of each decile's table.
   * @param rates - the area's central death rates of one sex (91 values)
   * @param factors - the area's decile factors of that sex (10 × 91 values): laid out on the
   *   first call with this array and kept, so they must not change afterwards
   * @param sex - the rates' sex
   * @param out - e(0) of each decile (10 values), written
   */
  compute(rates: Float64Array, factors: Float64Array, sex: LifeTableSex, out: Float64Array): void {
    const s = this.prepare(rates, factors, sex);
    const at = this.at;
    const rule = INFANT_SEPARATION[sex];
    this.kernel(
      at[0]!,
      at[1 + s]!,
      at[3 + s]!,
      rule.intercept,
      rule.slope,
      rule.high,
      at[5]!,
      at[6]!,
    );
    const check = this.check;
    // Negative rates or factors, or rates of 2 and more (none in the data), are left to the
    // JavaScript, which tells the tables they touch apart.
    if (!(this.positive[s] && check[0]! >= 0 && check[1]! < LARGEST_RATE)) {
      lifeExpectanciesAtBirthOfProducts(rates, 0, factors, AGES, DECILE_TABLES, sex, out);
      return;
    }
    out.set(this.e0);
  }

  /**
   * Life expectancy at birth of each decile's table when an intervention reaches some: the rates
   * (rates(x)·factors(d, x))·multipliers(d, x),
   * `lifeExpectanciesAtBirthOfReached(rates, factors, multipliers, 10, sex, out, …)` bit for bit.
   * @param rates - the area's central death rates of one sex (91 values)
   * @param factors - the area's decile factors of that sex (10 × 91 values), kept as `compute`
   *   keeps them
   * @param multipliers - the intervention's multipliers of each decile's rates (10 × 91 values)
   * @param sex - the rates' sex
   * @param out - e(0) of each decile (10 values), written
   */
  computeReached(
    rates: Float64Array,
    factors: Float64Array,
    multipliers: Float64Array,
    sex: LifeTableSex,
    out: Float64Array,
  ): void {
    const s = this.prepare(rates, factors, sex);
    // The multipliers copied whole; whether they and the rates of ages 1 … 89 are all at least 0
    // (none missing), the largest multiplier, and the largest product of a rate and a factor.
    const count = FACTOR_DOUBLES;
    this.multipliers.set(
      multipliers.length === count ? multipliers : multipliers.subarray(0, count),
    );
    // Comparisons rather than Math.min and Math.max, which cost several times as much here.
    let valid = this.positive[s];
    let largestMultiplier = 0;
    for (let i = 0; i < count; ++i) {
      const v = multipliers[i]!;
      if (!(v >= 0)) valid = false;
      if (v > largestMultiplier) largestMultiplier = v;
    }
    const most = this.most[s]!;
    let largestProduct = 0;
    for (let x = 1; x < OPEN_AGE; ++x) {
      const r = rates[x]!;
      const product = r * most[x]!;
      if (!(r >= 0 && product >= 0)) valid = false;
      if (product > largestProduct) largestProduct = product;
    }
    // The kernel's sums are the JavaScript's where every h = (0.5·rate·factor)·multiplier is at
    // least 0 and below 1: rates, factors and multipliers at least 0 (none missing) and the
    // largest product below 2. Other tables (none in the data) are left to the JavaScript, which
    // tells the tables they touch apart.
    if (!(valid && largestProduct * largestMultiplier < LARGEST_RATE)) {
      lifeExpectanciesAtBirthOfReached(
        rates,
        factors,
        multipliers,
        DECILE_TABLES,
        sex,
        out,
        this.products,
      );
      return;
    }
    const at = this.at;
    const rule = INFANT_SEPARATION[sex];
    this.reachedKernel(at[0]!, at[1 + s]!, at[7]!, rule.intercept, rule.slope, rule.high, at[5]!);
    out.set(this.e0);
  }

  /**
   * Makes the kernel's memory hold `factors` as the sex's (laid out on a change) and a copy of
   * `rates`; returns the sex's index (0 male, 1 female).
   */
  private prepare(rates: Float64Array, factors: Float64Array, sex: LifeTableSex): number {
    const s = sex === 'male' ? 0 : 1;
    if (this.factorsOf[s] !== factors) this.load(s, factors);
    this.rates.set(rates.length === AGES ? rates : rates.subarray(0, AGES));
    return s;
  }

  /**
   * Lays out `factors` as sex `s`'s: by age with deciles 2k and 2k + 1 in a vector's lanes, and
   * the largest of each age.
   */
  private load(s: number, factors: Float64Array): void {
    if (factors.length < FACTOR_DOUBLES)
      throw new RangeError(
        `DecileLifeTables: expected ${FACTOR_DOUBLES} factors, found ${factors.length}`,
      );
    const laid = this.factors[s]!;
    const most = this.most[s]!;
    let positive = true;
    most.fill(0);
    for (let d = 0; d < DECILE_TABLES; ++d) {
      const pair = (d >> 1) * 2 * AGES + (d & 1);
      for (let x = 0; x < AGES; ++x) {
        const f = factors[d * AGES + x]!;
        if (!(f >= 0)) positive = false;
        if (f > most[x]!) most[x] = f;
        laid[pair + 2 * x] = f;
      }
    }
    this.positive[s] = positive;
    this.factorsOf[s] = factors;
  }
}

/**
 * Life expectancy at birth and at 65 of a male and a female table in one call of the kernel
 * (`wasm/kernels.wat`: `lifeExpectancyPair`, the sexes in a vector's lanes): per table
 * `lifeExpectancyBirthAnd65Into(rates, infantSeparation(rates[0], sex), pair)`, bit for bit
 * (tested). The caller writes the rates into `male` and `female` (views of the kernel's memory)
 * and calls `compute`.
 */
export class SexLifeTables {
  /** Male central death rates 0 … 89, 90+ (91 values), read by `compute`. */
  readonly male: Float64Array;
  /** Female central death rates, likewise. */
  readonly female: Float64Array;
  /** The results: e(0) male, e(0) female, e(65) male, e(65) female. */
  readonly results: Float64Array;
  private readonly kernel: LifeExpectancyPairKernel;
  private readonly at: readonly number[];

  constructor() {
    const { kernel, views, offsets } = layOut(0, [AGES, AGES, 4]);
    [this.male, this.female, this.results] = views;
    this.kernel = kernel.lifeExpectancyPair;
    this.at = offsets;
  }

  /** The thread's instance: a call is synchronous, so every area's work on a thread shares it. */
  static shared(): SexLifeTables {
    sharedSexes ??= new SexLifeTables();
    return sharedSexes;
  }

  /** Computes `results` from `male` and `female`. */
  compute(): void {
    const at = this.at;
    this.kernel(
      at[0]!,
      at[1]!,
      infantSeparation(this.male[0]!, 'male'),
      infantSeparation(this.female[0]!, 'female'),
      at[2]!,
    );
  }
}
