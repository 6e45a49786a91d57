/**
 * Comparison with a benchmark the Fingertips way, polarity-aware: "similar" when the benchmark's
 * value lies inside the area's interval, otherwise "better" or "worse" by the side it lies on
 * and the direction that is better; with two levels, at 95 % and at 99.8 % (PHE Fingertips
 * technical guidance; PHEindicatormethods). For projections the interval is the Monte Carlo
 * interval: quantiles over replicates.
 */

/** The mark of an area against a benchmark. */
export type Mark = 'better' | 'similar' | 'worse';

/** Which direction is better. */
export type Polarity = 'higher' | 'lower';

/** An interval: lower and upper limits. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * The mark of an area whose interval is `interval` against the benchmark value `benchmark`.
 * A missing value (NaN) anywhere gives "similar" (no evidence of a difference).
 */
export function compareWithBenchmark(
  interval: Interval,
  benchmark: number,
  better: Polarity,
): Mark {
  const { lo, hi } = interval;
  if (Number.isNaN(lo) || Number.isNaN(hi) || Number.isNaN(benchmark)) return 'similar';
  if (benchmark >= lo && benchmark <= hi) return 'similar';
  const above = lo > benchmark;
  return above === (better === 'higher') ? 'better' : 'worse';
}

/** The two-level comparison: the mark at 95 % and at 99.8 %. */
export interface TwoLevelMark {
  readonly at95: Mark;
  readonly at998: Mark;
}

/** Probabilities of the Monte Carlo intervals: 95 % (2.5-97.5) and 99.8 % (0.1-99.9). */
export const INTERVAL_PROBABILITIES = [0.001, 0.025, 0.975, 0.999] as const;

/**
 * The two-level mark from the 95 % and 99.8 % intervals: inside 95 % similar at both; between
 * the two, better or worse at 95 % only; beyond 99.8 %, better or worse at both.
 */
export function twoLevelMark(
  at95: Interval,
  at998: Interval,
  benchmark: number,
  better: Polarity,
): TwoLevelMark {
  return {
    at95: compareWithBenchmark(at95, benchmark, better),
    at998: compareWithBenchmark(at998, benchmark, better),
  };
}

/** How a two-level mark reads: "similar", "better", "worse", or "better (99.8 %)", "worse (99.8 %)" beyond both. */
export function describeMark(mark: TwoLevelMark): string {
  return mark.at998 !== 'similar' ? `${mark.at998} (99.8 %)` : mark.at95;
}
