/**
 * Period life expectancy at birth from central death rates by single year of age (0 … 89 and
 * the open group 90+): the complete life table qₓ = mₓ / (1 + (1 − aₓ)·mₓ), aₓ = 0.5 except
 * a₀ = 0.1 (the PHE/Chiang convention for infants), q₉₀₊ = 1, L₉₀₊ = l₉₀ / m₉₀₊, e₀ = T₀ / l₀
 * (Chiang 1984, "The Life Table and its Applications"; the single-year form of the PHE method).
 */
import { OPEN_AGE } from './cohort.js';

/** Mean fraction of the first year lived by infants who die. */
export const INFANT_A0 = 0.1;

/**
 * Life expectancy at birth (years) for the rates `factor · mx[offset + a]`, a = 0 … 90.
 * @param mx - central death rates by single year of age (91 values from `offset`)
 * @param factor - multiplier of every rate (1 for the rates as given)
 */
export function lifeExpectancyAtBirth(mx: Float64Array, factor = 1, offset = 0): number {
  let l = 1;
  let total = 0;
  for (let a = 0; a < OPEN_AGE; ++a) {
    const m = factor * mx[offset + a]!;
    const ax = a === 0 ? INFANT_A0 : 0.5;
    const q = Math.min(1, m / (1 + (1 - ax) * m));
    const d = l * q;
    total += l - (1 - ax) * d;
    l -= d;
  }
  return total + l / (factor * mx[offset + OPEN_AGE]!);
}

/**
 * The factor k for which `lifeExpectancyAtBirth(mx, k)` equals `target` (bisection on log k
 * within [1/50, 50]; life expectancy falls as k rises). NaN for a non-finite target.
 */
export function levelForLifeExpectancy(mx: Float64Array, target: number, offset = 0): number {
  if (!Number.isFinite(target)) return NaN;
  let lo = Math.log(1 / 50);
  let hi = Math.log(50);
  for (let i = 0; i < 80; ++i) {
    const mid = (lo + hi) / 2;
    if (lifeExpectancyAtBirth(mx, Math.exp(mid), offset) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
