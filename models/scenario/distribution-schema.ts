/**
 * How scenarios write uncertain values: a number (fixed), `[low, high]` (an 80 %
 * interval: a normal distribution with those 10th and 90th percentiles, truncated to the
 * parameter's valid range), or `{dist: NAME, …}` with the family's parameters.
 */
import * as z from 'zod';
import { fromInterval, type Distribution } from '../../engine/rng/distributions.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const positive = finite.refine((x) => x > 0, 'expected a number > 0');
const nonNegative = finite.refine((x) => x >= 0, 'expected a number ≥ 0');

const ordered = (d: { min: number; max: number; mode?: number }): boolean =>
  d.min <= (d.mode ?? d.min) && (d.mode ?? d.max) <= d.max && d.min <= d.max;

/** Schema of one uncertain value as written in a scenario. */
export const distributionInputSchema = z.union([
  finite.describe('a fixed value'),
  z
    .tuple([finite, finite])
    .refine(([lo, hi]) => lo <= hi, 'expected [low, high] with low ≤ high')
    .describe('an 80 % interval [low, high]: normal with these 10th and 90th percentiles'),
  z.discriminatedUnion('dist', [
    z.object({ dist: z.literal('fixed'), value: finite }).strict(),
    z
      .object({ dist: z.literal('uniform'), min: finite, max: finite })
      .strict()
      .refine(ordered, 'expected min ≤ max'),
    z
      .object({
        dist: z.literal('normal'),
        mean: finite,
        sd: nonNegative,
        min: finite.optional(),
        max: finite.optional(),
      })
      .strict(),
    z.object({ dist: z.literal('lognormal'), meanlog: finite, sdlog: nonNegative }).strict(),
    z.object({ dist: z.literal('beta'), alpha: positive, beta: positive }).strict(),
    z.object({ dist: z.literal('gamma'), shape: positive, scale: positive }).strict(),
    z
      .object({ dist: z.literal('triangular'), min: finite, mode: finite, max: finite })
      .strict()
      .refine(ordered, 'expected min ≤ mode ≤ max'),
    z
      .object({ dist: z.literal('pert'), min: finite, mode: finite, max: finite })
      .strict()
      .refine(ordered, 'expected min ≤ mode ≤ max'),
  ]),
]);

/** A distribution as written (before resolution). */
export type DistributionInput = z.infer<typeof distributionInputSchema>;

/** The valid range of a parameter. */
export interface ParameterRange {
  readonly min?: number;
  readonly max?: number;
}

/** The lowest and highest values `d` can produce, for range checks. */
function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'fixed':
      return [d.value, d.value];
    case 'uniform':
    case 'triangular':
    case 'pert':
      return [d.min, d.max];
    case 'normal':
      return [d.min ?? -Infinity, d.max ?? Infinity];
    case 'lognormal':
    case 'gamma':
      return [0, Infinity];
    case 'beta':
      return [0, 1];
  }
}

/**
 * Resolves a written distribution for a parameter with valid range `range`: the shorthand and
 * normals are truncated to the range; any other family must lie inside it.
 * @returns the distribution, or a message saying why it does not fit the range
 */
export function resolveDistribution(
  input: DistributionInput,
  range: ParameterRange,
): Distribution | string {
  let d: Distribution;
  if (typeof input === 'number') d = { dist: 'fixed', value: input };
  else if (Array.isArray(input)) d = fromInterval(input[0], input[1], range.min, range.max);
  else d = input;
  if (d.dist === 'normal') {
    const min = Math.max(d.min ?? -Infinity, range.min ?? -Infinity);
    const max = Math.min(d.max ?? Infinity, range.max ?? Infinity);
    if (min > max) return `expected a distribution with values in ${describeRange(range)}`;
    d = {
      dist: 'normal',
      mean: d.mean,
      sd: d.sd,
      ...(Number.isFinite(min) ? { min } : {}),
      ...(Number.isFinite(max) ? { max } : {}),
    };
  }
  const [lo, hi] = support(d);
  if (lo < (range.min ?? -Infinity) || hi > (range.max ?? Infinity))
    return `expected values in ${describeRange(range)}`;
  return d;
}

/** "[0, ∞)"-style text of a range. */
export function describeRange(range: ParameterRange): string {
  return `[${range.min ?? '-∞'}, ${range.max ?? '∞'}${range.max === undefined ? ')' : ']'}`;
}
