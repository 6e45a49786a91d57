/**
 * Period life table by single year of age 0 … 89 and the open group 90+, from central death
 * rates m(x). Method: the standard single-year table (Chiang 1984; Preston, Heuveline & Guillot
 * 2001, "Demography", ch. 3):
 * - q(x) = m(x) / (1 + (1 − a(x))·m(x)), capped at 1, with a(x) = 0.5 at ages 1 … 89 and a(0)
 *   by the Coale–Demeny rule of the infant rate (`infantSeparation`);
 * - the open group closes with q(90+) = 1 and L(90+) = l(90)/m(90+) (a stationary open group);
 * - L(x) = l(x+1) + a(x)·(l(x) − l(x+1)), T(x) = Σ L from x, e(x) = T(x)/l(x).
 * Allocation-free: the caller owns the work buffer (survivors l, 91 values).
 */
import { AGES, OPEN_AGE } from './cohort.js';

/**
 * Rate of infant mortality m(0) from which Coale–Demeny's a(0) is a constant (Preston et al.
 * Table 3.3); kernels.wat's $tableE0 restates it (WebAssembly text cannot import it).
 */
const CD_M0_HIGH = 0.107;

/** The Coale–Demeny rule of a(0) of one sex: intercept + slope·m0, or `high` from m0 = 0.107. */
export interface InfantSeparationRule {
  readonly intercept: number;
  readonly slope: number;
  readonly high: number;
}

/**
 * Coale–Demeny a(0) (Preston, Heuveline & Guillot 2001, Table 3.3): males 0.045 + 2.684·m0,
 * 0.330 at high m0; females 0.053 + 2.800·m0, 0.350 at high m0.
 */
export const INFANT_SEPARATION: Readonly<Record<LifeTableSex, InfantSeparationRule>> = {
  male: { intercept: 0.045, slope: 2.684, high: 0.33 },
  female: { intercept: 0.053, slope: 2.8, high: 0.35 },
};
const CD_MALE_INTERCEPT = INFANT_SEPARATION.male.intercept;
const CD_MALE_SLOPE = INFANT_SEPARATION.male.slope;
const CD_MALE_HIGH = INFANT_SEPARATION.male.high;
const CD_FEMALE_INTERCEPT = INFANT_SEPARATION.female.intercept;
const CD_FEMALE_SLOPE = INFANT_SEPARATION.female.slope;
const CD_FEMALE_HIGH = INFANT_SEPARATION.female.high;
/** Fraction of the year lived by those dying at ages 1 … 89 (deaths spread evenly over the year). */
const A_ADULT = 0.5;

/** Sex of a life table: decides the infant separation factor. */
export type LifeTableSex = 'male' | 'female';

/**
 * Fraction of the first year lived by infants who die in it, by the Coale–Demeny rule of the
 * infant death rate m(0) (Preston, Heuveline & Guillot 2001, Table 3.3). For English infant
 * rates (m0 ≈ 0.004) it gives about 0.056 (males) and 0.063 (females).
 * @param m0 - central death rate under one year
 * @param sex - the table's sex
 */
export function infantSeparation(m0: number, sex: LifeTableSex): number {
  if (sex === 'male')
    return m0 >= CD_M0_HIGH ? CD_MALE_HIGH : CD_MALE_INTERCEPT + CD_MALE_SLOPE * m0;
  return m0 >= CD_M0_HIGH ? CD_FEMALE_HIGH : CD_FEMALE_INTERCEPT + CD_FEMALE_SLOPE * m0;
}

/** Allocates the work buffer of {@link lifeTableInto} (survivors by age, 91 values). */
export function lifeTableWork(): Float64Array {
  return new Float64Array(AGES);
}

/**
 * Life expectancy at every single year of age, written into `ex`; returns e(0).
 * Every e(x) is NaN when a rate is negative or missing or m(90+) is not positive (the open
 * group would never close).
 * @param mx - central death rates at ages 0 … 89 and 90+ (91 values)
 * @param a0 - fraction of the first year lived by infants who die (see `infantSeparation`)
 * @param ex - life expectancy by age (91 values), written
 * @param work - survivors l(x), from `lifeTableWork` (91 values), overwritten
 */
