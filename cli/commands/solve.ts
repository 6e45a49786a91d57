/** `wcc solve plan.yaml`: the smallest scale of one lever at which a target is met with a stated probability. */
import { Command } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { defaultThreads } from '../../engine/run/run.js';
import { solveLever, DEFAULT_STEPS, type SolveResult } from '../../models/plan/solve.js';
import type { PlanOutcome } from '../../models/plan/schema.js';
import { MAX_REPLICATES } from '../../models/scenario/schema.js';
import { formatNumber, formatRows, type OutputRow } from '../format.js';
import type { CliIo } from '../io.js';
import { parseInteger, parseOutputFormat, parseThreads } from '../options.js';
import { readScenarioFile } from '../scenario-file.js';

/** Columns of the table of runs, in CSV and JSON. */
export const SOLVE_COLUMNS = ['run', 'value', 'p_meet', 'rag', 'mean', 'cost', 'answer'] as const;

/** A finite number, or an exit-2 error naming the option. */
function parseNumber(option: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw invalidOption(option, 'a number', text);
  return x;
}

/** `--range lo:hi`. */
export function parseRange(text: string): [number, number] {
  const parts = text.split(':');
  const [lo, hi] = parts.map((p) => Number(p));
  if (
    parts.length !== 2 ||
    parts.some((p) => p.trim() === '') ||
    lo === undefined ||
    hi === undefined ||
    !Number.isFinite(lo) ||
    !Number.isFinite(hi) ||
    !(lo < hi)
  )
    throw invalidOption('--range', 'lo:hi with lo < hi, e.g. 0:0.4', text);
  return [lo, hi];
}

/** `--grid a,b,c` (the values) or `--grid lo:hi:n` (n evenly spaced values from lo to hi). */
export function parseGrid(text: string): number[] {
  const expected = 'a,b,c or lo:hi:n (n ≥ 2 values from lo to hi)';
  if (text.includes(':')) {
    const parts = text.split(':').map((p) => (p.trim() === '' ? NaN : Number(p)));
    const [lo = NaN, hi = NaN, n = NaN] = parts;
    if (parts.length !== 3 || !(lo < hi) || !Number.isInteger(n) || n < 2 || n > 1000)
      throw invalidOption('--grid', expected, text);
    return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  }
  const values = text.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (!values.every(Number.isFinite)) throw invalidOption('--grid', expected, text);
  return values;
}

/** `x` to 7 significant digits, ungrouped, so that a bracket's two ends read apart. */
function exact(x: number): string {
  return String(Number(x.toPrecision(7)));
}

/** What the varied value means, for the report. */
function leverText(r: SolveResult): string {
  switch (r.lever.mode) {
    case 'value':
      return `${r.lever.path} set to the value (written: ${formatNumber(r.lever.current)})`;
    case 'factor':
      return `${r.lever.path} scaled: value = factor × the written distribution (written: 1)`;
    case 'deciles':
      return `${r.lever.path} as the k most deprived deciles 1 … k (written: ${r.lever.current} deciles)`;
  }
}

/** The rows of the runs: the answer marked. */
export function solveRows(r: SolveResult): OutputRow[] {
  const answer = r.search?.state === 'solved' ? r.search.answer : NaN;
  return r.points.map((p, i) => ({
    run: i + 1,
    value: p.x,
    p_meet: p.pMeet,
    rag: p.rag,
    mean: p.mean,
    cost: p.cost,
    answer: p.x === answer ? 'yes' : '',
  }));
}

