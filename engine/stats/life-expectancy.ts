/**
 * Life expectancy at every age band from an abridged life table, with confidence limits.
 * Method: Chiang CL, The Life Table and its Construction (1968), Chiang II abridged table with
 * the Silcocks et al. (J Epidemiol Community Health 2001;55:38-43) variance for the open band,
 * in the PHE variant of PHEindicatormethods `phe_life_expectancy` (Fingertips LE calculator).
 */
import { allocateEstimateColumns, type EstimateColumns } from './confidence.js';
import { qnorm, zForConfidence } from './qnorm.js';

/** Start ages of the 20 bands: 0, 1-4, 5-9, …, 85-89, 90+ (ONS / PHE abridged table). */
export const LE_START_AGES: readonly number[] = [
  0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
];

/** Number of bands the method needs. */
export const LE_BANDS = 20;

/** Radix l₀ of the life table. */
const RADIX = 100_000;

/** Fraction of the interval lived by those who die in it: 0.1 under one year, 0.5 otherwise (PHE). */
const A_INFANT = 0.1;
const A_OTHER = 0.5;

/** Groups whose total population is at most this are suppressed (Toson & Baker 2003, PHE). */
export const LE_MIN_POPULATION = 5000;

/** A value is suppressed (its limits kept) when 1.96·se exceeds this many years (PHE: 95 % CI wider than 20 years). */
export const LE_MAX_HALF_WIDTH = 10;

/** Reusable work arrays, so that a loop over areas allocates nothing per area. */
export interface LifeTableScratch {
  readonly q: Float64Array;
  readonly l: Float64Array;
  readonly e: Float64Array;
  readonly se: Float64Array;
}

/** Allocates work arrays for {@link lifeExpectancyInto}. */
export function lifeTableScratch(): LifeTableScratch {
  return {
    q: new Float64Array(LE_BANDS),
    l: new Float64Array(LE_BANDS + 1),
    e: new Float64Array(LE_BANDS + 1),
    se: new Float64Array(LE_BANDS),
  };
}

/** Whether the inputs of one area pass the PHE checks (otherwise every output is NaN). */
function isComputable(deaths: Float64Array, pops: Float64Array): boolean {
  if (deaths.length !== LE_BANDS || pops.length !== LE_BANDS) return false;
  let total = 0;
  for (let i = 0; i < LE_BANDS; ++i) {
    const d = deaths[i]!;
    const p = pops[i]!;
    // NaN fails every comparison, so a missing value also suppresses the area.
    if (!(d >= 0 && p > 0 && d <= p)) return false;
    total += p;
  }
  // The open band needs a death: otherwise M = 0 and its mean survival 1/M is infinite.
  return total > LE_MIN_POPULATION && deaths[LE_BANDS - 1]! > 0;
}

/**
 * Life expectancy at the start of each of the 20 bands for one area, written into `out` at
 * row `row` (one row per band, so rows row … row + 19).
 * @param deaths - deaths per band D (20 values, in age order)
 * @param pops - person-years per band P (20 values)
 * @param out - output columns with room for the 20 rows
 * @param row - first output row
 * @param scratch - work arrays from {@link lifeTableScratch}
 */
