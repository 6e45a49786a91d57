/** A distribution written for people: `PERT(0.7, 0.75, 0.8)`, `normal(0.016, sd 0.005)`. */
import { distributionMean, type Distribution } from '../engine/rng/distributions.js';
import type { SourcedParameter } from '../models/prevalence/types.js';
import { formatNumber } from './format.js';

const n = (x: number): string => formatNumber(x, 4);

/** Describes `d` in one short phrase. */
export function describeDistribution(d: Distribution): string {
  switch (d.dist) {
    case 'fixed':
      return n(d.value);
    case 'uniform':
      return `uniform(${n(d.min)}, ${n(d.max)})`;
    case 'normal': {
      const bounds =
        d.min !== undefined || d.max !== undefined
          ? `, in [${n(d.min ?? -Infinity)}, ${n(d.max ?? Infinity)}]`
          : '';
      return `normal(${n(d.mean)}, sd ${n(d.sd)}${bounds})`;
    }
    case 'lognormal':
      return `lognormal(median ${n(Math.exp(d.meanlog))}, sdlog ${n(d.sdlog)})`;
    case 'beta':
      return `beta(${n(d.alpha)}, ${n(d.beta)})`;
    case 'gamma':
      return `gamma(shape ${n(d.shape)}, scale ${n(d.scale)})`;
    case 'triangular':
      return `triangular(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
    case 'pert':
      return `PERT(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
  }
}

/** The cells of a sourced default in listings: its distribution, mean and source. */
export function sourcedCells(p: SourcedParameter): {
  distribution: string;
  mean: number;
  source: string;
} {
  return {
    distribution: describeDistribution(p.distribution),
    mean: distributionMean(p.distribution),
    source: p.source,
  };
}