export function lifeTableInto(
  mx: Float64Array,
  a0: number,
  ex: Float64Array,
  work: Float64Array,
): number {
  const l = work;
  const mOpen = mx[OPEN_AGE]!;
  let valid = mOpen > 0;
  // Survivors: l(0) = 1, l(x+1) = l(x)·(1 − q(x)); age 0 (its own a(0)) peeled from the loops.
  const m0 = mx[0]!;
  if (!(m0 >= 0)) valid = false;
  const q0 = m0 / (1 + (1 - a0) * m0);
  l[0] = 1;
  l[1] = q0 >= 1 ? 0 : 1 - q0;
  for (let x = 1; x < OPEN_AGE; ++x) {
    const m = mx[x]!;
    if (!(m >= 0)) valid = false;
    const q = m / (1 + (1 - A_ADULT) * m);
    l[x + 1] = q >= 1 ? 0 : l[x]! * (1 - q);
  }
  if (!valid) {
    ex.fill(NaN);
    return NaN;
  }
  // Person-years backwards: T(90) = l(90)/m(90+), T(x) = T(x+1) + l(x+1) + a(x)·(l(x) − l(x+1)),
  // e(x) = T(x)/l(x) (0 where no one survives), stored by branch (see lifeExpectancyBirthAnd65Into).
  let t = l[OPEN_AGE]! / mOpen;
  ex[OPEN_AGE] = 1 / mOpen;
  for (let x = OPEN_AGE - 1; x >= 1; --x) {
    const next = l[x + 1]!;
    const now = l[x]!;
    t += next + A_ADULT * (now - next);
    if (now > 0) ex[x] = t / now;
    else ex[x] = 0;
  }
  const l1 = l[1];
  t += l1 + a0 * (1 - l1);
  ex[0] = t;
  return t;
}

/** Age whose life expectancy `lifeExpectancyBirthAnd65Into` reports beside e(0). */
export const LATER_AGE = 65;

/**
 * Life expectancy at birth and at 65 only, in one forward pass with no buffers: the same table
 * as {@link lifeTableInto} (so the same values up to rounding), summing person-years as it goes:
 * e(0) = Σ L(x) (l(0) = 1) and e(65) = Σ_{x ≥ 65} L(x) / l(65).
 * Readable form: lifeTableInto(mx, a0, ex, work); out = [ex[0], ex[65]].
 * @param mx - central death rates at ages 0 … 89 and 90+ (91 values)
 * @param a0 - fraction of the first year lived by infants who die
 * @param out - [e(0), e(65)], written (NaN where `lifeTableInto` gives NaN)
 */
export function lifeExpectancyBirthAnd65Into(
  mx: Float64Array,
  a0: number,
  out: Float64Array,
): void {
  const mOpen = mx[OPEN_AGE]!;
  let valid = mOpen > 0;
  // Age 0 peeled (its own a(0)), so the loop has no branch on the separation factor.
  const m0 = mx[0]!;
  if (!(m0 >= 0)) valid = false;
  const q0 = m0 / (1 + (1 - a0) * m0);
  let l = q0 >= 1 ? 0 : 1 - q0;
  let total = l + a0 * (1 - l);
  let later = 0;
  let lLater = 0;
  for (let x = 1; x < OPEN_AGE; ++x) {
    const m = mx[x]!;
    if (!(m >= 0)) valid = false;
    const q = m / (1 + (1 - A_ADULT) * m);
    const next = q >= 1 ? 0 : l * (1 - q);
    const lived = next + A_ADULT * (l - next);
    total += lived;
    if (x >= LATER_AGE) later += lived;
    if (x === LATER_AGE) lLater = l;
    l = next;
  }
  // Stored by branch (a conditional expression of a constant would box the merged number).
  if (!valid) {
    out[0] = NaN;
    out[1] = NaN;
    return;
  }
  const open = l / mOpen;
  out[0] = total + open;
  if (lLater > 0) out[1] = (later + open) / lLater;
  else out[1] = 0;
}

