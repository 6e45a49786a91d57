/**
 * What the exercise's report shows, from the state alone (no model run): the setup and the
 * rounds so far, the league table, the funnel of areas, and each area's fan chart of each plan
 * outcome in the latest round, with the target and the projection made at init (its median)
 * for comparison, so the drift from the plan shows.
 */
import type { FanChart } from '../report/model.js';
import { funnelOf, type Funnel } from './funnel.js';
import { leagueTable, type LeagueRow } from './league.js';
import type { ExerciseState } from './state.js';

/** One round in the report's summary. */
export interface RoundSummary {
  readonly round: number;
  readonly year: number;
  readonly draw: number | null;
  readonly events: readonly {
    readonly name: string;
    readonly kind: string;
    readonly year: number;
    readonly areas: string;
  }[];
}

/** Everything the exercise report shows. */
export interface ExerciseReport {
  readonly name: string;
  /** The region as the exercise file names it (a code or a list of codes). */
  readonly region: string;
  readonly baseYear: number;
  readonly horizon: number;
  readonly replicates: number;
  readonly seed: number;
  readonly areas: readonly { readonly code: string; readonly name: string }[];
  readonly round: number;
  readonly rounds: readonly RoundSummary[];
  readonly league: readonly LeagueRow[];
  readonly funnel: Funnel;
  /** Fans of each area's plan outcomes, areas in league order; `baseline` is init's median. */
  readonly fans: readonly FanChart[];
}

/** Builds the exercise report from a state. */
export function exerciseReport(state: ExerciseState): ExerciseReport {
  const { setup } = state;
  const last = state.rounds.at(-1);
  const init = state.rounds[0];
  const league = leagueTable(state);
  const fans: FanChart[] = [];
  for (const row of league) {
    const now = last?.areas.find((a) => a.area === row.area);
    const start = init?.areas.find((a) => a.area === row.area);
    for (const o of now?.outcomes ?? []) {
      const first = start?.outcomes.find((x) => x.metric === o.metric);
      fans.push({
        area: row.area,
        metric: o.label,
        unit: o.unit,
        points: o.fan,
        ...(first && state.rounds.length > 1
          ? { baseline: first.fan.map((p) => ({ year: p.year, value: p.p50 })) }
          : {}),
        targets: [{ year: o.year, value: o.target, kind: 'target' }],
      });
    }
  }
  return {
    name: setup.name,
    region: typeof setup.region === 'string' ? setup.region : setup.region.join(', '),
    baseYear: setup.baseYear,
    horizon: setup.horizon,
    replicates: setup.replicates,
    seed: setup.seed,
    areas: setup.areas.map((a) => ({ code: a.code, name: a.name })),
    round: last?.round ?? 0,
    rounds: state.rounds.map((r) => ({
      round: r.round,
      year: r.year,
      draw: r.draw,
      events: r.events.map((e) => ({
        name: e.name,
        kind: e.kind,
        year: e.year,
        areas: e.areas === 'all' ? 'all' : Array.isArray(e.areas) ? e.areas.join(', ') : e.areas,
      })),
    })),
    league,
    funnel: funnelOf(state),
    fans,
  };
}
