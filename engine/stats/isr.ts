/**
 * Indirectly standardised ratios (SMR) and rates with exact or Byar's limits.
 * Method: Breslow & Day (1987) indirect standardisation; limits exact (Garwood 1936) below 10
 * observed events and Byar's from 10, divided by the expected count, as PHEindicatormethods
 * `calculate_ISRatio` and `calculate_ISRate`.
 */
import type { ConfidenceLimits } from './confidence.js';
import { poissonLimits } from './crude-rate.js';
import { zeroIfMissing } from './missing.js';
import { zForConfidence } from './qnorm.js';

/** Per-band input of one group. */
export interface IsrInput {
  /** Observed events per band (missing counts as 0); ignored when `observed` is given. */
  readonly counts: Float64Array;
  /** Local population per band (missing counts as 0; 0 is valid). */
  readonly pops: Float64Array;
  /** Reference events per band (missing counts as 0). */
  readonly refCounts: Float64Array;
  /** Reference population per band (missing counts as 0). */
  readonly refPops: Float64Array;
  /** A given observed total to use instead of Σ counts. */
  readonly observed?: number;
}

/** Options of {@link isr}. */
export interface IsrOptions {
  /** Confidence levels in percent (90–99.99). */
  readonly levels: readonly number[];
  /** `ratio`: O/E × refValue; `rate`: O/E × reference rate × multiplier. */
  readonly kind: 'ratio' | 'rate';
  /** Scale of the ratio, 1 or 100 (ratio only). */
  readonly refValue: number;
  /** Rate per this many (rate only), e.g. 100000. */
  readonly multiplier: number;
}

/** An indirectly standardised ratio or rate of one group. */
export interface IsrEstimate {
  /** Observed events O. */
  readonly observed: number;
  /** Expected events E = Σ nᵢ·refcountᵢ/refpopᵢ. */
  readonly expected: number;
  /** Reference rate Σ refcount / Σ refpop × multiplier. */
  readonly refRate: number;
  /** The ratio or rate; NaN when E is 0. */
  readonly value: number;
  /** Limits per level: exact when O < 10, Byar's otherwise, over E, scaled like the value. */
  readonly limits: readonly ConfidenceLimits[];
}

/**
 * The indirectly standardised ratio or rate of one group.
 * @param input - bands of the group, and optionally its observed total
 * @param options - kind, levels and scale
 */
export function isr(input: IsrInput, options: IsrOptions): IsrEstimate {
  const n = input.pops.length;
  let sumCounts = 0;
  let expected = 0;
  let refCount = 0;
  let refPop = 0;
  for (let i = 0; i < n; ++i) {
    const pop = zeroIfMissing(input.pops[i]!);
    const rc = zeroIfMissing(input.refCounts[i]!);
    const rp = zeroIfMissing(input.refPops[i]!);
    sumCounts += zeroIfMissing(input.counts[i] ?? NaN);
    // A band with population 0 expects nothing, whatever its reference rate.
    if (pop !== 0) expected += (pop * rc) / rp;
    refCount += rc;
    refPop += rp;
  }
  const observed = input.observed ?? sumCounts;
  const refRate = (refCount / refPop) * options.multiplier;
  const scale = options.kind === 'ratio' ? options.refValue : refRate;
  const ok = expected > 0 && observed >= 0;
  return {
    observed,
    expected,
    refRate,
    value: ok ? (observed / expected) * scale : NaN,
    limits: options.levels.map((level) => {
      if (!ok) return { level, lower: NaN, upper: NaN };
      const [lower, upper] = poissonLimits(observed, level, zForConfidence(level));
      return { level, lower: (lower / expected) * scale, upper: (upper / expected) * scale };
    }),
  };
}
