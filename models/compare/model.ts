/**
 * Paired comparison of two scenarios (DESIGN.md, common random numbers): both run with the
 * same seed and replicates, so replicate r of each draws the same numbers for every parameter
 * they share, and the difference B − A per replicate carries far less noise than either run.
 * Reported per area, year and metric present in both: the means of A and B, the difference's
 * mean and quantiles, and the share of replicates in which B is below A.
 */
import { InputError } from '../../engine/errors.js';
import { summarise, SUMMARY_STATS } from '../../engine/run/summary.js';
import { runScenario, type RunScenarioOptions, type ScenarioResult } from '../run-scenario.js';
import type { ValidatedScenario } from '../scenario/schema.js';

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
}

/**
 * Runs `a` and `b` on the same replicates and compares them cell by cell.
 * @throws InputError when the scenarios cannot be paired (seed, replicates, base year or areas differ)
 */
export async function compareScenarios(
  a: ValidatedScenario,
  b: ValidatedScenario,
  options: Omit<RunScenarioOptions, 'keepValues' | 'outPath'>,
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
  const ra = await runScenario(a, { ...options, keepValues: true });
  const rb = await runScenario(b, { ...options, keepValues: true });
  const codes = (r: ScenarioResult): string => r.areas.map((x) => x.code).join(',');
  if (codes(ra) !== codes(rb))
    throw new InputError(
      `compare: the scenarios must project the same areas, found ${codes(ra)} and ${codes(rb)}`,
    );
  const replicates = ra.range.to - ra.range.from;
  const cells: ComparedCell[] = [];
  ra.summaries.forEach((sa, k) => {
    const sb = rb.summaries[k]!;
    const va = sa.values;
    const vb = sb.values;
    if (!va || !vb) throw new Error('compare: runs returned no values');
    const indexB = new Map(sb.cells.map((c, i) => [`${c.metric}|${c.year}`, i]));
    const pairs = sa.cells.flatMap((c, i) => {
      const j = indexB.get(`${c.metric}|${c.year}`);
      return j === undefined ? [] : [{ cell: c, i, j }];
    });
    // Differences per replicate, laid out replicate-major for the summary.
    const diff = new Float64Array(replicates * pairs.length);
    const lower = new Float64Array(pairs.length);
    for (let r = 0; r < replicates; ++r)
      pairs.forEach((p, q) => {
        const d = vb[r * sb.cells.length + p.j]! - va[r * sa.cells.length + p.i]!;
        diff[r * pairs.length + q] = d;
        if (d < 0) lower[q] = lower[q]! + 1;
      });
    const summary = summarise(diff, replicates, pairs.length);
    pairs.forEach((p, q) =>
      cells.push({
        area: sa.area,
        year: p.cell.year,
        metric: p.cell.metric,
        meanA: sa.summary.stats[0]![p.i]!,
        meanB: sb.summary.stats[0]![p.j]!,
        difference: SUMMARY_STATS.map((_, s) => summary.stats[s]![q]!),
        pLower: lower[q]! / replicates,
      }),
    );
  });
  return { a: ra, b: rb, cells };
}
