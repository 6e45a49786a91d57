/**
 * Public-health indicator methods (PHE / OHID conventions, PHEindicatormethods) and the
 * quantile functions they rest on. Every export is listed by name.
 */

// Public API: indicator methods.
export { byarsLimits, byarsLower, byarsUpper } from './byars.js';
export { exactPoissonLower, exactPoissonUpper } from './exact-poisson.js';
export { wilsonLower, wilsonUpper } from './wilson.js';
export { proportion } from './proportion.js';
export type { ProportionOptions } from './proportion.js';
export { crudeRate, EXACT_BELOW, poissonLimits, poissonMethod } from './crude-rate.js';
export type { RateOptions } from './crude-rate.js';
export { meanCi } from './mean-ci.js';
export type { MeanEstimate } from './mean-ci.js';
export { dsr, dsrNonIndependent, DSR_MIN_COUNT, ESP2013 } from './dsr.js';
export type { DsrEstimate, DsrOptions, FrequencyRows } from './dsr.js';
export { isr } from './isr.js';
export type { IsrEstimate, IsrInput, IsrOptions } from './isr.js';
export {
  LE_BANDS,
  LE_MAX_HALF_WIDTH,
  LE_MIN_POPULATION,
  LE_START_AGES,
  lifeExpectancy,
  lifeExpectancyInto,
  lifeTableScratch,
} from './life-expectancy.js';
export type { LifeTableScratch } from './life-expectancy.js';
export { A_INFANT_DEFAULT, lifeTableFromRates } from './life-table.js';
export type { LifeTable } from './life-table.js';
export { arriaga, arriagaByCause } from './arriaga.js';
export type { ArriagaDecomposition, ArriagaTable } from './arriaga.js';
export { sii, SII_DEFAULT_REPETITIONS, roundHalfEven, simulationPositions } from './sii.js';
export type { SiiEstimate, SiiInput, SiiLimits, SiiOptions, SiiValueType } from './sii.js';
export { sumByGroup } from './group-sums.js';
export {
  allocateEstimateColumns,
  isConfidenceLevel,
  lowerTailProbability,
  MAX_CONFIDENCE_LEVEL,
  MIN_CONFIDENCE_LEVEL,
} from './confidence.js';
export type { ConfidenceLimits, Estimate, EstimateColumns, LimitColumns } from './confidence.js';

// Public API: distributions.
export { qnorm, zForConfidence } from './qnorm.js';
export { pchisq, qchisq, qgamma } from './qchisq.js';
export { pt, qt } from './qt.js';

// Internal: special functions and the root finder, exported for tests and other stats modules.
/** @internal */
export { gammaP, gammaQ, lnGamma, lnGammaRatio } from './gamma.js';
/** @internal */
export { betaRegularized, lnBeta } from './beta.js';
/** @internal */
export { solveIncreasing } from './solve-monotone.js';
