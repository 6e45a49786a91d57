/**
 * Decomposition of a gap in life expectancy at birth into the contributions of age groups.
 * Method: Arriaga EE, Measuring and explaining the change in life expectancies, Demography
 * 1984;21:83-96, in the form of Preston, Heuveline & Guillot, Demography: Measuring and
 * Modeling Population Processes (2001), box 3.4, with their split of each age's contribution
 * among causes of death in proportion to the change in each cause's rate. This is how the PHE
 * Segment Tool splits the gap between an area and England, or between an area's most and
 * least deprived quintiles.
 */
import { invalidValue } from '../errors.js';

/** The two columns of a life table the decomposition needs, one element per age group. */
export interface ArriagaTable {
  /** Survivors lₓ at the start of each group (any radix l₀ > 0). */
  readonly l: Float64Array;
  /** Person-years ₙLₓ lived in each group; the last group is open (its L is its T). */
  readonly L: Float64Array;
}

/** The contributions of each age group to e₀² − e₀¹. */
export interface ArriagaDecomposition {
  /** e₀ of table 1. */
  readonly e0From: number;
  /** e₀ of table 2. */
  readonly e0To: number;
  /** ₙΔₓ of each age group: direct + indirect; they add up to e₀² − e₀¹. */
  readonly contributions: Float64Array;
  /** Direct effect of each group: the change in the years lived within it. */
  readonly direct: Float64Array;
  /** Indirect and interaction effects: the years after it of those who survive it. */
  readonly indirect: Float64Array;
}

/**
 * Age contributions to the gap e₀² − e₀¹ between life tables 1 (`from`) and 2 (`to`) with the
 * same age groups. Each table is taken on radix 1 (lₓ/l₀, Lₓ/l₀), so the radices may differ:
 *   ₙΔₓ = lₓ¹·(ₙLₓ²/lₓ² − ₙLₓ¹/lₓ¹) + T²ₓ₊ₙ·(lₓ¹/lₓ² − l¹ₓ₊ₙ/l²ₓ₊ₙ) for closed groups, and
 *   ₙΔₓ = lₓ¹·(Tₓ²/lₓ² − Tₓ¹/lₓ¹) for the open last group.
 * The sum telescopes to e₀² − e₀¹ (exactly in exact arithmetic; to rounding here).
 * @param from - life table 1
 * @param to - life table 2
 * @throws InputError when the tables differ in length or a survivor count is not > 0
 */
export function arriaga(from: ArriagaTable, to: ArriagaTable): ArriagaDecomposition {
  const n = from.l.length;
  for (const [name, t] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (t.l.length !== n || t.L.length !== n || n < 1)
      throw invalidValue(`arriaga table ${name}`, `l and L with ${n} age groups`, t.L.length);
    for (let i = 0; i < n; ++i) {
      if (!(t.l[i]! > 0))
        throw invalidValue(
          `arriaga table ${name}, l[${i}]`,
          'survivors > 0 in every group',
          t.l[i],
        );
    }
  }
  const r1 = 1 / from.l[0]!;
  const r2 = 1 / to.l[0]!;
  // T on radix 1, from the open group down.
  const T1 = new Float64Array(n);
  const T2 = new Float64Array(n);
  let t1 = 0;
  let t2 = 0;
  for (let i = n - 1; i >= 0; --i) {
    t1 += from.L[i]! * r1;
    t2 += to.L[i]! * r2;
    T1[i] = t1;
    T2[i] = t2;
  }
  const contributions = new Float64Array(n);
  const direct = new Float64Array(n);
  const indirect = new Float64Array(n);
  const last = n - 1;
  for (let i = 0; i < n; ++i) {
    const l1 = from.l[i]! * r1;
    const l2 = to.l[i]! * r2;
    if (i === last) {
      direct[i] = l1 * (T2[i]! / l2 - T1[i]! / l1);
      indirect[i] = 0;
    } else {
      const l1Next = from.l[i + 1]! * r1;
      const l2Next = to.l[i + 1]! * r2;
      direct[i] = l1 * ((to.L[i]! * r2) / l2 - (from.L[i]! * r1) / l1);
      indirect[i] = T2[i + 1]! * (l1 / l2 - l1Next / l2Next);
    }
    contributions[i] = direct[i]! + indirect[i]!;
  }
  return { e0From: T1[0]!, e0To: T2[0]!, contributions, direct, indirect };
}

/**
 * Splits each age group's contribution among causes of death in proportion to the change in
 * each cause's death rate: ₙΔₓ,c = ₙΔₓ·(ₙm²ₓ,c − ₙm¹ₓ,c)/(ₙm²ₓ − ₙm¹ₓ), with the all-cause
 * rates the sums over the causes given (so the causes must cover all deaths, e.g. with an
 * "other causes" row). Where the all-cause rate did not change the split is undefined: NaN.
 * @param contributions - ₙΔₓ of each age group ({@link arriaga})
 * @param ratesFrom - death rates of table 1, one Float64Array per cause, by age group
 * @param ratesTo - death rates of table 2, the same causes in the same order
 * @returns one Float64Array per cause, by age group; for each age they add up to ₙΔₓ
 */
export function arriagaByCause(
  contributions: Float64Array,
  ratesFrom: readonly Float64Array[],
  ratesTo: readonly Float64Array[],
): Float64Array[] {
  const n = contributions.length;
  if (ratesFrom.length !== ratesTo.length || ratesFrom.length < 1)
    throw invalidValue(
      'arriaga causes',
      `the same causes in both tables (${ratesFrom.length})`,
      ratesTo.length,
    );
  for (const r of [...ratesFrom, ...ratesTo]) {
    if (r.length !== n) throw invalidValue('arriaga cause rates', `${n} age groups`, r.length);
  }
  const out = ratesFrom.map(() => new Float64Array(n));
  for (let i = 0; i < n; ++i) {
    let change = 0;
    for (let c = 0; c < ratesFrom.length; ++c) change += ratesTo[c]![i]! - ratesFrom[c]![i]!;
    for (let c = 0; c < ratesFrom.length; ++c) {
      out[c]![i] =
        change === 0 ? NaN : (contributions[i]! * (ratesTo[c]![i]! - ratesFrom[c]![i]!)) / change;
    }
  }
  return out;
}
