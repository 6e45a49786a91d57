/**
 * A period life table from death rates by age group (single years or abridged groups).
 * Method: Chiang CL, The Life Table and its Construction (1968): qₓ = n·mₓ/(1 + n(1 − aₓ)mₓ),
 * ₙLₓ = n(lₓ₊ₙ + aₓ·ₙdₓ), and for the open last group q = 1 and L = l/m; Tₓ = Σ L from x on,
 * eₓ = Tₓ/lₓ. aₓ is 0.5 except in the first year of life (PHE uses 0.1 there).
 */
import { invalidValue } from '../errors.js';

/** Fraction of the first year of life lived by infants who die in it (PHE life expectancy). */
export const A_INFANT_DEFAULT = 0.1;

/** Fraction of an interval lived by those who die in it, after the first year of life. */
const A_OTHER = 0.5;

/** Columns of a life table, one element per age group; the last group is open. */
export interface LifeTable {
  /** Survivors lₓ at the start of each group. */
  readonly l: Float64Array;
  /** Person-years ₙLₓ lived in each group (the open group: Tₓ). */
  readonly L: Float64Array;
  /** Person-years Tₓ lived from the start of each group on. */
  readonly T: Float64Array;
  /** Life expectancy eₓ at the start of each group. */
  readonly e: Float64Array;
}

/**
 * The life table of death rates `rates` (deaths per person-year) by age group.
 * @param startAges - start age of each group, increasing from 0 (e.g. 0, 1, 5, …, 90 or 0 … 90)
 * @param rates - death rate mₓ of each group, ≥ 0; the open last group's must be > 0
 * @param radix - l₀, e.g. 100000
 * @param aInfant - a₀ when the first group is [0, 1)
 * @throws InputError when the lengths differ, ages do not increase, or a rate is invalid
 */
export function lifeTableFromRates(
  startAges: readonly number[],
  rates: Float64Array,
  radix = 100_000,
  aInfant = A_INFANT_DEFAULT,
): LifeTable {
  const n = rates.length;
  if (startAges.length !== n || n < 1)
    throw invalidValue('life table', `one start age per rate (${n} rates)`, startAges.length);
  const l = new Float64Array(n);
  const L = new Float64Array(n);
  const T = new Float64Array(n);
  const e = new Float64Array(n);
  const last = n - 1;
  l[0] = radix;
  for (let i = 0; i < last; ++i) {
    const width = startAges[i + 1]! - startAges[i]!;
    const m = rates[i]!;
    if (!(width > 0))
      throw invalidValue(`life table start age ${i + 1}`, 'increasing ages', startAges[i + 1]);
    if (!(m >= 0)) throw invalidValue(`life table rate ${i}`, 'a death rate ≥ 0', m);
    const a = startAges[i] === 0 && width === 1 ? aInfant : A_OTHER;
    const q = Math.min(1, (width * m) / (1 + width * (1 - a) * m));
    l[i + 1] = l[i]! * (1 - q);
    L[i] = width * (l[i + 1]! + a * (l[i]! - l[i + 1]!));
  }
  const mOpen = rates[last]!;
  if (!(mOpen > 0))
    throw invalidValue(`life table rate ${last} (open group)`, 'a death rate > 0', mOpen);
  L[last] = l[last]! / mOpen;
  let t = 0;
  for (let i = last; i >= 0; --i) {
    t += L[i]!;
    T[i] = t;
    e[i] = l[i]! > 0 ? t / l[i]! : 0;
  }
  return { l, L, T, e };
}
