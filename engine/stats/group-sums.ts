/**
 * Sums of a column by group (rows of a group are summed before methods that work on totals).
 * Method: plain left-to-right summation per group; a missing value (NaN) propagates.
 */

/**
 * Σ values per group.
 * @param values - one value per row
 * @param groupOf - group index (0 … groupCount − 1) of each row
 * @param groupCount - number of groups
 * @returns one sum per group; NaN for a group with a missing value
 */
export function sumByGroup(
  values: Float64Array,
  groupOf: Int32Array,
  groupCount: number,
): Float64Array {
  const sums = new Float64Array(groupCount);
  const n = values.length;
  for (let i = 0; i < n; ++i) {
    const g = groupOf[i]!;
    sums[g] = sums[g]! + values[i]!;
  }
  return sums;
}
