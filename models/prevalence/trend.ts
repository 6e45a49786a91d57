/**
 * Secular trends of the registers that can bend: a damped trend (Gardner and McKenzie 1985,
 * "Forecasting trends in time series", Management Science 31(10)) fitted to each register's
 * England QOF series net of ageing, with uncertainty from its own out-of-sample errors.
 *
 * - Net level of a year: n(t) = ln(register / list) − ageing(t), ageing being the ln
 *   prevalence the calibrated curve gives England's population of that year.
 * - Slope: least squares of n on the year, one intercept per register definition (a break
 *   shifts the level, the slope is shared).
 * - Forecast h years after the newest observed year Y: n(Y) + b·D(h), D(h) = φ + … + φ^h.
 * - Damping φ and error scale u are chosen on held-out folds inside the fitted years only
 *   (every origin o and later year t ≤ the fit year, pooled over registers): φ minimises the
 *   mean absolute error on a grid; u² is the mean of (error / h)², i.e. errors grow like u·h.
 * - The slope drawn per replicate is normal(b, √(u² + se²)), so the 80 % interval of the
 *   forecast at h is ± 1.28·sd·h. Errors growing like u·h rather than u·√h (a random walk):
 *   forecasting 2019-20 from 2016-17, 2017-18 and 2018-19 (each fitted through its origin
 *   only), the 80 % intervals held 49 of 63 registers (78 %) with u·h and 42 (67 %) with
 *   u·√h, although the folds' likelihood slightly favours √h (many small one-year errors).
 */
import { fromInterval, Z_P90, type Distribution } from '../../engine/rng/distributions.js';
import type { RegisterSeries, SeriesPoint, TrendPath } from './types.js';

/** The damping factors tried: 0.50, 0.55, …, 1.00 (1: no damping, a straight line). */
export const DAMPING_GRID: readonly number[] = Array.from({ length: 11 }, (_, i) => 1 - i * 0.05);
/** Observed years a fold's origin needs in its register definition (a slope from 3 points). */
export const MIN_ORIGIN_POINTS = 3;
/** Least sd of a slope (per year, log scale): ±0.5 % a year (an assumption). */
export const TREND_MIN_SD = 0.005;
/** The year whose registers the curves are calibrated on (QOF 2019/20, ONS mid-2019). */
export const TREND_REFERENCE_YEAR = 2019;

/** The QOF year starting in `year`: 2019 → "2019-20". */
export function qofYear(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** Net level of a point: ln prevalence less the ln prevalence from ageing alone. */
export function netLevel(p: SeriesPoint): number {
  return Math.log(p.register / p.list) - p.ageing;
}

/** D(h) = φ + φ² + … + φ^h (h whole years; h for φ = 1). */
export function dampedSum(damping: number, h: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 1; k <= h; ++k) {
    term *= damping;
    sum += term;
  }
  return sum;
}

/** Index of the register definition `year` falls in (0 before the first break). */
function segmentOf(s: RegisterSeries, year: number): number {
  let k = 0;
  for (const b of s.breaks) if (year >= b) ++k;
  return k;
}

/** A slope fitted to a register's net levels. */
export interface SlopeFit {
  readonly slope: number;
  /** Standard error of the slope (0 when no residual degree of freedom is left). */
  readonly se: number;
  /** Points used. */
  readonly points: number;
}

/**
 * Least-squares slope of the net levels on the year over the points through `fitThrough`,
 * with one intercept per register definition. NaN slope when no definition has two points.
 */
