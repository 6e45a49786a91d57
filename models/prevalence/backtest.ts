/**
 * Back-test of the registers' secular trends on England's QOF series: fit the damped trends
 * with the years through `fitThrough` only (damping, error scale and slopes all chosen on
 * those years), forecast registered prevalence (% of the register's list) in `target`, and
 * score each register: the error and whether its 80 % interval holds the published value.
 * Ageing enters as it does in projections: the calibrated curve on England's population of
 * each year (extrapolated linearly beyond the newest population estimate).
 */
import { Z_P90 } from '../../engine/rng/distributions.js';
import { quantileSorted, sortValues } from '../../engine/stats/quantile.js';
import { chooseTrend, fitTrend, forecastNet, type TrendChoice } from './trend.js';
import type { RegisterSeries } from './types.js';

/** One register's forecast beside what was published. */
export interface PrevalenceBacktestRow {
  readonly code: string;
  /** The newest year the fit used (the QOF year starting in it). */
  readonly fitThrough: number;
  readonly target: number;
  /** Forecast median and 80 % interval, % of the register's list. */
  readonly p50: number;
  readonly p10: number;
  readonly p90: number;
  /** Published England prevalence of the target year, %. */
  readonly actual: number;
  /** p50 − actual, percentage points, and (p50 − actual) / actual, %. */
  readonly error: number;
  readonly pctError: number;
  readonly inside80: boolean;
  /** The register's definition changed between the fit year and the target year. */
  readonly definitionChange: boolean;
}

/** A whole back-test. */
export interface PrevalenceBacktest {
  readonly fitThrough: number;
  readonly target: number;
  readonly choice: TrendChoice;
  readonly rows: readonly PrevalenceBacktestRow[];
  /** Registers scored, how many of them their 80 % interval held, median |pctError|. */
  readonly registers: number;
  readonly inside80: number;
  readonly medianAbsPctError: number;
}

/** The years observed for at least one register, oldest first. */
export function observedYears(series: readonly RegisterSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
}

/**
 * Fits through `fitThrough`, forecasts `target` and scores every register observed in both
 * (a register needs two years of its definition through `fitThrough` for a slope).
 */
export function backtestPrevalence(
  series: readonly RegisterSeries[],
  fitThrough: number,
  target: number,
): PrevalenceBacktest {
  if (!(target > fitThrough))
    throw new Error(`prevalence back-test: target ${target} must follow ${fitThrough}`);
  // Nothing after the fit year is seen: points and breaks beyond it are cut.
  const seen: RegisterSeries[] = series.map((s) => ({
    ...s,
    points: s.points.filter((p) => p.year <= fitThrough),
    breaks: s.breaks.filter((b) => b <= fitThrough),
  }));
  const choice = chooseTrend(seen, fitThrough);
  const rows: PrevalenceBacktestRow[] = [];
  series.forEach((s, i) => {
    const actual = s.points.find((p) => p.year === target);
    const fitted = seen[i];
    if (actual === undefined || fitted === undefined) return;
    const own = fitted.points.filter((p) => p.year <= fitThrough);
    if (own.length < 2) return;
    const trend = fitTrend(fitted, fitThrough, choice);
    const net = forecastNet(trend, target);
    const at = (z: number): number => 100 * Math.exp(net.mean + z * net.sd + actual.ageing);
    const p50 = at(0);
    const observed = (100 * actual.register) / actual.list;
    const p10 = at(-Z_P90);
    const p90 = at(Z_P90);
    rows.push({
      code: s.code,
      fitThrough: trend.lastYear,
      target,
      p50,
      p10,
      p90,
      actual: observed,
      error: p50 - observed,
      pctError: (100 * (p50 - observed)) / observed,
      inside80: observed >= p10 && observed <= p90,
      definitionChange: s.breaks.some((b) => b > fitThrough && b <= target),
    });
  });
  const abs = Float64Array.from(rows, (r) => Math.abs(r.pctError));
  sortValues(abs);
  return {
    fitThrough,
    target,
    choice,
    rows,
    registers: rows.length,
    inside80: rows.filter((r) => r.inside80).length,
    medianAbsPctError: quantileSorted(abs, 0.5),
  };
}
