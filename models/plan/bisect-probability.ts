/**
 * The smallest x at which an increasing probability P(x) reaches a level, by bisection on
 * [lo, hi] (Burden & Faires, Numerical Analysis, §2.1), with a check that the points evaluated
 * are increasing within Monte Carlo error. Each P(x) is a share of n paired replicates (common
 * random numbers), so P is a step function and is monotone in most levers, but not in all.
 */

/** z of a two-sided 95 % interval: a fall in P larger than this many standard errors is not noise. */
const Z_95 = 1.959963984540054;

/** P at one x. */
export interface ProbabilityPoint {
  readonly x: number;
  readonly p: number;
}

/** Two points at which P falls as x rises by more than Monte Carlo error. */
export interface MonotonicityBreak {
  readonly lower: ProbabilityPoint;
  readonly higher: ProbabilityPoint;
  /** The fall allowed as Monte Carlo error (1.96 standard errors of the difference). */
  readonly allowed: number;
}

/** Options of a search. */
export interface BisectOptions {
  readonly lo: number;
  readonly hi: number;
  /** The level P must reach, in (0, 1]. */
  readonly probability: number;
  /** The most midpoints evaluated after the two ends. */
  readonly steps: number;
  /** Stop once the bracket is this narrow (0: use every step). */
  readonly tolerance: number;
  /** Only whole x (a number of deciles, say): the bracket closes at width 1. */
  readonly integer: boolean;
  /** Replicates behind each P, for the Monte Carlo error of the monotonicity check. */
  readonly replicates: number;
}

/** The outcome of a search, by `state`. */
export type BisectResult =
  | {
      /** P(answer) ≥ probability and P(bracket[0]) < probability (or answer = lo). */
      readonly state: 'solved';
      readonly answer: number;
      /** The answer lies in (bracket[0], bracket[1]]; its width is the precision. */
      readonly bracket: readonly [number, number];
      readonly pAtAnswer: number;
      readonly points: readonly ProbabilityPoint[];
      readonly breaks: readonly MonotonicityBreak[];
    }
  | {
      /** Even the top of the range does not reach the probability. */
      readonly state: 'unreachable';
      readonly pAtHi: number;
      readonly points: readonly ProbabilityPoint[];
      readonly breaks: readonly MonotonicityBreak[];
    };

/**
 * Every pair of points where P falls as x rises by more than Monte Carlo error: 1.96 standard
 * errors of a difference of two shares of n with the pooled share (a conservative bound for paired
 * replicates, whose difference varies less).
 */
export function monotonicityBreaks(
  points: readonly ProbabilityPoint[],
  replicates: number,
): MonotonicityBreak[] {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const out: MonotonicityBreak[] = [];
  sorted.forEach((a, i) => {
    for (const b of sorted.slice(i + 1)) {
      if (b.x === a.x) continue;
      const pooled = (a.p + b.p) / 2;
      const allowed = Z_95 * Math.sqrt((2 * pooled * (1 - pooled)) / replicates);
      if (a.p - b.p > allowed) out.push({ lower: a, higher: b, allowed });
    }
  });
  return out;
}

/**
 * Bisection for the smallest x in [lo, hi] with P(x) ≥ probability, P evaluated one x at a time.
 * @param evaluate - P at x (a paired Monte Carlo run, say)
 * @returns the answer and its bracket, or that the top of the range falls short; with every point
 *   evaluated and any fall in P beyond Monte Carlo error
 */
export async function bisectProbability(
  evaluate: (x: number) => Promise<number>,
  options: BisectOptions,
): Promise<BisectResult> {
  const points: ProbabilityPoint[] = [];
  const at = async (x: number): Promise<number> => {
    const p = await evaluate(x);
    points.push({ x, p });
    return p;
  };
  const { probability, integer } = options;
  let lo = integer ? Math.ceil(options.lo) : options.lo;
  let hi = integer ? Math.floor(options.hi) : options.hi;
  const solved = (from: number, to: number, p: number): BisectResult => ({
    state: 'solved',
    answer: to,
    bracket: [from, to],
    pAtAnswer: p,
    points,
    breaks: monotonicityBreaks(points, options.replicates),
  });
  const pLo = await at(lo);
  if (pLo >= probability) return solved(lo, lo, pLo);
  let pHi = await at(hi);
  if (pHi < probability)
    return {
      state: 'unreachable',
      pAtHi: pHi,
      points,
      breaks: monotonicityBreaks(points, options.replicates),
    };
  const closed = integer ? Math.max(1, options.tolerance) : options.tolerance;
  for (let step = 0; step < options.steps && hi - lo > closed; ++step) {
    const mid = integer ? Math.floor((lo + hi) / 2) : lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    const p = await at(mid);
    if (p >= probability) {
      hi = mid;
      pHi = p;
    } else lo = mid;
  }
  return solved(lo, hi, pHi);
}
