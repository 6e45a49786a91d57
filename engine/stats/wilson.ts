/**
 * Wilson score confidence limits for a proportion.
 * Method: Wilson EB. Probable inference, the law of succession, and statistical inference.
 * J Am Stat Assoc 1927;22:209-212; Newcombe & Altman in Statistics with Confidence (2000),
 * as PHEindicatormethods `wilson_lower` / `wilson_upper`.
 */

/**
 * Wilson lower limit (2x + z² − z·√(z² + 4x(1 − x/n))) / (2(n + z²)), as a proportion of 1.
 * @param x - numerator, 0 ≤ x ≤ n
 * @param n - denominator, > 0
 * @param z - the normal deviate of the level
 */
export function wilsonLower(x: number, n: number, z: number): number {
  const z2 = z * z;
  return (2 * x + z2 - z * Math.sqrt(z2 + 4 * x * (1 - x / n))) / 2 / (n + z2);
}

/**
 * Wilson upper limit (2x + z² + z·√(z² + 4x(1 − x/n))) / (2(n + z²)), as a proportion of 1.
 * @param x - numerator, 0 ≤ x ≤ n
 * @param n - denominator, > 0
 * @param z - the normal deviate of the level
 */
export function wilsonUpper(x: number, n: number, z: number): number {
  const z2 = z * z;
  return (2 * x + z2 + z * Math.sqrt(z2 + 4 * x * (1 - x / n))) / 2 / (n + z2);
}
