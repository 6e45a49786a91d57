/**
 * Outcomes model: public API, built to be the last model of the chain (it needs only the
 * population by sex, the year's death rates by sex, and what earlier models say about cases
 * avoided and people newly found; with none of those it still gives life expectancy, its
 * inequality and under-75 mortality).
 *
 * How a chain uses it, per area:
 * 1. Prepare (once per area): `areaDeciles(outcomesData(), areas, area, weight)` (the PHE rows of
 *    the area, its former districts or its region), then `decileFactors(entry, gradient[sex], out)` for
 *    each sex (10 × 91 Float64Array each). `outcomesWork()` once per thread.
 * 2. Per replicate: `drawTreatment` for each treatment in use (streams from `treatmentStreams`),
 *    `drawExcessMortality(excessMortalityStream(area, condition), prevalence distribution, …)`
 *    for each condition with cases avoided or people found (the same draw as the prevalence
 *    model), `drawCvdShare` (its distribution prepared once); then `onTreatmentByYear(found, years, uptake, persistence, out)`
 *    for each register whose newly found people are treated (HYP: antihypertensive; AF:
 *    anticoagulation; DM, CVDPP: statin), found by year and age (`[y·91 + x]`).
 * 3. Per year: sum the deaths averted by age with `addPreventionGain` (cases avoided, by year
 *    and age) and `addTreatmentGain` (people on treatment); their returns are the year's
 *    `life_years_gained`. Then `outcomesYear(input, work, out)` writes the other metrics at
 *    `YEAR_SLOTS`; `reached` marks the deciles the interventions reach (all ones: everyone).
 *
 * Every draw comes from a named stream of (seed, replicate), so a zero-effect intervention leaves
 * every outcome identical. Metrics, units and descriptions: `OUTCOME_METRICS`.
 */
export {
  DECILES,
  TREATMENTS,
  U75_AGE,
  YEAR_SLOTS,
  CVD_SHARE_STREAM,
  addDeathsAverted,
  addPreventionGain,
  addTreatmentGain,
  deathsAfter,
  decileFactors,
  calibrateDecileSpread,
  decileInequality,
  decileLifeExpectancy,
  drawCvdShare,
  drawExcessMortality,
  drawTreatment,
  excessMortalityStream,
  lifeExpectancyBirthAnd65,
  lifeYearsGained,
  onTreatmentByYear,
  outcomesWork,
  outcomesYear,
  reachMultipliers,
  siiPoint,
  stepSaved,
  treatmentStreams,
  u75MortalityDsr,
} from './model.js';
export type {
  DecileEntry,
  DecileInequality,
  OutcomesData,
  OutcomesWork,
  OutcomesYearInput,
  SourcedDistribution,
  Treatment,
  TreatmentData,
  TreatmentDraw,
  TreatmentStreams,
} from './model.js';
export { OUTCOME_METRICS } from './metrics.js';
export type { OutcomeMetric } from './metrics.js';
export { decilesByDataCode, outcomesData } from './data.js';
export { areaDeciles, combineDeciles } from './area-deciles.js';