export function lifeExpectancyInto(
  deaths: Float64Array,
  pops: Float64Array,
  out: EstimateColumns,
  row: number,
  scratch: LifeTableScratch = lifeTableScratch(),
): void {
  const { q, l, e, se } = scratch;
  const last = LE_BANDS - 1;
  if (!isComputable(deaths, pops)) {
    for (let i = 0; i < LE_BANDS; ++i) {
      out.value[row + i] = NaN;
      for (const limits of out.limits) {
        limits.lower[row + i] = NaN;
        limits.upper[row + i] = NaN;
      }
    }
    return;
  }
  // Probabilities of dying qᵢ = nM/(1 + nM(1 − a)), 1 when D > P/n/a, and 1 in the open band.
  for (let i = 0; i < last; ++i) {
    const n = LE_START_AGES[i + 1]! - LE_START_AGES[i]!;
    const a = i === 0 ? A_INFANT : A_OTHER;
    const d = deaths[i]!;
    const p = pops[i]!;
    const m = d / p;
    q[i] = d <= p / n / a ? (m * n) / (1 + m * n * (1 - a)) : 1;
  }
  q[last] = 1;
  // Survivors lᵢ, then person-years Lᵢ = n(lᵢ₊₁ + a·dᵢ), L for 90+ = l/M, and Tᵢ = Σⱼ≥ᵢ Lⱼ.
  l[0] = RADIX;
  for (let i = 0; i < LE_BANDS; ++i) l[i + 1] = l[i]! * (1 - q[i]!);
  const mLast = deaths[last]! / pops[last]!;
  let t = l[last]! / mLast;
  e[last] = t / l[last]!;
  e[LE_BANDS] = 0;
  for (let i = last - 1; i >= 0; --i) {
    const n = LE_START_AGES[i + 1]! - LE_START_AGES[i]!;
    const a = i === 0 ? A_INFANT : A_OTHER;
    t += n * (l[i + 1]! + a * (l[i]! - l[i + 1]!));
    e[i] = l[i] === 0 ? 0 : t / l[i]!;
  }
  // Chiang variance: Wᵢ = lᵢ²·((1 − a)n + eᵢ₊₁)²·qᵢ²(1 − qᵢ)/Dᵢ (0 when no one dies in the band),
  // and the Silcocks term (l/2)²·4/(D·M²) for the open band; seᵢ = √(Σⱼ≥ᵢ Wⱼ)/lᵢ.
  let sumW = (l[last]! / 2) ** 2 * (4 / (deaths[last]! * mLast * mLast));
  se[last] = Math.sqrt(sumW / (l[last]! * l[last]!));
  for (let i = last - 1; i >= 0; --i) {
    const n = LE_START_AGES[i + 1]! - LE_START_AGES[i]!;
    const a = i === 0 ? A_INFANT : A_OTHER;
    const qi = q[i]!;
    const dying = l[i]! - l[i + 1]!;
    const sp = dying === 0 ? 0 : (qi * qi * (1 - qi)) / deaths[i]!;
    sumW += sp * l[i]! * l[i]! * ((1 - a) * n + e[i + 1]!) ** 2;
    se[i] = Math.sqrt(sumW / (l[i]! * l[i]!));
  }
  // Limits use z = qnorm(1 − α/2) as the package does; the 8-decimal limits of its test table
  // (and the published worked example) were made with z = 1.96 and agree with these to the 4 decimals it checks.
  const z95 = qnorm(0.975);
  for (let i = 0; i < LE_BANDS; ++i) {
    const value = e[i]!;
    const s = se[i]!;
    out.value[row + i] = z95 * s > LE_MAX_HALF_WIDTH || !Number.isFinite(value) ? NaN : value;
    for (const limits of out.limits) {
      const z = zForConfidence(limits.level);
      limits.lower[row + i] = value - z * s;
      limits.upper[row + i] = value + z * s;
    }
  }
}

/**
 * Life expectancy at the start of each of the 20 bands for one area.
 * Output is NaN throughout when a band has D < 0, P ≤ 0 or D > P, when there are not exactly
 * 20 bands, when the total population is ≤ 5000, or when the 90+ band has no deaths (PHE
 * returns Inf there). A value (not its limits) is NaN where 1.96·se > 10 years.
 * @param deaths - deaths per band (20 values, ages 0, 1-4, 5-9, …, 90+)
 * @param pops - person-years per band (20 values)
 * @param levels - confidence levels in percent
 * @returns 20 rows, one per start age in {@link LE_START_AGES}
 */
export function lifeExpectancy(
  deaths: Float64Array,
  pops: Float64Array,
  levels: readonly number[],
): EstimateColumns {
  const out = allocateEstimateColumns(LE_BANDS, levels);
  lifeExpectancyInto(deaths, pops, out, 0);
  return out;
}
