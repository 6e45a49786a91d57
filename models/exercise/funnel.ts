/**
 * The exercise's funnel plot: each area's emergency (non-elective) admissions per 1,000
 * residents in the latest realised year against its population, with the region's pooled rate θ = ΣO / Σn and
 * 95 % and 99.8 % control limits θ ± z·√(θ / n) (the normal approximation to Poisson counts,
 * Spiegelhalter DJ, "Funnel plots for comparing institutional performance", Stat Med 2005;
 * 24:1185–1202; close to exact for counts in the thousands, as every local authority's
 * admissions are). Admissions vary between areas more than Poisson counts do (overdispersion), so
 * more areas fall outside the limits than chance alone would put there: the plot shows which
 * areas stand out, not a test of each. An area outside the 99.8 % limits differs from the region
 * by more than Poisson chance.
 */
import { zForConfidence } from '../../engine/stats/qnorm.js';
import type { ExerciseState } from './state.js';

/** Rates are per this many residents. */
export const FUNNEL_PER = 1000;
/** Points of each control-limit curve. */
const CURVE_POINTS = 60;

/** Where an area falls against the control limits. */
export type FunnelFlag = 'within 95 %' | 'between 95 and 99.8 %' | 'beyond 99.8 %';

/** One area on the funnel. */
export interface FunnelPoint {
  readonly area: string;
  readonly population: number;
  readonly admissions: number;
  readonly rate: number;
  readonly flag: FunnelFlag;
  readonly side: 'higher' | 'lower';
}

/** The funnel of one realised year. */
export interface Funnel {
  readonly year: number;
  /** The pooled rate per FUNNEL_PER. */
  readonly centre: number;
  readonly points: readonly FunnelPoint[];
  /** The control limits per FUNNEL_PER by population. */
  readonly limits: readonly {
    readonly population: number;
    readonly lower95: number;
    readonly upper95: number;
    readonly lower998: number;
    readonly upper998: number;
  }[];
}

const Z95 = zForConfidence(95);
const Z998 = zForConfidence(99.8);

/** The funnel of the state's latest round (areas without admissions or population are left out). */
export function funnelOf(state: ExerciseState): Funnel {
  const last = state.rounds.at(-1);
  const areas = (last?.areas ?? [])
    .map((a) => ({
      area: a.area,
      population: a.realised.population_total ?? NaN,
      admissions: a.realised.nel_admissions ?? NaN,
    }))
    .filter((a) => a.population > 0 && Number.isFinite(a.admissions));
  let sumO = 0;
  let sumN = 0;
  for (const a of areas) {
    sumO += a.admissions;
    sumN += a.population;
  }
  const theta = sumN > 0 ? sumO / sumN : NaN;
  const sd = (n: number): number => Math.sqrt(theta / n);
  const points = areas.map((a): FunnelPoint => {
    const rate = a.admissions / a.population;
    const z = Math.abs(rate - theta) / sd(a.population);
    return {
      ...a,
      rate: rate * FUNNEL_PER,
      flag: z > Z998 ? 'beyond 99.8 %' : z > Z95 ? 'between 95 and 99.8 %' : 'within 95 %',
      side: rate >= theta ? 'higher' : 'lower',
    };
  });
  const ns = areas.map((a) => a.population);
  const lo = Math.min(...ns) / 1.5;
  const hi = Math.max(...ns) * 1.5;
  const limits: Funnel['limits'][number][] = [];
  if (areas.length > 0)
    for (let i = 0; i < CURVE_POINTS; ++i) {
      const n = lo * (hi / lo) ** (i / (CURVE_POINTS - 1));
      const s = sd(n);
      limits.push({
        population: n,
        lower95: (theta - Z95 * s) * FUNNEL_PER,
        upper95: (theta + Z95 * s) * FUNNEL_PER,
        lower998: (theta - Z998 * s) * FUNNEL_PER,
        upper998: (theta + Z998 * s) * FUNNEL_PER,
      });
    }
  return { year: last?.year ?? NaN, centre: theta * FUNNEL_PER, points, limits };
}
