/**
 * The rounds of an exercise. Round k (1, 2, …) is "a year that happens":
 * 1. one replicate r*_k is drawn from the exercise's seed and k with the engine's seeded streams
 *    (stream `exercise/round` of replicate k), the same for every area, so the revealed year is
 *    one coherent world: the areas' shared parameters move together;
 * 2. each area's scenario, with every event of rounds 1 … k applied, is run again with the
 *    exercise's seed, so replicate r of this round is paired with replicate r of the last
 *    (common random numbers: an event adds its own streams and shifts no other draw);
 * 3. the realised value of year k of each anchored metric is r*_k's change from year k − 1
 *    applied to year k − 1's realised value, and every replicate is anchored to the realised
 *    path (anchor.ts): years up to k are what happened, later years keep each replicate's own
 *    change from year k;
 * 4. each plan outcome's P(meet), RAG and fan, P(shortfall) of each stated resource and the net
 *    cost are computed from the anchored replicates, as `wcc targets` and `wcc report` do.
 * Round 0 (init) reveals nothing: the realised base year is the mean over replicates of the base
 * year, which for population and outcomes is the data itself (the same in every replicate), so
 * their P(meet) at init is that of `wcc targets`; base-year activity and cost, whose rates are
 * uncertain, are tied to their mean, each replicate keeping its own growth from it.
 */
import { createStream } from '../../engine/rng/stream.js';
import type { AreaSummary } from '../../engine/run/run.js';
import { summarise } from '../../engine/run/summary.js';
import type { CellSpec } from '../../engine/run/types.js';
import { meanOf } from '../../engine/stats/welford.js';
import { InputError } from '../../engine/errors.js';
import { canonicalJson } from '../../engine/io/run-metadata.js';
import { assessTargets } from '../plan/model.js';
import { RESOURCE_METRICS } from '../registry/metrics.js';
import { buildReport } from '../report/model.js';
import { runScenario, scenarioCells } from '../run-scenario.js';
import { baselineOf } from '../scenario/baseline.js';
import { parseScenario, type ValidatedScenario } from '../scenario/schema.js';
import { anchorReplicates, realisedValue } from './anchor.js';
import { applyEvent, eventHits, namedAreas } from './events.js';
import type { EventsFile, ExerciseEvent } from './schema.js';
import type { AreaRound, ExerciseArea, ExerciseSetup, OutcomeRound, RoundRecord } from './state.js';

/** The stream a round's revealed replicate is drawn from (replicate slot = the round). */
export const ROUND_STREAM = 'exercise/round';

/** Options of running a round: threads, progress (areas done of all), cancellation. */
export interface RoundOptions {
  readonly threads: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** The most replicate values (bytes) a batch of areas holds (default BATCH_VALUES_BYTES). */
  readonly batchBytes?: number;
}

/** The replicate revealed as what happened in round `round` (≥ 1) of an exercise. */
export function roundDraw(seed: number, round: number, replicates: number): number {
  const u = createStream(seed, round, ROUND_STREAM).next();
  return Math.min(replicates - 1, Math.floor(u * replicates));
}

/**
 * Checks events for round `round` against the exercise: known areas, years from the round's
 * year to the last year.
 * @throws InputError naming the event and what is wrong
 */
export function checkEvents(
  setup: ExerciseSetup,
  round: number,
  events: readonly ExerciseEvent[],
  source: string,
): void {
  const codes = new Set(setup.areas.map((a) => a.code));
  const first = setup.baseYear + round;
  const last = setup.baseYear + setup.horizon;
  events.forEach((e, i) => {
    const where = `${source}: events[${i}] ("${e.name}")`;
    for (const code of namedAreas(e))
      if (!codes.has(code))
        throw new InputError(
          `${where}.areas: expected "all" or areas of the exercise (${[...codes].slice(0, 6).join(', ')}${codes.size > 6 ? ', …' : ''}), found "${code}"`,
        );
    if (e.year < first || e.year > last)
      throw new InputError(
        `${where}.year: expected a year of round ${round} or later, from ${first} to ${last}, found ${e.year}`,
      );
  });
}

