/**
 * Paired comparison of two scenarios (common random numbers): both run with the
 * same seed and replicates, so replicate r of each draws the same numbers for every parameter
 * they share, and the difference B − A per replicate carries far less noise than either run.
 * Reported per area, year and metric: the means of A and B, the difference's mean and quantiles,
 * and the share of replicates in which B is below A. A metric only one side produces is 0 on the
 * other where that is its meaning (programme costs, cases avoided); otherwise it has no
 * counterpart and is listed as such.
 */
import { InputError } from '../../engine/errors.js';
import { summarise, SUMMARY_STATS } from '../../engine/run/summary.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry } from '../areas/registry.js';
import {
  runScenario,
  scenarioAreas,
  scenarioCells,
  type RunScenarioOptions,
  type ScenarioResult,
} from '../run-scenario.js';
import type { ValidatedScenario } from '../scenario/schema.js';
import type { AreaSummary } from '../../engine/run/run.js';
import type { CellSpec } from '../../engine/run/types.js';
import { zeroWhenAbsent } from '../registry/metrics.js';
import { runsModel } from '../registry/models.js';

/** One compared cell. */
export interface ComparedCell {
  readonly area: string;
  readonly year: number;
  readonly metric: string;
  readonly meanA: number;
  readonly meanB: number;
  /** Statistics of B − A over replicates, in SUMMARY_STATS order. */
  readonly difference: readonly number[];
  /** Share of replicates in which B < A. */
  readonly pLower: number;
}

/** A comparison's cells and the runs behind it. */
export interface Comparison {
  readonly a: ScenarioResult;
  readonly b: ScenarioResult;
  readonly cells: readonly ComparedCell[];
  /** Metrics only one side produces and that have no meaning as 0 on the other, by side. */
  readonly unpaired: { readonly a: readonly string[]; readonly b: readonly string[] };
  /** What else differs between the sides' numbers beyond the scenarios' plans (e.g. norms). */
  readonly notes: readonly string[];
}

/** The metrics both sides can pair, in A's order then B's: cells as (index in A, index in B), −1 where it is 0 by meaning. */
function pairCells(
  sa: AreaSummary,
  sb: AreaSummary,
  unpaired: { a: Set<string>; b: Set<string> },
): { cell: CellSpec; i: number; j: number }[] {
  const key = (c: CellSpec): string => `${c.metric}|${c.year}`;
  const indexA = new Map(sa.cells.map((c, i) => [key(c), i]));
  const indexB = new Map(sb.cells.map((c, i) => [key(c), i]));
  const pairs: { cell: CellSpec; i: number; j: number }[] = [];
  sa.cells.forEach((c, i) => {
    const j = indexB.get(key(c));
    if (j !== undefined) pairs.push({ cell: c, i, j });
    else if (zeroWhenAbsent(c.metric)) pairs.push({ cell: c, i, j: -1 });
    else unpaired.a.add(c.metric);
  });
  sb.cells.forEach((c, j) => {
    if (indexA.has(key(c))) return;
    if (zeroWhenAbsent(c.metric)) pairs.push({ cell: c, i: -1, j });
    else unpaired.b.add(c.metric);
  });
  return pairs;
}

/**
 * Bytes of one side's replicate values a comparison holds at once: it runs its areas in batches
 * that fit (at least one area a batch), so `--area all` never holds both whole runs.
 */
export const COMPARE_BATCH_BYTES = 256 * 1024 ** 2;

/** A run's areas so far and the next batch's, their replicate values dropped. */
function merged(sofar: ScenarioResult | undefined, next: ScenarioResult): ScenarioResult {
  const summaries = next.summaries.map((x): AreaSummary => ({
    area: x.area,
    cells: x.cells,
    summary: x.summary,
  }));
  if (!sofar) return { ...next, summaries };
  return {
    ...next,
    areas: [...sofar.areas, ...next.areas],
    summaries: [...sofar.summaries, ...summaries],
    capacity: { ...sofar.capacity, ...next.capacity },
  };
}

