/**
 * National benchmarks from every local authority's baseline projection: per metric and year the
 * England value (England projected as one area), the national average of areas (the mean of
 * the areas' mean projections) and the quartiles of areas; the upper quartile is the 75th
 * percentile of areas in the direction of "better" (the 25th when lower is better). Each area's
 * mean projection is kept too, so peers can be compared.
 */
import { selectQuantiles } from '../../engine/stats/select-quantiles.js';
import type { Polarity } from './compare.js';

/** What identifies a set of benchmarks: the data, the model, the years and the Monte Carlo run. */
export interface BenchmarkKey {
  /** SHA-256 of the built data. */
  readonly digest: string;
  readonly model: string;
  readonly baseYear: number;
  readonly horizon: number;
  readonly seed: number;
  readonly replicates: number;
}

/** Benchmarks of one metric: by year index, and by area within each year. */
export interface MetricBenchmarks {
  /** England as one area, mean over replicates, by year. */
  readonly england: readonly number[];
  /** The mean over areas of each area's mean projection, by year. */
  readonly average: readonly number[];
  /** 25th and 75th percentiles (type 7) of the areas' mean projections, by year. */
  readonly p25: readonly number[];
  readonly p75: readonly number[];
  /** Each area's mean projection: `byArea[year][area]`, areas in `Benchmarks.areas` order. */
  readonly byArea: readonly (readonly number[])[];
}

/** The national benchmarks of one run of every area. */
export interface Benchmarks {
  readonly version: 1;
  readonly key: BenchmarkKey;
  /** Local authority codes, in the order of `byArea`. */
  readonly areas: readonly string[];
  /** Years from the base year to the horizon. */
  readonly years: readonly number[];
  readonly metrics: Readonly<Record<string, MetricBenchmarks>>;
}

/** The upper quartile of areas in the direction of `better`: the 75th percentile, or the 25th when lower is better. */
export function upperQuartileOf(p25: number, p75: number, better: Polarity): number {
  return better === 'higher' ? p75 : p25;
}

/**
 * The benchmarks of one metric and year from each area's mean and England's. Areas without a
 * value (NaN: e.g. a rate with no population in an age band, as in the Isles of Scilly) are left
 * out of the average and quartiles.
 * @param areaMeans - the mean projection of each area (not reordered)
 */
export function summariseAreas(
  areaMeans: readonly number[],
  england: number,
): { england: number; average: number; p25: number; p75: number } {
  const known = Float64Array.from(areaMeans.filter((x) => Number.isFinite(x)));
  if (known.length === 0) return { england, average: NaN, p25: NaN, p75: NaN };
  let sum = 0;
  for (const x of known) sum += x;
  const q = new Float64Array(2);
  selectQuantiles(known, [0.25, 0.75], q);
  return { england, average: sum / known.length, p25: q[0] ?? NaN, p75: q[1] ?? NaN };
}

/**
 * The value of an outcome (a metric, or a ratio of two × `per`) from benchmark values: a ratio
 * of two metrics is the ratio of their means.
 */
export function benchmarkValue(
  at: (metric: string) => number,
  numerator: string,
  denominator: string | undefined,
  per: number,
): number {
  return denominator === undefined ? at(numerator) * per : (at(numerator) / at(denominator)) * per;
}
