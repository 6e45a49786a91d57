/**
 * Statistical nearest neighbours: each variable is standardised to z-scores across all areas,
 * and the distance between two areas is the weighted Euclidean distance
 * d(a, b) = √Σ_v w_v (z_v(a) − z_v(b))², as the CIPFA nearest-neighbour model and NHS RightCare
 * (equal weights) compare areas. An area is never its own neighbour; ties go to the lower code.
 */
import { invalidValue } from '../../engine/errors.js';
import type { PeerTable } from './variables.js';

/** The default number of peers (the children's services and RightCare comparators use 10-15). */
export const DEFAULT_PEERS = 10;

/** One peer: its code and its distance from the area. */
export interface Peer {
  readonly code: string;
  readonly distance: number;
}

/** A peer table standardised: z-scores by variable (area-major), in code order. */
export interface StandardisedTable {
  readonly codes: readonly string[];
  readonly z: Float64Array;
  readonly variables: number;
}

/**
 * Standardises every variable to z-scores (population standard deviation) across the areas.
 * Areas are taken in code order so the result does not depend on their order in the input; a
 * missing value counts as the average (z = 0), and a variable that does not vary has z = 0.
 */
export function standardise(table: PeerTable): StandardisedTable {
  const k = table.variables.length;
  const order = table.codes
    .map((code, i) => ({ code, i }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const n = order.length;
  const z = new Float64Array(n * k);
  for (let v = 0; v < k; ++v) {
    // Welford's one-pass mean and variance over the non-missing values.
    let count = 0;
    let mean = 0;
    let m2 = 0;
    for (const { i } of order) {
      const x = table.values[i * k + v]!;
      if (Number.isNaN(x)) continue;
      ++count;
      const d = x - mean;
      mean += d / count;
      m2 += d * (x - mean);
    }
    const sd = count > 0 ? Math.sqrt(m2 / count) : 0;
    order.forEach(({ i }, j) => {
      const x = table.values[i * k + v]!;
      z[j * k + v] = Number.isNaN(x) || sd === 0 ? 0 : (x - mean) / sd;
    });
  }
  return { codes: order.map((o) => o.code), z, variables: k };
}

/** Checks weights: one per variable, finite and not negative, not all zero. */
function checkWeights(weights: readonly number[], k: number): void {
  if (weights.length !== k)
    throw invalidValue('peer weights', `${k} weights (one per variable)`, weights.length);
  if (weights.some((w) => !Number.isFinite(w) || w < 0) || weights.every((w) => w === 0))
    throw invalidValue('peer weights', 'finite weights ≥ 0, not all zero', weights.join(', '));
}

/** The weighted Euclidean distance between areas `a` and `b` (indices into the standardised table). */
export function peerDistance(
  table: StandardisedTable,
  a: number,
  b: number,
  weights: readonly number[],
): number {
  const k = table.variables;
  let sum = 0;
  for (let v = 0; v < k; ++v) {
    const d = table.z[a * k + v]! - table.z[b * k + v]!;
    sum += weights[v]! * d * d;
  }
  return Math.sqrt(sum);
}

/**
 * The `n` nearest peers of `code`, nearest first.
 * @param weights - one per variable (default equal weights of 1)
 */
export function nearestPeers(
  table: StandardisedTable,
  code: string,
  n: number = DEFAULT_PEERS,
  weights: readonly number[] = new Array<number>(table.variables).fill(1),
): Peer[] {
  checkWeights(weights, table.variables);
  const self = table.codes.indexOf(code);
  if (self < 0) throw invalidValue('area', 'a local authority with peer variables', code);
  if (!Number.isInteger(n) || n < 1 || n > table.codes.length - 1)
    throw invalidValue('number of peers', `an integer from 1 to ${table.codes.length - 1}`, n);
  const all: Peer[] = [];
  table.codes.forEach((other, j) => {
    if (j !== self) all.push({ code: other, distance: peerDistance(table, self, j, weights) });
  });
  all.sort((x, y) => x.distance - y.distance || (x.code < y.code ? -1 : 1));
  return all.slice(0, n);
}