/**
 * Life expectancy at birth of `rows` tables whose rates are products, row r's
 * m_r(x) = a(r·aStride + x)·b(r·bStride + x): the e(0) of {@link lifeExpectancyBirthAnd65Into}
 * with a(0) from `infantSeparation(m_r(0), sex)`, in its product form (`productTableSums`, then
 * `productTableE0`: the same table with one division instead of one an age, so the same value up
 * to rounding, about 1e-15 relative), formed as it goes (no rates are written). The outcomes
 * model calls it for the area's rates (aStride 0) times its ten deprivation deciles' factors
 * (bStride 91); `DecileLifeTables` computes the same values, bit for bit, in WebAssembly.
 * Readable form: for r: for x: mx[x] = a[r·aStride + x]·b[r·bStride + x];
 * lifeExpectancyBirthAnd65Into(mx, infantSeparation(mx[0], sex), pair); out[r] = pair[0].
 * @param a - first factors of the rates (91 values from each row's start)
 * @param aStride - distance between the rows' starts in `a` (0: every row reads the same rates)
 * @param b - second factors of the rates (91 values from each row's start)
 * @param bStride - distance between the rows' starts in `b`
 * @param rows - number of tables
 * @param sex - decides the infant separation factor
 * @param out - e(0) of each row (`rows` values), written; NaN for a row with a negative or
 *   missing rate or m(90+) not positive
 */
export function lifeExpectanciesAtBirthOfProducts(
  a: Float64Array,
  aStride: number,
  b: Float64Array,
  bStride: number,
  rows: number,
  sex: LifeTableSex,
  out: Float64Array,
): void {
  const sums = productSums;
  for (let r = 0; r < rows; ++r) {
    const ai = r * aStride;
    const bi = r * bStride;
    const m0 = a[ai]! * b[bi]!;
    const open = a[ai + OPEN_AGE]! * b[bi + OPEN_AGE]!;
    if (productTableSums(a, ai, b, bi, sums))
      productTableE0(m0, open, sums[0]!, sums[1]!, sums[2]!, sex, out, r);
    else out[r] = NaN;
  }
}

/**
 * Life expectancy at birth of `rows` tables m_r(x) = (rates(x)·factors(r·91 + x))·
 * multipliers(r·91 + x): the area's rates, its deprivation deciles' factors and an
 * intervention's multipliers of the deciles it reaches. The products of rates and factors are
 * formed first (into `products`), then the tables of products × multipliers
 * (`lifeExpectanciesAtBirthOfProducts`); `DecileLifeTables.computeReached` computes the same
 * values, bit for bit, in WebAssembly.
 * @param products - scratch of rows × 91 values, overwritten
 */
export function lifeExpectanciesAtBirthOfReached(
  rates: Float64Array,
  factors: Float64Array,
  multipliers: Float64Array,
  rows: number,
  sex: LifeTableSex,
  out: Float64Array,
  products: Float64Array,
): void {
  for (let r = 0; r < rows; ++r)
    for (let x = 0; x < AGES; ++x) products[r * AGES + x] = rates[x]! * factors[r * AGES + x]!;
  lifeExpectanciesAtBirthOfProducts(products, AGES, multipliers, AGES, rows, sex, out);
}

/** The sums of one table (`productTableSums`), reused. */
const productSums = new Float64Array(3);

/**
 * The sums over ages 1 … 89 of the single-year life table in product form. With h = m(x)/2,
 * survival over age x is 1 − q(x) = 1 − m/(1 + m/2) = u/w with u = max(0, 1 − h) (no one
 * survives when q ≥ 1) and w = 1 + h, so l(x)/l(1) = F(x)/D(x) with F = Π u and D = Π w over
 * the ages before x, and Σ_{x=1…89} l(x)/l(1) = P/D with P ← (P + F)·w: products only, no
 * division. Written: sums = [P, F, D] after age 89, so F/D = l(90)/l(1).
 * @param a - first factors of the rates, age 0 at `ai`
 * @param b - second factors, age 0 at `bi` (m(x) = a(ai + x)·b(bi + x))
 * @param sums - [P, F, D], written
 * @returns false when a rate at ages 1 … 89 is negative or missing
 */