/** The findings in words: answer and precision, or unreachable; any fall in P(meet). */
export function solveFindings(r: SolveResult, seconds: number): string[] {
  const o = r.outcome;
  const lines = [
    `Outcome: ${o.label} ${o.better === 'higher' ? '≥' : '≤'} ${formatNumber(o.target)} in ${o.year}, area ${r.area}, ${r.replicates} replicates on one seed (paired runs)`,
    `Lever: ${leverText(r)}`,
  ];
  const s = r.search;
  const costText = (x: number): string => {
    const p = r.points.find((q) => q.x === x);
    return r.costMetric && p
      ? `; programme cost (${r.costMetric}, mean, summed to ${o.year}) £${formatNumber(p.cost)}`
      : '; the model reports no programme cost';
  };
  if (s?.state === 'solved') {
    lines.push(
      s.bracket[0] === s.bracket[1]
        ? `Answer: ${formatNumber(s.answer)}: the bottom of the range already meets P(meet) ≥ ${r.probability} (P = ${formatNumber(s.pAtAnswer, 4)})${costText(s.answer)}`
        : `Answer: ${exact(s.answer)} (the smallest value with P(meet) ≥ ${r.probability} lies in (${exact(s.bracket[0])}, ${exact(s.bracket[1])}], precision ${exact(s.bracket[1] - s.bracket[0])}); P(meet) there ${formatNumber(s.pAtAnswer, 4)} ± ${formatNumber(r.answerSe ?? NaN, 2)} (Monte Carlo s.e.)${costText(s.answer)}`,
    );
  } else if (s?.state === 'unreachable')
    lines.push(
      `Unreachable in the range ${formatNumber(r.range[0])} … ${formatNumber(r.range[1])}: P(meet) at the top is ${formatNumber(s.pAtHi, 4)} < ${r.probability}; widen it with --range`,
    );
  for (const b of r.breaks)
    lines.push(
      `Not monotone: P(meet) falls from ${formatNumber(b.lower.p, 4)} at ${formatNumber(b.lower.x)} to ${formatNumber(b.higher.p, 4)} at ${formatNumber(b.higher.x)}, more than Monte Carlo error (${formatNumber(b.allowed, 2)}); the bisection's answer may not be the smallest`,
    );
  lines.push(`Runs: ${r.points.length} in ${seconds.toFixed(1)} s`);
  return lines;
}

interface SolveFlags {
  vary: string;
  outcome: string;
  probability?: string;
  target?: string;
  better?: string;
  year?: string;
  per?: string;
  range?: string;
  tolerance?: string;
  steps?: string;
  grid?: string;
  runs?: string;
  seed?: string;
  threads?: string;
  format?: string;
  quiet?: boolean;
}

/** An outcome given on the command line (--target, --better, --year), or the plan's by name. */
function outcomeOf(flags: SolveFlags): string | PlanOutcome {
  if (flags.target === undefined && flags.better === undefined && flags.year === undefined)
    return flags.outcome;
  if (flags.target === undefined || flags.better === undefined || flags.year === undefined)
    throw invalidOption(
      flags.target === undefined ? '--target' : flags.better === undefined ? '--better' : '--year',
      'an outcome given in full: --target, --better and --year together',
      undefined,
    );
  if (flags.better !== 'higher' && flags.better !== 'lower')
    throw invalidOption('--better', 'higher or lower', flags.better);
  const parts = flags.outcome.split('/').map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === ''))
    throw invalidOption('--outcome', 'a metric or "a / b"', flags.outcome);
  const [numerator = '', denominator] = parts;
  return {
    label: flags.outcome,
    numerator,
    ...(denominator !== undefined ? { denominator } : {}),
    per: flags.per === undefined ? 1 : parseNumber('--per', flags.per),
    target: parseNumber('--target', flags.target),
    year: parseInteger('--year', flags.year, 1900, 2200),
    better: flags.better,
    milestones: [],
  };
}