/**
 * Checks that `file` is for the next round (`done` rounds after init were applied) and that the
 * exercise has a year left.
 * @throws InputError when the round was applied already, skips one, or passes the horizon
 */
export function checkNextRound(setup: ExerciseSetup, done: number, file?: EventsFile): number {
  const next = done + 1;
  if (next > setup.horizon)
    throw new InputError(
      `round ${next}: the exercise has ${setup.horizon} years (to ${setup.baseYear + setup.horizon}) and all ${setup.horizon} rounds are done`,
    );
  if (file && file.round !== next)
    throw new InputError(
      file.round <= done
        ? `events file: round ${file.round} was applied already (the state is at round ${done}); undo it first with --undo, or write round: ${next}`
        : `events file: expected round ${next} (the state is at round ${done}), found round ${file.round}`,
    );
  return next;
}

/** The area's scenario input with `events` (those hitting it, in order) applied. */
export function areaInput(
  area: ExerciseArea,
  events: readonly { event: ExerciseEvent; where: string }[],
): Record<string, unknown> {
  let input: Record<string, unknown> = { ...area.scenario };
  for (const { event, where } of events)
    if (eventHits(event, area.code)) input = applyEvent(input, event, area.code, where);
  return input;
}

/**
 * The most replicate values (bytes) one batch of areas holds at once: a batch's runs keep every
 * replicate until they are anchored and summarised, so a large exercise runs in batches.
 */
export const BATCH_VALUES_BYTES = 256 * 1024 ** 2;

/**
 * Areas whose scenarios are the same but for the area (and name) run as one scenario of several
 * areas, in batches of at most BATCH_VALUES_BYTES of replicate values: the engine spreads a
 * batch's areas over its threads. An area stating capacity runs alone (a capacity block belongs
 * to one area).
 */
function runGroups(
  setup: ExerciseSetup,
  items: readonly { code: string; input: Record<string, unknown> }[],
  batchBytes: number,
): { input: Record<string, unknown>; members: number[] }[] {
  const groups = new Map<string, { input: Record<string, unknown>; members: number[] }>();
  items.forEach(({ input }, i) => {
    const rest = Object.fromEntries(
      Object.entries(input).filter(([key]) => key !== 'area' && key !== 'name'),
    );
    const key = canonicalJson(rest) + (input.capacity === undefined ? '' : `#${i}`);
    const group = groups.get(key);
    if (group) group.members.push(i);
    else groups.set(key, { input: { ...rest, name: setup.name }, members: [i] });
  });
  const out: { input: Record<string, unknown>; members: number[] }[] = [];
  for (const g of groups.values()) {
    const cells = scenarioCells(parseScenario({ ...g.input, area: items[g.members[0]!]!.code }));
    const size = Math.max(1, Math.floor(batchBytes / (setup.replicates * cells * 8)));
    for (let k = 0; k < g.members.length; k += size) {
      const members = g.members.slice(k, k + size);
      out.push({ members, input: { ...g.input, area: members.map((i) => items[i]!.code) } });
    }
  }
  return out;
}

/**
 * Runs every area's scenario (grouped, see `runGroups`), handing each area's run to `onArea`
 * (with its index in `items`) as its batch finishes, so only one batch's replicates are held.
 */
async function runAreas(
  setup: ExerciseSetup,
  items: readonly { code: string; input: Record<string, unknown> }[],
  options: RoundOptions,
  baseline: boolean,
  onArea: (index: number, run: AreaSummary) => void,
): Promise<void> {
  const groups = runGroups(setup, items, options.batchBytes ?? BATCH_VALUES_BYTES);
  let done = 0;
  for (const group of groups) {
    let scenario = parseScenario(group.input, `exercise ${setup.name}`);
    if (baseline) scenario = baselineOf(scenario);
    const result = await runScenario(scenario, {
      threads: options.threads,
      keepValues: true,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress
        ? {
            onProgress: (d: number, t: number) =>
              options.onProgress?.(done + (d / t) * group.members.length, items.length),
          }
        : {}),
    });
    group.members.forEach((i, k) => onArea(i, result.summaries[k]!));
    done += group.members.length;
  }
}

