/**
 * Exact (Garwood) confidence limits for a Poisson count via chi-squared quantiles.
 * Method: Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28:437-442;
 * lower = qchisq(α/2, 2O)/2, upper = qchisq(1 − α/2, 2O + 2)/2 as PHEindicatormethods.
 */
import { lowerTailProbability } from './confidence.js';
import { qchisq } from './qchisq.js';

/**
 * Exact lower limit qchisq(α/2, 2O)/2; 0 when O = 0.
 * @param observed - the count O, ≥ 0
 * @param level - confidence level in percent
 */
export function exactPoissonLower(observed: number, level: number): number {
  return qchisq(lowerTailProbability(level), 2 * observed) / 2;
}

/**
 * Exact upper limit qchisq(1 − α/2, 2O + 2)/2.
 * @param observed - the count O, ≥ 0
 * @param level - confidence level in percent
 */
export function exactPoissonUpper(observed: number, level: number): number {
  return qchisq(1 - lowerTailProbability(level), 2 * observed + 2) / 2;
}