/** The `solve` command. */
export function solveCommand(io: CliIo): Command {
  return new Command('solve')
    .description(
      'What it takes: the smallest value of one lever at which a target is met with a stated probability, or P(meet) over a grid',
    )
    .argument('<scenario>', 'scenario file (with a plan block, unless --target is given)')
    .requiredOption('--vary <path>', 'the lever: interventions[0].effect, capacity.beds, …')
    .requiredOption('--outcome <metric>', "the plan's outcome (its name or metric), or a metric")
    .option('--probability <p>', 'P(meet) to reach, in (0, 1] (default 0.8)')
    .option('--target <x>', 'an outcome not in the plan: the target value (with --better, --year)')
    .option('--better <dir>', 'with --target: higher or lower')
    .option('--year <year>', 'with --target: the target year')
    .option('--per <n>', 'with --target and a ratio "a / b": multiplier (default 1)')
    .option('--range <lo:hi>', 'search range (default 0 to twice the written value; deciles 1:10)')
    .option(
      '--tolerance <x>',
      'stop once the answer is bracketed this closely (default: every step)',
    )
    .option('--steps <n>', `most bisection steps after the two ends (default ${DEFAULT_STEPS})`)
    .option('--grid <values>', 'P(meet) at each value instead: a,b,c or lo:hi:n')
    .option('--runs <n>', 'replicates per run (default: the scenario’s)')
    .option('--seed <seed>', 'random seed (the same for every run)')
    .option('--threads <n>', 'worker threads (default: the cores available)')
    .option('--format <format>', 'table, csv or json (default table)')
    .option('-q, --quiet', 'no progress lines')
    .addHelpText(
      'after',
      `
Every run uses the same seed, so the replicates are paired (common random numbers) and P(meet)
moves with the lever alone. A number is set to the value; a distribution (pert, triangular,
uniform, normal, fixed, gamma, lognormal or [low, high]) is scaled by the value as a factor (1 is
as written); "deciles" is the k most deprived deciles 1 … k. Bisection assumes P(meet) rises with
the value; a fall beyond Monte Carlo error between any two runs is reported, and a target not
reached at the top of the range is a finding (exit 0), not an error. The cost is the mean
programme cost (cost_programmes, else intervention_cost or lever_cost) summed over the years
after the base year up to the target year.

Examples:
  $ wcc solve plan.yaml --outcome le_birth_male --probability 0.8 --vary interventions[0].effect
  $ wcc solve data/scenarios/default.yaml --vary capacity.beds --outcome shortfall_beds \\
      --target 0 --better lower --year 2028 --range 2000:5000 --runs 2000
  $ wcc solve data/scenarios/default.yaml --vary interventions[0].cost_per_year \\
      --outcome register_DM --target 100000 --better lower --year 2028 --grid 0:2:5 --format csv`,
    )
    .action(async (file: string, flags: SolveFlags) => {
      const format = parseOutputFormat(flags.format);
      const threads = parseThreads(flags.threads, defaultThreads);
      const probability =
        flags.probability === undefined ? 0.8 : parseNumber('--probability', flags.probability);
      if (!(probability > 0 && probability <= 1))
        throw invalidOption('--probability', 'a probability in (0, 1]', flags.probability);
      const tolerance =
        flags.tolerance === undefined ? undefined : parseNumber('--tolerance', flags.tolerance);
      if (tolerance !== undefined && tolerance < 0)
        throw invalidOption('--tolerance', 'a number ≥ 0', flags.tolerance);
      const input = readScenarioFile(io, file);
      const started = performance.now();
      const result = await solveLever(input, {
        vary: flags.vary,
        outcome: outcomeOf(flags),
        probability,
        threads,
        source: file,
        ...(flags.range !== undefined ? { range: parseRange(flags.range) } : {}),
        ...(tolerance !== undefined ? { tolerance } : {}),
        ...(flags.steps !== undefined
          ? { steps: parseInteger('--steps', flags.steps, 0, 60) }
          : {}),
        ...(flags.grid !== undefined ? { grid: parseGrid(flags.grid) } : {}),
        ...(flags.runs !== undefined
          ? { replicates: parseInteger('--runs', flags.runs, 1, MAX_REPLICATES) }
          : {}),
        ...(flags.seed !== undefined
          ? { seed: parseInteger('--seed', flags.seed, 0, 4294967295) }
          : {}),
        ...(flags.quiet === true || !io.stderrIsTTY
          ? {}
          : { onRun: (k: number, x: number) => io.err(`run ${k}: ${flags.vary} = ${x}\n`) }),
      });
      const seconds = (performance.now() - started) / 1000;
      const rows = solveRows(result);
      if (format === 'table') {
        io.out(`${solveFindings(result, seconds).join('\n')}\n\n`);
        io.out(formatRows('table', SOLVE_COLUMNS, rows, { digits: 4 }));
      } else if (format === 'csv') io.out(formatRows('csv', SOLVE_COLUMNS, rows));
      else
        io.out(
          `${JSON.stringify(
            {
              vary: result.lever.path,
              mode: result.lever.mode,
              outcome: result.outcome,
              probability: result.probability,
              area: result.area,
              replicates: result.replicates,
              cost_metric: result.costMetric ?? null,
              range: result.range,
              search: result.search ? { ...result.search, points: undefined } : null,
              breaks: result.breaks,
              runs: rows,
            },
            (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
            2,
          )}\n`,
        );
    });
}