/** Compares one area of A and B cell by cell, replicate by replicate. */
function compareArea(
  sa: AreaSummary,
  sb: AreaSummary,
  replicates: number,
  unpaired: { a: Set<string>; b: Set<string> },
): ComparedCell[] {
  const va = sa.values;
  const vb = sb.values;
  if (!va || !vb) throw new Error('compare: runs returned no values');
  const pairs = pairCells(sa, sb, unpaired);
  const na = sa.cells.length;
  const nb = sb.cells.length;
  // Differences per replicate, laid out replicate-major for the summary.
  const diff = new Float64Array(replicates * pairs.length);
  const lower = new Float64Array(pairs.length);
  for (let r = 0; r < replicates; ++r)
    pairs.forEach((p, q) => {
      const x = p.i < 0 ? 0 : va[r * na + p.i]!;
      const y = p.j < 0 ? 0 : vb[r * nb + p.j]!;
      const d = y - x;
      diff[r * pairs.length + q] = d;
      if (d < 0) lower[q] = lower[q]! + 1;
    });
  const summary = summarise(diff, replicates, pairs.length);
  return pairs.map((p, q) => ({
    area: sa.area,
    year: p.cell.year,
    metric: p.cell.metric,
    meanA: p.i < 0 ? 0 : sa.summary.stats[0]![p.i]!,
    meanB: p.j < 0 ? 0 : sb.summary.stats[0]![p.j]!,
    difference: SUMMARY_STATS.map((_, s) => summary.stats[s]![q]!),
    pLower: lower[q]! / replicates,
  }));
}

/**
 * Runs `a` and `b` on the same replicates and compares them cell by cell.
 * @throws InputError when the scenarios cannot be paired (seed, replicates, base year or areas differ)
 */
export async function compareScenarios(
  a: ValidatedScenario,
  b: ValidatedScenario,
  options: Omit<RunScenarioOptions, 'keepValues' | 'outPath' | 'onlyAreas'>,
): Promise<Comparison> {
  for (const [field, x, y] of [
    ['seed', a.seed, b.seed],
    ['replicates', a.replicates, b.replicates],
    ['base_year', a.baseYear, b.baseYear],
  ] as const)
    if (x !== y)
      throw new InputError(
        `compare: the scenarios must share ${field} to be paired replicate by replicate, found ${x} and ${y}`,
      );
  const registry = areaRegistry(loadReferenceData());
  const codesOf = (s: ValidatedScenario): string[] => scenarioAreas(s, registry).map((x) => x.code);
  const codes = codesOf(a);
  if (codes.join(',') !== codesOf(b).join(','))
    throw new InputError(
      `compare: the scenarios must project the same areas, found ${codes.join(',')} and ${codesOf(b).join(',')}`,
    );
  const replicates = (options.range?.to ?? a.replicates) - (options.range?.from ?? 0);
  const cells: ComparedCell[] = [];
  const unpaired = { a: new Set<string>(), b: new Set<string>() };
  // In batches of areas: only a batch's replicates of each side are held at once.
  const perArea = replicates * Math.max(scenarioCells(a), scenarioCells(b)) * 8;
  const batch = Math.max(1, Math.floor(COMPARE_BATCH_BYTES / perArea));
  let ra: ScenarioResult | undefined;
  let rb: ScenarioResult | undefined;
  const total = codes.length * 2 * replicates;
  let done = 0;
  for (let k = 0; k < codes.length; k += batch) {
    const onlyAreas = codes.slice(k, k + batch);
    const side = async (s: ValidatedScenario): Promise<ScenarioResult> => {
      const before = done;
      const result = await runScenario(s, {
        ...options,
        keepValues: true,
        onlyAreas,
        ...(options.onProgress
          ? { onProgress: (d: number) => options.onProgress!(before + d, total) }
          : {}),
      });
      done += onlyAreas.length * replicates;
      return result;
    };
    const areasA = await side(a);
    const areasB = await side(b);
    areasA.summaries.forEach((sa, i) =>
      cells.push(...compareArea(sa, areasB.summaries[i]!, replicates, unpaired)),
    );
    ra = merged(ra, areasA);
    rb = merged(rb, areasB);
  }
  return {
    a: ra!,
    b: rb!,
    cells,
    unpaired: { a: [...unpaired.a], b: [...unpaired.b] },
    notes: occupancyNotes(a, b),
  };
}

/** A note when the sides plan beds at different occupancy: beds_required then differs by the norm too. */
function occupancyNotes(a: ValidatedScenario, b: ValidatedScenario): string[] {
  if (!runsModel(a.model, 'demand') || !runsModel(b.model, 'demand')) return [];
  const occupancy = (s: ValidatedScenario): string => {
    const own = Object.values(s.capacityByArea ?? {}).map((c) => c.occupancy);
    return JSON.stringify([s.demand.occupancy, ...own]);
  };
  if (occupancy(a) === occupancy(b)) return [];
  return [
    'beds_required: the scenarios plan beds at different occupancy (capacity.occupancy), so their beds differ by that norm as well as by activity',
  ];
}
