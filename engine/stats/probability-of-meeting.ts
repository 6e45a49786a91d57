/**
 * The probability of meeting a target from Monte Carlo replicates: the share of replicates whose
 * value is at or beyond the target in the direction that counts. Exact (a count over n), so a
 * plan identical to its baseline has the identical probability.
 */

/** A probability in [0, 1] (a share of replicates). */
export type Probability = number & { readonly __probability__: unique symbol };

/**
 * Share of `values` that meet `target`: ≥ target when higher is better, ≤ when lower is.
 * NaN values (a ratio over 0, say) count as not meeting it.
 */
export function probabilityOfMeeting(
  values: Float64Array,
  target: number,
  better: 'higher' | 'lower',
): Probability {
  const n = values.length;
  if (n === 0) return NaN as Probability;
  let met = 0;
  if (better === 'higher') for (let i = 0; i < n; ++i) met += values[i]! >= target ? 1 : 0;
  else for (let i = 0; i < n; ++i) met += values[i]! <= target ? 1 : 0;
  return (met / n) as Probability;
}
