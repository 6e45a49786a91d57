/**
 * Penalised quasi-Poisson fit of counts whose mean is an exposure times an age-weighted
 * logistic curve: μ_i = E_i Σ_a w_ia σ(β0 + β1·s_a + β2·z_i), as when a register count per
 * area is known but not its ages.
 * Method: Fisher scoring (the Gauss–Newton form for a non-linear Poisson mean, McCullagh &
 * Nelder 1989, "Generalized Linear Models", §9.2) with step halving on the penalised
 * quasi-log-likelihood ℓ(β)/φ − ½ Σ_k λ_k (β_k − m_k)² (a Gaussian prior of precision λ_k
 * around m_k), the dispersion φ = Pearson χ² / (n − 3) (Wedderburn 1974, quasi-likelihood)
 * re-estimated between fits until it is stable. Covariance (J/φ + Λ)⁻¹ = φ(J + φΛ)⁻¹:
 * the inverse penalised information times the dispersion.
 */
import { invertSymmetric } from '../stats/symmetric-inverse.js';

/** Number of coefficients: level, tilt (of the shape) and the covariate effect. */
export const AGGREGATED_LOGISTIC_COEFS = 3;
/** Fisher-scoring iterations per fit, and dispersion updates, at most. */
const MAX_ITERATIONS = 200;
/** Convergence: largest relative change of the objective and of φ. */
const TOLERANCE = 1e-12;

/** Data and prior of one fit. */
export interface AggregatedLogisticInput {
  /** Number of areas n and ages A. */
  readonly areas: number;
  readonly ages: number;
  /** Observed count y_i per area (length n). */
  readonly count: Float64Array;
  /** Exposure E_i per area, e.g. the list size (length n). */
  readonly exposure: Float64Array;
  /** Age weights w_ia, row i for area i, each row summing to 1 (length n·A). */
  readonly weight: Float64Array;
  /** Centred shape s_a on the logit scale (length A). */
  readonly shape: Float64Array;
  /** Covariate z_i (length n). */
  readonly covariate: Float64Array;
  /** Prior means m_k and precisions λ_k (0 = no penalty), length 3 each. */
  readonly priorMean: Float64Array;
  readonly priorPrecision: Float64Array;
}

/** A fit: coefficients, covariance and the fitted means. */
export interface AggregatedLogisticFit {
  readonly coef: Float64Array;
  /** Row-major 3×3, dispersion-scaled. */
  readonly covariance: Float64Array;
  /** Fitted mean μ_i per area. */
  readonly mean: Float64Array;
  /** Pearson χ² / (n − 3). */
  readonly dispersion: number;
  readonly converged: boolean;
}

/** Writes μ_i and (when `grad` is given) ∂μ_i/∂β into `grad` (n×3); returns the Poisson ℓ without constants. */
function evaluate(
  input: AggregatedLogisticInput,
  beta: Float64Array,
  mu: Float64Array,
  grad: Float64Array | null,
): number {
  const { areas: n, ages: na, count, exposure, weight, shape, covariate } = input;
  const b0 = beta[0]!;
  const b1 = beta[1]!;
  const b2 = beta[2]!;
  let ll = 0;
  for (let i = 0; i < n; ++i) {
    const base = b0 + b2 * covariate[i]!;
    let m = 0;
    let d0 = 0;
    let d1 = 0;
    const row = i * na;
    for (let a = 0; a < na; ++a) {
      const p = 1 / (1 + Math.exp(-(base + b1 * shape[a]!)));
      const wa = weight[row + a]!;
      m += wa * p;
      const dp = wa * p * (1 - p);
      d0 += dp;
      d1 += dp * shape[a]!;
    }
    const e = exposure[i]!;
    mu[i] = e * m;
    if (grad !== null) {
      grad[i * 3] = e * d0;
      grad[i * 3 + 1] = e * d1;
      grad[i * 3 + 2] = e * d0 * covariate[i]!;
    }
    ll += count[i]! * Math.log(mu[i]!) - mu[i]!;
  }
  return ll;
}

