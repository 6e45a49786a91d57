/**
 * Illness–death cohort model by single year of age (0 … 89, 90+) for one condition, in
 * proportions of the population with the condition. People with the condition die at `rr`
 * times the rate of those without; the population's rate m is the mixture
 * m = (1 − P)·m_H + P·rr·m_H, so m_H = m / (1 + P·(rr − 1)).
 * Method: the discrete-time two-state multistate life table (e.g. Barendregt et al. 2003,
 * "A generic model for the assessment of disease epidemiology: the computational basis of
 * DisMod II", Popul Health Metr 1:4), one-year steps, incidence acting on survivors.
 */
import { AGES, OPEN_AGE } from './cohort.js';

/** Survival of people without (`healthy`) and with (`diseased`) the condition at one age. */
function survivals(m: number, p: number, rr: number): { healthy: number; diseased: number } {
  const mh = m / (1 + p * (rr - 1));
  return { healthy: Math.exp(-mh), diseased: Math.exp(-rr * mh) };
}

/**
 * The incidence and remission by age that carry prevalence `now` (year t, by age) to `next`
 * (year t+1, by age) along each cohort: for a cohort aged a with prevalence P and survivals
 * s_H, s_D, P' = (P·s_D·(1 − ρ) + (1 − P)·i·s_H) / (P·s_D + (1 − P)·s_H). Where P' needs
 * fewer cases than survive, the incidence is 0 and the remission ρ closes the gap (a register
 * that people leave, e.g. at its upper age limit).
 * @param now - prevalence by age at t (proportions)
 * @param next - prevalence by age at t+1
 * @param mx - the population's death rates by age over the year
 * @param rr - mortality rate ratio of people with the condition
 * @param incidence - written: incidence by age at t (probability over the year)
 * @param remission - written: remission by age at t (probability over the year)
 */
export function incidenceFromPrevalence(
  now: Float64Array,
  next: Float64Array,
  mx: Float64Array,
  rr: number,
  incidence: Float64Array,
  remission: Float64Array,
): void {
  for (let a = 0; a < AGES; ++a) {
    const p = now[a]!;
    const target = next[a < OPEN_AGE ? a + 1 : OPEN_AGE]!;
    const s = survivals(mx[a]!, p, rr);
    const sick = p * s.diseased;
    const well = (1 - p) * s.healthy;
    const needed = target * (sick + well); // cases that must be alive at t+1 per person at t
    if (needed >= sick) {
      incidence[a] = well > 0 ? Math.min(1, (needed - sick) / well) : 0;
      remission[a] = 0;
    } else {
      incidence[a] = 0;
      remission[a] = sick > 0 ? 1 - needed / sick : 0;
    }
  }
}

/**
 * One year of the cohort model: prevalence `now` at t to `out` at t+1, with incidence
 * multiplied by (1 − reduction[a]). Age 0 at t+1 takes `newborn`. The open group 90+ mixes
 * the survivors of ages 89 and 90+ weighted by the population `pop` at t.
 * @param pop - population by age at t (weights of the open group), read from `popOffset`
 * @param popOffset - where the 91 ages of `pop` start
 * @param now - prevalence by age at t
 * @param incidence - incidence by age (from `incidenceFromPrevalence`)
 * @param remission - remission by age
 * @param reduction - relative reduction of incidence by age (0 = none)
 * @param mx - the population's death rates by age over the year
 * @param rr - mortality rate ratio of people with the condition
 * @param newborn - prevalence at age 0 at t+1
 * @param out - written: prevalence by age at t+1 (must not alias `now`)
 */
export function illnessDeathStep(
  pop: Float64Array,
  popOffset: number,
  now: Float64Array,
  incidence: Float64Array,
  remission: Float64Array,
  reduction: Float64Array,
  mx: Float64Array,
  rr: number,
  newborn: number,
  out: Float64Array,
): void {
  out[0] = newborn;
  let openCases = 0;
  let openAlive = 0;
  for (let a = 0; a < AGES; ++a) {
    const p = now[a]!;
    const s = survivals(mx[a]!, p, rr);
    const cases =
      p * s.diseased * (1 - remission[a]!) +
      (1 - p) * incidence[a]! * (1 - reduction[a]!) * s.healthy;
    const alive = p * s.diseased + (1 - p) * s.healthy;
    if (a < OPEN_AGE - 1) out[a + 1] = alive > 0 ? cases / alive : 0;
    else {
      // Ages 89 and 90+ both arrive in 90+: weight their survivors by the population.
      openCases += pop[popOffset + a]! * cases;
      openAlive += pop[popOffset + a]! * alive;
    }
  }
  out[OPEN_AGE] = openAlive > 0 ? openCases / openAlive : now[OPEN_AGE]!;
}
