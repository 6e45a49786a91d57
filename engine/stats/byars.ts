/**
 * Byar's approximate confidence limits for a Poisson count.
 * Method: Breslow NE, Day NE. Statistical methods in cancer research, vol. II. IARC 1987,
 * as PHEindicatormethods `byars_lower` / `byars_upper`.
 */
import { zForConfidence } from './qnorm.js';

/**
 * Byar's lower limit O·(1 − 1/(9O) − z/(3√O))³ of an observed count.
 * As PHEindicatormethods, a negative limit (small O, high confidence) is NaN, and so is O = 0.
 * @param observed - the count O, ≥ 0
 * @param z - the normal deviate of the level, e.g. 1.959963984540054 for 95 %
 */
export function byarsLower(observed: number, z: number): number {
  const lower = observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  return lower >= 0 ? lower : NaN;
}

/**
 * Byar's upper limit (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³ of an observed count.
 * @param observed - the count O, ≥ 0
 * @param z - the normal deviate of the level
 */
export function byarsUpper(observed: number, z: number): number {
  const o1 = observed + 1;
  return o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
}

/**
 * Byar's limits for many counts at one level.
 * @param observed - counts (NaN gives NaN limits)
 * @param level - confidence level in percent, 90–99.99
 * @returns lower and upper limits, in counts
 */
export function byarsLimits(
  observed: Float64Array,
  level: number,
): { lower: Float64Array; upper: Float64Array } {
  const z = zForConfidence(level);
  const n = observed.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    lower[i] = byarsLower(observed[i]!, z);
    upper[i] = byarsUpper(observed[i]!, z);
  }
  return { lower, upper };
}
