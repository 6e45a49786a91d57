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

/** Rate of infant mortality m(0) from which Coale–Demeny's a(0) is a constant (Preston et al. Table 3.3). */
const CD_M0_HIGH = 0.107;
/** Coale–Demeny a(0) (Preston, Heuveline & Guillot 2001, Table 3.3): males 0.045 + 2.684·m0, 0.330 at high m0. */
const CD_MALE_INTERCEPT = 0.045;
const CD_MALE_SLOPE = 2.684;
const CD_MALE_HIGH = 0.33;
/** Females: 0.053 + 2.800·m0, 0.350 at high m0. */
const CD_FEMALE_INTERCEPT = 0.053;
const CD_FEMALE_SLOPE = 2.8;
const CD_FEMALE_HIGH = 0.35;
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

/** Tables {@link lifeExpectanciesAtBirthOfProducts} computes in one pass over the ages. */
export const PRODUCT_LANES = 5;

/**
 * Life expectancy at birth of `rows` tables whose rates are products, row r's
 * m_r(x) = a(r·aStride + x)·b(r·bStride + x): the e(0) of {@link lifeExpectancyBirthAnd65Into}
 * with a(0) from `infantSeparation(m_r(0), sex)`, bit for bit, formed as it goes (no rates are
 * written). Five rows (`PRODUCT_LANES`) share each pass over the ages, so that the divisions of
 * one table overlap those of the others in the processor; a last pass with fewer rows repeats
 * the last row (so `rows` is best a multiple of five). The outcomes model calls it for each sex
 * and year of a replicate: the area's rates (aStride 0) times its ten deprivation deciles'
 * factors (bStride 91).
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
  const last = rows - 1;
  for (let r = 0; r < rows; r += PRODUCT_LANES) {
    // Rows r … r + 4 (the last row where they run out), each with the operations of
    // lifeExpectancyBirthAnd65Into in the same order; age 0 peeled so the loop has no branch on
    // the age, and the five tables' state kept in locals (inline for performance).
    const r1 = r;
    const r2 = Math.min(r + 1, last);
    const r3 = Math.min(r + 2, last);
    const r4 = Math.min(r + 3, last);
    const r5 = Math.min(r + 4, last);
    const a1 = r1 * aStride;
    const a2 = r2 * aStride;
    const a3 = r3 * aStride;
    const a4 = r4 * aStride;
    const a5 = r5 * aStride;
    const b1 = r1 * bStride;
    const b2 = r2 * bStride;
    const b3 = r3 * bStride;
    const b4 = r4 * bStride;
    const b5 = r5 * bStride;
    // Age 0: m(0), a(0) by the Coale–Demeny rule, l(1) and L(0).
    const m01 = a[a1]! * b[b1]!;
    const m02 = a[a2]! * b[b2]!;
    const m03 = a[a3]! * b[b3]!;
    const m04 = a[a4]! * b[b4]!;
    const m05 = a[a5]! * b[b5]!;
    const s1 = infantSeparation(m01, sex);
    const s2 = infantSeparation(m02, sex);
    const s3 = infantSeparation(m03, sex);
    const s4 = infantSeparation(m04, sex);
    const s5 = infantSeparation(m05, sex);
    let valid1 = m01 >= 0;
    let valid2 = m02 >= 0;
    let valid3 = m03 >= 0;
    let valid4 = m04 >= 0;
    let valid5 = m05 >= 0;
    const q01 = m01 / (1 + (1 - s1) * m01);
    const q02 = m02 / (1 + (1 - s2) * m02);
    const q03 = m03 / (1 + (1 - s3) * m03);
    const q04 = m04 / (1 + (1 - s4) * m04);
    const q05 = m05 / (1 + (1 - s5) * m05);
    let l1 = q01 >= 1 ? 0 : 1 - q01;
    let l2 = q02 >= 1 ? 0 : 1 - q02;
    let l3 = q03 >= 1 ? 0 : 1 - q03;
    let l4 = q04 >= 1 ? 0 : 1 - q04;
    let l5 = q05 >= 1 ? 0 : 1 - q05;
    let total1 = l1 + s1 * (1 - l1);
    let total2 = l2 + s2 * (1 - l2);
    let total3 = l3 + s3 * (1 - l3);
    let total4 = l4 + s4 * (1 - l4);
    let total5 = l5 + s5 * (1 - l5);
    // Ages 1 … 89: q = m/(1 + m/2), l(x+1) = l(x)·(1 − q) (0 when q ≥ 1),
    // L(x) = l(x+1) + (l(x) − l(x+1))/2.
    for (let x = 1; x < OPEN_AGE; ++x) {
      const m1 = a[a1 + x]! * b[b1 + x]!;
      const m2 = a[a2 + x]! * b[b2 + x]!;
      const m3 = a[a3 + x]! * b[b3 + x]!;
      const m4 = a[a4 + x]! * b[b4 + x]!;
      const m5 = a[a5 + x]! * b[b5 + x]!;
      if (!(m1 >= 0)) valid1 = false;
      if (!(m2 >= 0)) valid2 = false;
      if (!(m3 >= 0)) valid3 = false;
      if (!(m4 >= 0)) valid4 = false;
      if (!(m5 >= 0)) valid5 = false;
      const q1 = m1 / (1 + (1 - A_ADULT) * m1);
      const q2 = m2 / (1 + (1 - A_ADULT) * m2);
      const q3 = m3 / (1 + (1 - A_ADULT) * m3);
      const q4 = m4 / (1 + (1 - A_ADULT) * m4);
      const q5 = m5 / (1 + (1 - A_ADULT) * m5);
      const next1 = q1 >= 1 ? 0 : l1 * (1 - q1);
      const next2 = q2 >= 1 ? 0 : l2 * (1 - q2);
      const next3 = q3 >= 1 ? 0 : l3 * (1 - q3);
      const next4 = q4 >= 1 ? 0 : l4 * (1 - q4);
      const next5 = q5 >= 1 ? 0 : l5 * (1 - q5);
      total1 += next1 + A_ADULT * (l1 - next1);
      total2 += next2 + A_ADULT * (l2 - next2);
      total3 += next3 + A_ADULT * (l3 - next3);
      total4 += next4 + A_ADULT * (l4 - next4);
      total5 += next5 + A_ADULT * (l5 - next5);
      l1 = next1;
      l2 = next2;
      l3 = next3;
      l4 = next4;
      l5 = next5;
    }
    // The open group: T(90) = l(90)/m(90+). Stored by branch, not by a conditional expression
    // with NaN, whose merged value V8 would box (an allocation per table).
    const open1 = a[a1 + OPEN_AGE]! * b[b1 + OPEN_AGE]!;
    const open2 = a[a2 + OPEN_AGE]! * b[b2 + OPEN_AGE]!;
    const open3 = a[a3 + OPEN_AGE]! * b[b3 + OPEN_AGE]!;
    const open4 = a[a4 + OPEN_AGE]! * b[b4 + OPEN_AGE]!;
    const open5 = a[a5 + OPEN_AGE]! * b[b5 + OPEN_AGE]!;
    if (valid1 && open1 > 0) out[r1] = total1 + l1 / open1;
    else out[r1] = NaN;
    if (valid2 && open2 > 0) out[r2] = total2 + l2 / open2;
    else out[r2] = NaN;
    if (valid3 && open3 > 0) out[r3] = total3 + l3 / open3;
    else out[r3] = NaN;
    if (valid4 && open4 > 0) out[r4] = total4 + l4 / open4;
    else out[r4] = NaN;
    if (valid5 && open5 > 0) out[r5] = total5 + l5 / open5;
    else out[r5] = NaN;
  }
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