function penalty(input: AggregatedLogisticInput, beta: Float64Array): number {
  let s = 0;
  for (let k = 0; k < 3; ++k) {
    const d = beta[k]! - input.priorMean[k]!;
    s += 0.5 * input.priorPrecision[k]! * d * d;
  }
  return s;
}

/** Writes the penalised expected information Σ_i ∇μ_i∇μ_iᵀ/(μ_i φ) + Λ into `info` (3×3). */
function information(
  input: AggregatedLogisticInput,
  mu: Float64Array,
  grad: Float64Array,
  phi: number,
  info: Float64Array,
): void {
  info.fill(0);
  for (let i = 0; i < input.areas; ++i)
    for (let k = 0; k < 3; ++k)
      for (let l = 0; l < 3; ++l)
        info[k * 3 + l] = info[k * 3 + l]! + (grad[i * 3 + k]! * grad[i * 3 + l]!) / (mu[i]! * phi);
  for (let k = 0; k < 3; ++k) info[k * 4] = info[k * 4]! + input.priorPrecision[k]!;
}

function pearsonDispersion(input: AggregatedLogisticInput, mu: Float64Array): number {
  let chi2 = 0;
  for (let i = 0; i < input.areas; ++i) {
    const r = input.count[i]! - mu[i]!;
    chi2 += (r * r) / mu[i]!;
  }
  return chi2 / Math.max(1, input.areas - AGGREGATED_LOGISTIC_COEFS);
}

/**
 * Fits (level, tilt, covariate effect) from `start` (see the module header).
 * @param input - counts, exposures, age weights, shape, covariate and prior
 * @param start - starting coefficients (length 3)
 */
export function fitAggregatedLogistic(
  input: AggregatedLogisticInput,
  start: Float64Array,
): AggregatedLogisticFit {
  const n = input.areas;
  const beta = Float64Array.from(start);
  const trial = new Float64Array(3);
  const mu = new Float64Array(n);
  const grad = new Float64Array(n * 3);
  const info = new Float64Array(9);
  const inverse = new Float64Array(9);
  const score = new Float64Array(3);
  let phi = 1;
  let converged = false;
  for (let outer = 0; outer < MAX_ITERATIONS && !converged; ++outer) {
    let objective = evaluate(input, beta, mu, grad) / phi - penalty(input, beta);
    let inner = false;
    for (let it = 0; it < MAX_ITERATIONS && !inner; ++it) {
      score.fill(0);
      for (let i = 0; i < n; ++i) {
        const r = (input.count[i]! / mu[i]! - 1) / phi;
        for (let k = 0; k < 3; ++k) score[k] = score[k]! + r * grad[i * 3 + k]!;
      }
      for (let k = 0; k < 3; ++k)
        score[k] = score[k]! - input.priorPrecision[k]! * (beta[k]! - input.priorMean[k]!);
      information(input, mu, grad, phi, info);
      invertSymmetric(info, 3, inverse);
      let step = 1;
      let next = -Infinity;
      for (let halving = 0; halving < 40; ++halving, step /= 2) {
        for (let k = 0; k < 3; ++k) {
          let d = 0;
          for (let l = 0; l < 3; ++l) d += inverse[k * 3 + l]! * score[l]!;
          trial[k] = beta[k]! + step * d;
        }
        next = evaluate(input, trial, mu, null) / phi - penalty(input, trial);
        if (next >= objective) break;
      }
      if (!(next >= objective)) {
        inner = true;
        break;
      }
      inner = next - objective <= TOLERANCE * Math.abs(objective);
      beta.set(trial);
      objective = next;
      evaluate(input, beta, mu, grad);
    }
    evaluate(input, beta, mu, grad);
    const updated = pearsonDispersion(input, mu);
    converged = Math.abs(updated - phi) <= 1e-10 * phi;
    phi = updated;
  }
  // Covariance at the final coefficients and dispersion.
  evaluate(input, beta, mu, grad);
  information(input, mu, grad, phi, info);
  const covariance = new Float64Array(9);
  invertSymmetric(info, 3, covariance);
  return { coef: beta, covariance, mean: mu, dispersion: phi, converged };
}
