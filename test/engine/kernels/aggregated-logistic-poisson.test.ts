import { describe, expect, it } from 'vitest';
import { fitAggregatedLogistic } from '../../../engine/kernels/aggregated-logistic-poisson.js';
import { invertSymmetric } from '../../../engine/stats/symmetric-inverse.js';
import { fitPolynomial } from '../../../engine/stats/least-squares.js';

/** Areas with different age mixes over 5 ages; counts equal to the model's means. */
function synthetic(beta: readonly number[], noise: (i: number) => number) {
  const n = 40;
  const ages = 5;
  const shape = Float64Array.of(-2, -1, 0, 1, 2);
  const weight = new Float64Array(n * ages);
  const covariate = new Float64Array(n);
  const exposure = new Float64Array(n);
  const count = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    let total = 0;
    for (let a = 0; a < ages; ++a) total += weight[i * ages + a] = 1 + ((i * (a + 1)) % 7);
    for (let a = 0; a < ages; ++a) weight[i * ages + a]! /= total;
    covariate[i] = ((i % 9) - 4) / 3;
    exposure[i] = 10_000 + 500 * i;
    let m = 0;
    for (let a = 0; a < ages; ++a)
      m +=
        weight[i * ages + a]! /
        (1 + Math.exp(-(beta[0]! + beta[1]! * shape[a]! + beta[2]! * covariate[i]!)));
    count[i] = exposure[i]! * m * noise(i);
  }
  return { areas: n, ages, count, exposure, weight, shape, covariate };
}

describe('fitAggregatedLogistic', () => {
  it('recovers the coefficients of exact data without a penalty', () => {
    const data = synthetic([-3, 0.7, 0.25], () => 1);
    const fit = fitAggregatedLogistic(
      { ...data, priorMean: new Float64Array(3), priorPrecision: new Float64Array(3) },
      Float64Array.of(-2, 1, 0),
    );
    expect(fit.converged).toBe(true);
    expect(fit.coef[0]).toBeCloseTo(-3, 8);
    expect(fit.coef[1]).toBeCloseTo(0.7, 8);
    expect(fit.coef[2]).toBeCloseTo(0.25, 8);
  });

  it('pulls the penalised coefficient to its prior and scales the covariance by the dispersion', () => {
    const data = synthetic([-3, 0.7, 0.25], (i) => 1 + 0.05 * Math.sin(i * 1.7));
    const free = fitAggregatedLogistic(
      { ...data, priorMean: new Float64Array(3), priorPrecision: new Float64Array(3) },
      Float64Array.of(-2, 1, 0),
    );
    const held = fitAggregatedLogistic(
      { ...data, priorMean: Float64Array.of(0, 1, 0), priorPrecision: Float64Array.of(0, 1e8, 0) },
      Float64Array.of(-2, 1, 0),
    );
    expect(free.dispersion).toBeGreaterThan(1);
    expect(Math.abs(held.coef[1]! - 1)).toBeLessThan(1e-3);
    expect(held.covariance[4]).toBeLessThan(1.1e-8);
    expect(held.covariance[0]).toBeGreaterThan(0);
  });
});

describe('invertSymmetric and fitPolynomial', () => {
  it('inverts a positive-definite matrix and rejects an indefinite one', () => {
    const a = Float64Array.of(4, 2, 0, 2, 3, 1, 0, 1, 2);
    const inv = new Float64Array(9);
    expect(invertSymmetric(a, 3, inv)).toBe(true);
    for (let i = 0; i < 3; ++i)
      for (let j = 0; j < 3; ++j) {
        let s = 0;
        for (let k = 0; k < 3; ++k) s += a[i * 3 + k]! * inv[k * 3 + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    expect(invertSymmetric(Float64Array.of(1, 2, 2, 1), 2, new Float64Array(4))).toBe(false);
  });

  it('fits a straight line exactly', () => {
    const fit = fitPolynomial(Float64Array.of(0, 1, 2, 3), Float64Array.of(1, 3, 5, 7), 1);
    expect(fit.coef[0]).toBeCloseTo(1, 12);
    expect(fit.coef[1]).toBeCloseTo(2, 12);
    expect(fit.residualVariance).toBeCloseTo(0, 20);
  });
});