export function fitSlope(s: RegisterSeries, fitThrough: number): SlopeFit {
  const used = s.points.filter((p) => p.year <= fitThrough);
  const groups = new Map<number, SeriesPoint[]>();
  for (const p of used) {
    const k = segmentOf(s, p.year);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  let sxy = 0;
  let sxx = 0;
  for (const g of groups.values()) {
    const mx = g.reduce((a, p) => a + p.year, 0) / g.length;
    const my = g.reduce((a, p) => a + netLevel(p), 0) / g.length;
    for (const p of g) {
      sxy += (p.year - mx) * (netLevel(p) - my);
      sxx += (p.year - mx) ** 2;
    }
  }
  if (sxx === 0) return { slope: NaN, se: NaN, points: used.length };
  const slope = sxy / sxx;
  let rss = 0;
  for (const g of groups.values()) {
    const mx = g.reduce((a, p) => a + p.year, 0) / g.length;
    const my = g.reduce((a, p) => a + netLevel(p), 0) / g.length;
    for (const p of g) rss += (netLevel(p) - my - slope * (p.year - mx)) ** 2;
  }
  const df = used.length - groups.size - 1;
  return { slope, se: df > 0 ? Math.sqrt(rss / df / sxx) : 0, points: used.length };
}

/** One held-out forecast: origin year, horizon and error (observed − forecast net level). */
export interface FoldError {
  readonly code: string;
  readonly origin: number;
  readonly h: number;
  readonly error: number;
}

/**
 * Errors of the damped trend on every fold inside the years through `fitThrough`: each origin
 * with MIN_ORIGIN_POINTS years of its definition, forecasting each later year of the same
 * definition. Filling registers (whose slope is an assumption) are left out.
 */
export function foldErrors(
  series: readonly RegisterSeries[],
  fitThrough: number,
  damping: number,
): FoldError[] {
  const out: FoldError[] = [];
  for (const s of series) {
    if (s.filling !== undefined) continue;
    for (const origin of s.points) {
      if (origin.year >= fitThrough) continue;
      const k = segmentOf(s, origin.year);
      const before = s.points.filter((p) => p.year <= origin.year && segmentOf(s, p.year) === k);
      if (before.length < MIN_ORIGIN_POINTS) continue;
      const { slope } = fitSlope(s, origin.year);
      for (const target of s.points) {
        if (target.year <= origin.year || target.year > fitThrough) continue;
        if (segmentOf(s, target.year) !== k) continue;
        const h = target.year - origin.year;
        const forecast = netLevel(origin) + slope * dampedSum(damping, h);
        out.push({ code: s.code, origin: origin.year, h, error: netLevel(target) - forecast });
      }
    }
  }
  return out;
}

/** The damping and error scale chosen on the folds through a year. */
export interface TrendChoice {
  readonly fitThrough: number;
  readonly damping: number;
  /** Out-of-sample sd of the net level per year of horizon (log scale). */
  readonly unitSd: number;
  /** Folds behind the choice, and their mean absolute error at the chosen damping. */
  readonly folds: number;
  readonly meanAbsError: number;
  /** Mean absolute error with no damping (φ = 1), for comparison. */
  readonly meanAbsErrorLinear: number;
}

function meanAbs(errors: readonly FoldError[]): number {
  return errors.reduce((a, e) => a + Math.abs(e.error), 0) / errors.length;
}

/**
 * Chooses φ on DAMPING_GRID by the mean absolute error of the folds through `fitThrough`
 * (ties go to the larger φ) and the error scale u there.
 */
export function chooseTrend(series: readonly RegisterSeries[], fitThrough: number): TrendChoice {
  let best: { damping: number; errors: FoldError[]; mae: number } | undefined;
  let linear = NaN;
  for (const damping of DAMPING_GRID) {
    const errors = foldErrors(series, fitThrough, damping);
    if (errors.length === 0)
      throw new Error(`prevalence trend: no held-out folds through ${fitThrough}`);
    const mae = meanAbs(errors);
    if (damping === 1) linear = mae;
    if (best === undefined || mae < best.mae) best = { damping, errors, mae };
  }
  if (best === undefined) throw new Error('prevalence trend: empty damping grid');
  const unitSd = Math.sqrt(
    best.errors.reduce((a, e) => a + (e.error / e.h) ** 2, 0) / best.errors.length,
  );
  return {
    fitThrough,
    damping: best.damping,
    unitSd,
    folds: best.errors.length,
    meanAbsError: best.mae,
    meanAbsErrorLinear: linear,
  };
}

/** A register's trend fitted through a year. */
export interface FittedTrend {
  /** The slope drawn per replicate (per year, log scale), before damping. */
  readonly distribution: Distribution;
  readonly mean: number;
  readonly sd: number;
  readonly damping: number;
  /** The newest year used and its net level (where forecasts start). */
  readonly lastYear: number;
  readonly lastNet: number;
  readonly fit: SlopeFit;
}

/** The trend of register `s` fitted through `fitThrough` with the damping and errors of `choice`. */
export function fitTrend(s: RegisterSeries, fitThrough: number, choice: TrendChoice): FittedTrend {
  const used = s.points.filter((p) => p.year <= fitThrough);
  const last = used.at(-1);
  if (last === undefined)
    throw new Error(`prevalence trend: ${s.code} has no year to ${fitThrough}`);
  const fit = fitSlope(s, fitThrough);
  let mean: number;
  let sd: number;
  if (s.filling !== undefined) {
    const [low, high] = s.filling;
    mean = (low + high) / 2;
    sd = (high - low) / (2 * Z_P90);
  } else {
    if (!Number.isFinite(fit.slope))
      throw new Error(`prevalence trend: ${s.code} has too few years to ${fitThrough}`);
    mean = fit.slope;
    sd = Math.max(TREND_MIN_SD, Math.sqrt(choice.unitSd ** 2 + fit.se ** 2));
  }
  const distribution: Distribution =
    s.filling !== undefined
      ? fromInterval(s.filling[0], s.filling[1])
      : { dist: 'normal', mean, sd };
  return {
    distribution,
    mean,
    sd,
    damping: choice.damping,
    lastYear: last.year,
    lastNet: netLevel(last),
    fit,
  };
}

/** Forecast of the net level in `year` (after the trend's last year): mean and sd. */
export function forecastNet(t: FittedTrend, year: number): { mean: number; sd: number } {
  const h = year - t.lastYear;
  return { mean: t.lastNet + t.mean * dampedSum(t.damping, h), sd: t.sd * h };
}

/** The observed path of `s` as ln(net level / net level of TREND_REFERENCE_YEAR). */
export function trendPath(s: RegisterSeries, damping: number): TrendPath {
  const reference = s.points.find((p) => p.year === TREND_REFERENCE_YEAR);
  if (reference === undefined)
    throw new Error(`prevalence trend: ${s.code} has no ${TREND_REFERENCE_YEAR} register`);
  const base = netLevel(reference);
  return {
    damping,
    years: s.points.map((p) => p.year),
    offsets: s.points.map((p) => netLevel(p) - base),
  };
}

/**
 * The trend factor of each year under a scenario's own slope (an override of the default):
 * the default's mean level in the first year, then that slope every year, not damped, so a
 * slope of 0 holds the first year's age-specific prevalence.
 * @param path - the register's observed path and damping
 * @param defaultMean - mean of the default slope (carries the level beyond the observed years)
 * @param firstYear - the year of index 0
 * @param a - written: the constant of each year
 * @param b - written: the multiplier of the slope draw of each year (j)
 */
export function assumedTrendCoefficients(
  path: TrendPath,
  defaultMean: number,
  firstYear: number,
  a: Float64Array,
  b: Float64Array,
): void {
  trendCoefficients(path, defaultMean, firstYear, a, b);
  const level = (a[0] ?? 0) + (b[0] ?? 0) * defaultMean;
  for (let j = 0; j < a.length; ++j) {
    a[j] = level;
    b[j] = j;
  }
}

/**
 * The trend factor of each year as ln factor = a + b·slope (b the replicate's slope draw):
 * within the observed years the path itself (interpolated linearly between them), after the
 * newest the damped trend around `mean`, before the oldest the straight slope.
 * @param path - the register's observed path and damping
 * @param mean - mean of the slope distribution in use (default or scenario)
 * @param firstYear - the year of index 0
 * @param a - written: the constant of each year
 * @param b - written: the multiplier of the slope draw of each year
 */
export function trendCoefficients(
  path: TrendPath,
  mean: number,
  firstYear: number,
  a: Float64Array,
  b: Float64Array,
): void {
  const { years, offsets, damping } = path;
  const n = years.length;
  const y0 = years[0] ?? TREND_REFERENCE_YEAR;
  const yn = years[n - 1] ?? TREND_REFERENCE_YEAR;
  for (let j = 0; j < a.length; ++j) {
    const year = firstYear + j;
    if (year > yn) {
      const h = year - yn;
      a[j] = (offsets[n - 1] ?? 0) + mean * (dampedSum(damping, h) - h);
      b[j] = h;
    } else if (year < y0) {
      a[j] = offsets[0] ?? 0;
      b[j] = year - y0;
    } else {
      let i = 0;
      while ((years[i + 1] ?? Infinity) <= year) ++i;
      const lo = years[i] ?? year;
      const hi = years[i + 1] ?? lo;
      const t = hi === lo ? 0 : (year - lo) / (hi - lo);
      a[j] = (1 - t) * (offsets[i] ?? 0) + t * (offsets[i + 1] ?? offsets[i] ?? 0);
      b[j] = 0;
    }
  }
}
