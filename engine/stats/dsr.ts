/**
 * Directly standardised rates with Dobson confidence limits, for independent and
 * non-independent events.
 * Method: Dobson AJ et al. Confidence intervals for weighted sums of Poisson parameters.
 * Stat Med 1991;10:457-462, with Byar's limits for the total count, as PHEindicatormethods
 * `calculate_dsr` (formerly `phe_dsr`).
 */
import { byarsLower, byarsUpper } from './byars.js';
import type { ConfidenceLimits } from './confidence.js';
import { zeroIfMissing } from './missing.js';
import { zForConfidence } from './qnorm.js';

/**
 * European Standard Population 2013, 19 bands 0-4, 5-9, …, 85-89, 90+ (Eurostat 2013,
 * "Revision of the European Standard Population"; PHEindicatormethods `esp2013`).
 */
export const ESP2013: Readonly<Float64Array> = Float64Array.of(
  5000,
  5500,
  5500,
  5500,
  6000,
  6000,
  6500,
  7000,
  7000,
  7000,
  7000,
  6500,
  6000,
  5500,
  5000,
  4000,
  2500,
  1500,
  1000,
);

/** A DSR is suppressed (NaN) when the total count is below this (PHE convention). */
export const DSR_MIN_COUNT = 10;

/** Options of {@link dsr} and {@link dsrNonIndependent}. */
export interface DsrOptions {
  /** Confidence levels in percent (90–99.99). */
  readonly levels: readonly number[];
  /** Rate per this many of the standard population, e.g. 100000. */
  readonly multiplier: number;
}

/** A directly standardised rate for one group. */
export interface DsrEstimate {
  /** Σ counts (events), missing counts as 0. */
  readonly totalCount: number;
  /** Σ populations over the bands. */
  readonly totalPop: number;
  /** The DSR per `multiplier`; NaN when the total count is below 10. */
  readonly value: number;
  /** Dobson limits per level; NaN when the total count is below 10. */
  readonly limits: readonly ConfidenceLimits[];
}

/**
 * Dobson limits DSR + √(var/O)·(Byars(O) − O)·multiplier at each level, or NaN limits (and
 * value) when O < 10.
 */
function dobsonEstimate(
  totalCount: number,
  totalPop: number,
  rate: number,
  variance: number,
  options: DsrOptions,
): DsrEstimate {
  const m = options.multiplier;
  if (!(totalCount >= DSR_MIN_COUNT)) {
    return {
      totalCount,
      totalPop,
      value: NaN,
      limits: options.levels.map((level) => ({ level, lower: NaN, upper: NaN })),
    };
  }
  const value = rate * m;
  const scale = Math.sqrt(variance / totalCount);
  return {
    totalCount,
    totalPop,
    value,
    limits: options.levels.map((level) => {
      const z = zForConfidence(level);
      return {
        level,
        lower: value + scale * (byarsLower(totalCount, z) - totalCount) * m,
        upper: value + scale * (byarsUpper(totalCount, z) - totalCount) * m,
      };
    }),
  };
}

/**
 * The DSR of one group: Σ(xᵢ wᵢ/nᵢ)/Σwᵢ × multiplier with Dobson limits, where
 * var = Σ xᵢ (wᵢ/nᵢ)² / (Σwᵢ)². Missing counts, populations and standard weights count as 0
 * (a band with population 0 and any count makes the value NaN, as in R).
 * @param counts - events xᵢ per band
 * @param pops - populations nᵢ per band (person-years)
 * @param standard - standard population wᵢ per band, e.g. {@link ESP2013}
 * @param options - levels and multiplier
 */
export function dsr(
  counts: Float64Array,
  pops: Float64Array,
  standard: Readonly<Float64Array>,
  options: DsrOptions,
): DsrEstimate {
  const n = counts.length;
  let totalCount = 0;
  let totalPop = 0;
  let totalStandard = 0;
  let weighted = 0;
  let squared = 0;
  for (let i = 0; i < n; ++i) {
    const x = zeroIfMissing(counts[i]!);
    const p = zeroIfMissing(pops[i]!);
    const w = zeroIfMissing(standard[i]!);
    const ratio = w / p;
    totalCount += x;
    totalPop += p;
    totalStandard += w;
    weighted += x * ratio;
    squared += x * ratio * ratio;
  }
  const variance = squared / (totalStandard * totalStandard);
  return dobsonEstimate(totalCount, totalPop, weighted / totalStandard, variance, options);
}

/**
 * Input of {@link dsrNonIndependent}: one row per (band, event frequency).
 */
export interface FrequencyRows {
  /** Band index (0-based) of each row. */
  readonly bandOf: Int32Array;
  /** Event frequency f of each row: the number of events each of these persons had. */
  readonly frequencies: Float64Array;
  /** Number of persons with exactly f events in the band (missing counts as 0). */
  readonly persons: Float64Array;
}

/**
 * The DSR of one group when a person can have several events: events per band are
 * Σ_f f·persons_f, and the variance is Σ_f f²·var_f, where var_f is the Dobson variance
 * Σᵢ persons_{f,i}·(wᵢ/nᵢ)² / (Σwᵢ)² of the persons at frequency f (PHEindicatormethods
 * `calculate_dsr(independent_events = FALSE)`). Σwᵢ runs over all bands of the group.
 * @param rows - frequency rows
 * @param pops - population per band
 * @param standard - standard population per band
 * @param options - levels and multiplier
 */
export function dsrNonIndependent(
  rows: FrequencyRows,
  pops: Float64Array,
  standard: Readonly<Float64Array>,
  options: DsrOptions,
): DsrEstimate {
  const bands = pops.length;
  let totalPop = 0;
  let totalStandard = 0;
  for (let b = 0; b < bands; ++b) {
    totalPop += zeroIfMissing(pops[b]!);
    totalStandard += zeroIfMissing(standard[b]!);
  }
  let totalCount = 0;
  let weighted = 0;
  let squared = 0;
  const n = rows.frequencies.length;
  for (let r = 0; r < n; ++r) {
    const b = rows.bandOf[r]!;
    const f = zeroIfMissing(rows.frequencies[r]!);
    const persons = zeroIfMissing(rows.persons[r]!);
    const ratio = zeroIfMissing(standard[b]!) / zeroIfMissing(pops[b]!);
    const events = f * persons;
    totalCount += events;
    weighted += events * ratio;
    // f² · var_f, summed row by row: var_f is additive over the bands of frequency f.
    squared += f * f * persons * ratio * ratio;
  }
  const variance = squared / (totalStandard * totalStandard);
  return dobsonEstimate(totalCount, totalPop, weighted / totalStandard, variance, options);
}
