/**
 * What it takes to meet a target: the smallest scale of one lever of a scenario (an effect, a
 * reach in deciles, a capacity, a budget) at which an outcome's target is met with a stated
 * probability, by bisection over runs on the same seed (common random numbers), or P(meet) at
 * each value of a grid. Each run is an ordinary scenario run with its replicate values kept.
 */
import { InputError } from '../../engine/errors.js';
import { probabilityOfMeeting } from '../../engine/stats/probability-of-meeting.js';
import { meanOf } from '../../engine/stats/welford.js';
import type { AreaSummary } from '../../engine/run/run.js';
import { runScenario, scenarioMetrics } from '../run-scenario.js';
import { parseScenario, type ValidatedScenario } from '../scenario/schema.js';
import { outcomeValues, ragOf, type Rag } from './model.js';
import { DEFAULT_RAG, type Plan, type PlanOutcome } from './schema.js';
import { bisectProbability, monotonicityBreaks, type BisectResult } from './bisect-probability.js';
import { resolveLever, withLever, type Lever } from './scenario-path.js';

/** Default midpoints of a search. */
export const DEFAULT_STEPS = 12;

/** Cost metrics of programmes, the first one a run produces being used. */
const COST_METRICS = ['cost_programmes', 'intervention_cost', 'lever_cost'] as const;

/** Options of a solve. */
export interface SolveOptions {
  /** Path of the varied field, e.g. interventions[0].effect. */
  readonly vary: string;
  /** An outcome of the scenario's plan by label or metric, or an outcome given directly (the plan block is then not read). */
  readonly outcome: string | PlanOutcome;
  /** P(meet) to reach, in (0, 1]. */
  readonly probability: number;
  /** Search range of the value (default 0 … twice the current value; 1 … 10 deciles). */
  readonly range?: readonly [number, number];
  /** Stop once the bracket is this narrow (default 0: every step). */
  readonly tolerance?: number;
  /** Most midpoints (default {@link DEFAULT_STEPS}). */
  readonly steps?: number;
  /** Values to evaluate instead of a search. */
  readonly grid?: readonly number[];
  readonly replicates?: number;
  readonly seed?: number;
  readonly threads: number;
  /** Where the scenario came from, for messages. */
  readonly source: string;
  /** Called before each run. */
  readonly onRun?: (run: number, x: number) => void;
}

/** One evaluated value of the lever. */
export interface SolvePoint {
  readonly x: number;
  readonly pMeet: number;
  readonly rag: Rag;
  /** Mean of the outcome in the target year. */
  readonly mean: number;
  /** Mean programme cost summed over the years after the base year to the target year (NaN when the model has none). */
  readonly cost: number;
}

/** What a solve found. */
export interface SolveResult {
  readonly lever: Lever;
  readonly outcome: PlanOutcome;
  readonly probability: number;
  readonly area: string;
  readonly replicates: number;
  readonly rag: Plan['rag'];
  /** The cost metric summed in `cost`. */
  readonly costMetric?: string;
  readonly range: readonly [number, number];
  /** Every run, in the order made. */
  readonly points: readonly SolvePoint[];
  /** The search (absent for a grid). */
  readonly search?: BisectResult;
  /** Monte Carlo standard error of P(meet) at the answer, √(p(1 − p)/n) (when solved). */
  readonly answerSe?: number;
  /** Grid only: falls in P beyond Monte Carlo error. */
  readonly breaks: BisectResult['breaks'];
}

/** The outcome named `name` in the scenario's plan (by label or metric). */
function planOutcome(scenario: ValidatedScenario, name: string, source: string): PlanOutcome {
  const plan = scenario.plan;
  if (!plan)
    throw new InputError(
      `${source}: --outcome ${name}: expected a plan block with this outcome (or an outcome given by --target, --better and --year), found no plan`,
    );
  const found = plan.outcomes.find(
    (o) =>
      o.label === name ||
      (o.denominator === undefined ? o.numerator : `${o.numerator} / ${o.denominator}`) === name,
  );
  if (!found)
    throw new InputError(
      `option --outcome: expected one of the plan's outcomes (${plan.outcomes.map((o) => o.label).join(', ')}), found "${name}"`,
    );
  return found;
}

/** Sum over `years` of each replicate's `metric`, averaged over replicates. */
function meanSum(area: AreaSummary, metric: string, years: readonly number[]): number {
  const one: PlanOutcome = {
    label: metric,
    numerator: metric,
    per: 1,
    target: 0,
    year: 0,
    better: 'lower',
    milestones: [],
  };
  // The mean of the sums is the sum of the means.
  let total = 0;
  for (const year of years) {
    const v = outcomeValues(area, one, year);
    total += meanOf(v, v.length);
  }
  return total;
}

/**
 * Finds the smallest value of `options.vary` at which the outcome's target is met with
 * `options.probability` (or evaluates `options.grid`), one paired run per value.
 * @param input - the scenario as written (plain data; not changed)
 * @throws InputError naming the path, the outcome or the option that is wrong
 */
