/**
 * Missing-value convention of the standardised methods: a missing count, population or
 * reference value (NaN) counts as 0, as PHEindicatormethods `na.zero` does for DSRs and ISRs.
 */

/** `v`, or 0 when it is missing (NaN). */
export function zeroIfMissing(v: number): number {
  return Number.isNaN(v) ? 0 : v;
}