export function productTableSums(
  a: Float64Array,
  ai: number,
  b: Float64Array,
  bi: number,
  sums: Float64Array,
): boolean {
  let valid = true;
  let p = 0;
  let f = 1;
  let d = 1;
  for (let x = 1; x < OPEN_AGE; ++x) {
    const h = 0.5 * a[ai + x]! * b[bi + x]!;
    if (!(h >= 0)) valid = false;
    const w = 1 + h;
    p = (p + f) * w;
    d = d * w;
    f = f * Math.max(0, 1 - h);
  }
  sums[0] = p;
  sums[1] = f;
  sums[2] = d;
  return valid;
}

/**
 * Life expectancy at birth from a table's product-form sums (`productTableSums`), its infant
 * and open-group rates: with l(1) = 1 − q(0) and the separation factor s = a(0),
 * e(0) = L(0) + Σ_{x=1…89} (l(x) + l(x+1))/2 + l(90)/m(90+)
 *      = l(1) + s·(1 − l(1)) − l(1)/2 + l(1)·(P·m90 + F·(m90/2 + 1))/(D·m90).
 * @param m0 - central death rate under one year
 * @param open - central death rate of the open group 90+
 * @param p - P of `productTableSums`
 * @param f - F of `productTableSums`
 * @param d - D of `productTableSums`
 * @param sex - decides the infant separation factor
 * @param out - where e(0) is written, at `at` (NaN when m(0) is negative or missing or m(90+) is
 *   not positive): written rather than returned, since a number returned from a call that is not
 *   inlined is boxed (an allocation per table)
 * @param at - index in `out`
 */
export function productTableE0(
  m0: number,
  open: number,
  p: number,
  f: number,
  d: number,
  sex: LifeTableSex,
  out: Float64Array,
  at: number,
): void {
  if (!(m0 >= 0 && open > 0)) {
    out[at] = NaN;
    return;
  }
  const s = infantSeparation(m0, sex);
  const q0 = m0 / (1 + (1 - s) * m0);
  const l1 = q0 >= 1 ? 0 : 1 - q0;
  out[at] = l1 + s * (1 - l1) - 0.5 * l1 + (l1 * (p * open + f * (0.5 * open + 1))) / (d * open);
}

/**
 * Chiang's a(0) of the PHE method (0.1), used where a table's rates are scaled to a published
 * life expectancy (`levelForLifeExpectancy`): the calibration of the population model.
 */
export const INFANT_A0 = 0.1;

/**
 * Life expectancy at birth (years) for the rates `factor · mx[offset + a]`, a = 0 … 90: the
 * table of {@link lifeTableInto} with a(0) = INFANT_A0, scaled and read in place (no buffers).
 * @param mx - central death rates by single year of age (91 values from `offset`)
 * @param factor - multiplier of every rate (1 for the rates as given)
 */
export function lifeExpectancyAtBirth(mx: Float64Array, factor = 1, offset = 0): number {
  let l = 1;
  let total = 0;
  for (let a = 0; a < OPEN_AGE; ++a) {
    const m = factor * mx[offset + a]!;
    const ax = a === 0 ? INFANT_A0 : 0.5;
    const q = Math.min(1, m / (1 + (1 - ax) * m));
    const d = l * q;
    total += l - (1 - ax) * d;
    l -= d;
  }
  return total + l / (factor * mx[offset + OPEN_AGE]!);
}

/**
 * The factor k for which `lifeExpectancyAtBirth(mx, k)` equals `target` (bisection on log k
 * within [1/50, 50]; life expectancy falls as k rises). NaN for a non-finite target.
 */
export function levelForLifeExpectancy(mx: Float64Array, target: number, offset = 0): number {
  if (!Number.isFinite(target)) return NaN;
  let lo = Math.log(1 / 50);
  let hi = Math.log(50);
  for (let i = 0; i < 80; ++i) {
    const mid = (lo + hi) / 2;
    if (lifeExpectancyAtBirth(mx, Math.exp(mid), offset) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