export async function solveLever(
  input: Readonly<Record<string, unknown>>,
  options: SolveOptions,
): Promise<SolveResult> {
  const { source } = options;
  const lever = resolveLever(input, options.vary);
  const direct = typeof options.outcome !== 'string';
  const overrides: Record<string, unknown> = {};
  if (options.replicates !== undefined) overrides.replicates = options.replicates;
  if (options.seed !== undefined) overrides.seed = options.seed;
  const scenarioAt = (x: number): ValidatedScenario => {
    const { plan: _plan, ...rest } = withLever(input, lever, x);
    const written = direct ? rest : { ...rest, plan: _plan };
    try {
      return parseScenario({ ...written, ...overrides }, source);
    } catch (error) {
      if (error instanceof InputError && !Number.isNaN(x) && x !== lever.current)
        throw new InputError(`with ${lever.path} at ${x}: ${error.message}`);
      throw error;
    }
  };
  const scenario = scenarioAt(lever.current);
  const outcome =
    typeof options.outcome === 'string'
      ? planOutcome(scenario, options.outcome, source)
      : options.outcome;
  const produced = new Set(scenarioMetrics(scenario));
  for (const m of [outcome.numerator, outcome.denominator])
    if (m !== undefined && !produced.has(m))
      throw new InputError(
        `option --outcome: expected a metric this scenario's ${scenario.model} model produces, found "${m}"`,
      );
  if (outcome.year <= scenario.baseYear || outcome.year > scenario.baseYear + scenario.horizon)
    throw new InputError(
      `option --year: expected a year from ${scenario.baseYear + 1} to ${scenario.baseYear + scenario.horizon}, found ${outcome.year}`,
    );
  if (scenario.areas.length + scenario.groups.length !== 1 || scenario.areas[0] === 'all')
    throw new InputError(
      `${source}: area: expected one area or group to solve for, found ${scenario.areas.length + scenario.groups.length}${scenario.areas[0] === 'all' ? ' ("all")' : ''}`,
    );
  const costMetric = COST_METRICS.find((m) => produced.has(m));
  // The split of changes into demography, trend and interventions is extra work that leaves
  // every other metric as it is: skip it unless the outcome is one of its change_* metrics.
  if (
    scenario.demand.attribution &&
    ![outcome.numerator, outcome.denominator].some((m) => m?.startsWith('change_'))
  ) {
    overrides.attribution = false;
    overrides.model = scenario.model;
  }
  const years: number[] = [];
  for (let y = scenario.baseYear + 1; y <= outcome.year; ++y) years.push(y);
  const rag = scenario.plan?.rag ?? DEFAULT_RAG;
  const range: readonly [number, number] =
    options.range ??
    (lever.mode === 'deciles' ? [1, 10] : [0, lever.current === 0 ? 1 : 2 * lever.current]);
  if (!(range[0] < range[1]))
    throw new InputError(`option --range: expected lo < hi, found ${range[0]}:${range[1]}`);

  const points: SolvePoint[] = [];
  let area = '';
  const evaluate = async (x: number): Promise<number> => {
    options.onRun?.(points.length + 1, x);
    const run = await runScenario(scenarioAt(x), { threads: options.threads, keepValues: true });
    const summary = run.summaries[0];
    if (!summary) throw new InputError(`${source}: the run produced no area`);
    area = summary.area;
    const values = outcomeValues(summary, outcome, outcome.year);
    const pMeet = probabilityOfMeeting(values, outcome.target, outcome.better);
    points.push({
      x,
      pMeet,
      rag: ragOf(pMeet, rag),
      mean: meanOf(values, values.length),
      cost: costMetric ? meanSum(summary, costMetric, years) : NaN,
    });
    return pMeet;
  };
  const common = {
    lever,
    outcome,
    probability: options.probability,
    replicates: scenario.replicates,
    rag,
    ...(costMetric ? { costMetric } : {}),
    range,
  };
  if (options.grid) {
    for (const x of options.grid) await evaluate(x);
    return {
      ...common,
      area,
      points,
      breaks: monotonicityBreaks(
        points.map((p) => ({ x: p.x, p: p.pMeet })),
        scenario.replicates,
      ),
    };
  }
  const search = await bisectProbability(evaluate, {
    lo: range[0],
    hi: range[1],
    probability: options.probability,
    steps: options.steps ?? DEFAULT_STEPS,
    tolerance: options.tolerance ?? 0,
    integer: lever.integer,
    replicates: scenario.replicates,
  });
  const answerSe =
    search.state === 'solved'
      ? Math.sqrt((search.pAtAnswer * (1 - search.pAtAnswer)) / scenario.replicates)
      : undefined;
  return {
    ...common,
    area,
    points,
    search,
    breaks: search.breaks,
    ...(answerSe !== undefined ? { answerSe } : {}),
  };
}