/** The replicates' values of `metric` in every year, replicate-major [r · years + j]; undefined if the run lacks it. */
function metricMatrix(
  run: AreaSummary,
  metric: string,
  baseYear: number,
  years: number,
): Float64Array | undefined {
  const values = run.values!;
  const n = run.cells.length;
  const replicates = values.length / n;
  const index = new Int32Array(years).fill(-1);
  run.cells.forEach((c, i) => {
    if (c.metric === metric && c.year >= baseYear && c.year < baseYear + years)
      index[c.year - baseYear] = i;
  });
  if (index.some((i) => i < 0)) return undefined;
  const out = new Float64Array(replicates * years);
  for (let r = 0; r < replicates; ++r)
    for (let j = 0; j < years; ++j) out[r * years + j] = values[r * n + index[j]!]!;
  return out;
}

/**
 * One area's run anchored to its realised path.
 * @param previous - the area's realised values of years 0 … k − 1 (rounds before this one)
 * @param draw - the revealed replicate (null in round 0)
 * @returns the anchored summary (with P(shortfall) cells) and the realised values of year k
 */
export function anchorArea(
  setup: ExerciseSetup,
  run: AreaSummary,
  previous: readonly Readonly<Record<string, number>>[],
  draw: number | null,
): { summary: AreaSummary; realised: Record<string, number> } {
  const years = setup.horizon + 1;
  const k = previous.length;
  const replicates = run.values!.length / run.cells.length;
  const blocks: { metric: string; values: Float64Array }[] = [];
  const realised: Record<string, number> = {};
  for (const { metric, kind } of setup.anchored) {
    const values = metricMatrix(run, metric, setup.baseYear, years);
    if (!values) continue;
    const path = new Float64Array(k + 1);
    for (let j = 0; j < k; ++j) path[j] = previous[j]![metric] ?? NaN;
    if (draw === null) {
      const base = new Float64Array(replicates);
      let same = true;
      for (let r = 0; r < replicates; ++r) {
        base[r] = values[r * years]!;
        if (!Object.is(base[r], base[0])) same = false;
      }
      // A base year every replicate agrees on (life expectancy and its gap and SII are the
      // published ones) is that value: the mean of n equal values, (n·x)/n, can round a bit
      // away from x, and anchoring to it would move every replicate by that bit.
      path[k] = same && replicates > 0 ? base[0]! : meanOf(base, replicates);
    } else
      path[k] = realisedValue(
        kind,
        path[k - 1]!,
        values[draw * years + k - 1]!,
        values[draw * years + k]!,
      );
    realised[metric] = path[k]!;
    anchorReplicates(values, replicates, years, path, kind);
    blocks.push({ metric, values });
  }
  // P(shortfall): anchored required above anchored capacity, replicate by replicate.
  for (const r of RESOURCE_METRICS) {
    const required = blocks.find((b) => b.metric === r.required);
    const available = blocks.find((b) => b.metric === `capacity_${r.resource}`);
    if (!required || !available) continue;
    const p = new Float64Array(replicates * years);
    for (let i = 0; i < p.length; ++i) p[i] = required.values[i]! > available.values[i]! ? 1 : 0;
    blocks.push({ metric: `p_shortfall_${r.resource}`, values: p });
  }
  const cells: CellSpec[] = [];
  for (const b of blocks)
    for (let j = 0; j < years; ++j) cells.push({ metric: b.metric, year: setup.baseYear + j });
  const n = cells.length;
  const values = new Float64Array(replicates * n);
  blocks.forEach((b, m) => {
    for (let r = 0; r < replicates; ++r)
      for (let j = 0; j < years; ++j) values[r * n + m * years + j] = b.values[r * years + j]!;
  });
  return {
    summary: { area: run.area, cells, summary: summarise(values, replicates, n), values },
    realised,
  };
}

