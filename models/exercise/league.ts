/**
 * The league table of an exercise: each area's plan outcomes with P(meet) and RAG in the latest
 * round, what changed since the round before (ΔP(meet), RAG moves), the first year a capacity
 * shortfall is more likely than not (stated resources only), and the net cost; sorted by risk:
 * most reds first, then the lowest P(meet) of any outcome, then area code.
 */
import type { Rag } from '../plan/model.js';
import type { ExerciseState, RoundRecord } from './state.js';

/** One outcome of one area in the league table. */
export interface LeagueOutcome {
  readonly metric: string;
  readonly label: string;
  /** The projected mean in the target year. */
  readonly mean: number;
  readonly pMeet: number;
  readonly rag: Rag;
  /** P(meet) minus the previous round's (null in round 0). */
  readonly deltaPMeet: number | null;
  /** The previous round's RAG (null in round 0). */
  readonly previousRag: Rag | null;
}

/** One area's row. */
export interface LeagueRow {
  readonly rank: number;
  readonly area: string;
  readonly name: string;
  readonly outcomes: readonly LeagueOutcome[];
  readonly reds: number;
  readonly minPMeet: number;
  /** First year with P(shortfall) > 0.5 over the stated resources, and which (null: none). */
  readonly shortfall: { readonly year: number; readonly resource: string } | null;
  /** Whether the area states any capacity (otherwise shortfall is not assessed). */
  readonly capacityStated: boolean;
  /** Mean net cost in the last year (null without costs). */
  readonly netCost: number | null;
}

/**
 * The outcomes of a league table's columns: each metric once, in order of first appearance,
 * labelled as the first area that has it names it.
 */
export function leagueOutcomes(rows: readonly LeagueRow[]): { metric: string; label: string }[] {
  const out = new Map<string, string>();
  for (const r of rows)
    for (const o of r.outcomes) if (!out.has(o.metric)) out.set(o.metric, o.label);
  return [...out].map(([metric, label]) => ({ metric, label }));
}

/** The league table of `state` after round `round` (default the latest). */
export function leagueTable(state: ExerciseState, round = state.rounds.length - 1): LeagueRow[] {
  const now: RoundRecord | undefined = state.rounds[round];
  if (!now) throw new RangeError(`league: no round ${round}`);
  const before: RoundRecord | undefined = round > 0 ? state.rounds[round - 1] : undefined;
  const rows = now.areas.map((a, i) => {
    const prev = before?.areas[i];
    const outcomes = a.outcomes.map((o): LeagueOutcome => {
      const p = prev?.outcomes.find((x) => x.metric === o.metric);
      return {
        metric: o.metric,
        label: o.label,
        mean: o.mean,
        pMeet: o.pMeet,
        rag: o.rag,
        deltaPMeet: p ? o.pMeet - p.pMeet : null,
        previousRag: p ? p.rag : null,
      };
    });
    let shortfall: LeagueRow['shortfall'] = null;
    for (const c of a.capacity)
      if (c.firstLikely !== null && (shortfall === null || c.firstLikely < shortfall.year))
        shortfall = { year: c.firstLikely, resource: c.resource };
    return {
      area: a.area,
      name: state.setup.areas[i]?.name ?? a.area,
      outcomes,
      reds: outcomes.filter((o) => o.rag === 'red').length,
      minPMeet: Math.min(...outcomes.map((o) => o.pMeet)),
      shortfall,
      capacityStated: a.capacity.length > 0,
      netCost: a.netCost?.mean ?? null,
    };
  });
  rows.sort(
    (x, y) =>
      y.reds - x.reds ||
      x.minPMeet - y.minPMeet ||
      (x.area < y.area ? -1 : x.area > y.area ? 1 : 0),
  );
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