/** The round's record of one area from its anchored summary. */
function areaRound(
  setup: ExerciseSetup,
  scenario: ValidatedScenario,
  anchored: AreaSummary,
  realised: Record<string, number>,
  baselinePMeet?: readonly number[],
): AreaRound {
  const plan = scenario.plan!;
  const report = buildReport({
    baseYear: setup.baseYear,
    horizon: setup.horizon,
    summaries: [anchored],
    plan,
  });
  const outcomes = report.assessments.map((a, i): OutcomeRound => {
    const fan = report.fans.find((f) => f.metric === a.outcome.label)!;
    return {
      metric:
        a.outcome.denominator === undefined
          ? a.outcome.numerator
          : `${a.outcome.numerator} / ${a.outcome.denominator}`,
      label: a.outcome.label,
      unit: fan.unit,
      better: a.outcome.better,
      target: a.outcome.target,
      year: a.outcome.year,
      pMeet: a.pMeet,
      rag: a.rag,
      mean: a.projected.mean,
      p10: a.projected.p10,
      p90: a.projected.p90,
      ...(baselinePMeet ? { baselinePMeet: baselinePMeet[i]! } : {}),
      fan: fan.points,
    };
  });
  const cost = report.netCost[0];
  return {
    area: anchored.area,
    realised,
    outcomes,
    capacity: report.capacity.map((c) => ({
      resource: c.resource,
      pShortfall: c.years.map((y) => y.pShortfall),
      firstLikely: c.firstLikely ?? null,
    })),
    netCost: cost ? { year: cost.year, mean: cost.mean, p10: cost.p10, p90: cost.p90 } : null,
  };
}

/** Whether a scenario differs from its baseline (interventions, levers or capacity). */
function hasPlan(s: ValidatedScenario): boolean {
  return (
    s.prevalence.interventions.length > 0 ||
    s.demand.levers.length > 0 ||
    Object.keys(s.demand.capacity).length > 0 ||
    s.capacityByArea !== undefined
  );
}

/**
 * Runs round `round` (0: init) of an exercise after `rounds` (its earlier rounds, in order).
 * @param events - this round's events, already checked (`checkEvents`)
 * @param source - where the events came from, for messages
 */
export async function runRound(
  setup: ExerciseSetup,
  rounds: readonly RoundRecord[],
  events: readonly ExerciseEvent[],
  source: string,
  options: RoundOptions,
): Promise<RoundRecord> {
  const round = rounds.length;
  const draw = round === 0 ? null : roundDraw(setup.seed, round, setup.replicates);
  const all = [
    ...rounds.flatMap((r) =>
      r.events.map((event, i) => ({ event, where: `round ${r.round}: events[${i}]` })),
    ),
    ...events.map((event, i) => ({ event, where: `${source}: events[${i}]` })),
  ];
  const inputs = setup.areas.map((area) => areaInput(area, all));
  const scenarios = inputs.map((input, i) =>
    parseScenario(
      input,
      `exercise ${setup.name} (area ${setup.areas[i]!.code}, with the events so far)`,
    ),
  );
  const items = inputs.map((input, i) => ({ code: setup.areas[i]!.code, input }));
  // Init also runs the baseline of areas whose plan differs from it, for the baseline's P(meet).
  const baselinePMeet = new Map<number, number[]>();
  if (round === 0) {
    const planned = items.flatMap((_, i) => (hasPlan(scenarios[i]!) ? [i] : []));
    await runAreas(
      setup,
      planned.map((i) => items[i]!),
      { ...options, onProgress: undefined },
      true,
      (j, run) => {
        const i = planned[j]!;
        const p = assessTargets(scenarios[i]!.plan!, setup.baseYear, [run]).map((a) => a.pMeet);
        baselinePMeet.set(i, p);
      },
    );
  }
  const areas = new Array<AreaRound>(items.length);
  await runAreas(setup, items, options, false, (i, run) => {
    const previous = rounds.map((r) => r.areas[i]!.realised);
    const { summary, realised } = anchorArea(setup, run, previous, draw);
    areas[i] = areaRound(setup, scenarios[i]!, summary, realised, baselinePMeet.get(i));
  });
  return { round, year: setup.baseYear + round, draw, events, areas };
}
