/** `wcc targets plan.yaml`: how likely each of the plan's targets is to be met, with RAG. */
import { Command } from 'commander';
import { defaultThreads } from '../../engine/run/run.js';
import { runTargets } from '../../models/plan/run-targets.js';
import type { TargetAssessment } from '../../models/plan/model.js';
import { MAX_REPLICATES, parseScenario } from '../../models/scenario/schema.js';
import { describeRun } from '../describe-run.js';
import { formatNumber, formatRows, type OutputRow } from '../format.js';
import type { CliIo } from '../io.js';
import { parseInteger, parseOutputFormat, parseThreads } from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';

/** Columns of the targets table, in CSV and JSON. */
export const TARGET_COLUMNS = [
  'area',
  'outcome',
  'better',
  'base_value',
  'target_year',
  'target',
  'mean',
  'p10',
  'p90',
  'p_meet',
  'rag',
  'milestones',
  'off_track_from',
  'baseline_mean',
  'baseline_p_meet',
  'plan_adds',
] as const;

/** RAG in tables: a letter and a symbol, so it reads without colour. */
export const RAG_MARK = { green: 'G ●', amber: 'A ◐', red: 'R ○' } as const;

/** The rows of the targets table (numbers for tools, RAG marked in words and symbols for people). */
export function targetRows(assessments: readonly TargetAssessment[], table: boolean): OutputRow[] {
  return assessments.map((a) => ({
    area: a.area,
    outcome: a.outcome.label,
    better: a.outcome.better,
    base_value: a.baseValue,
    target_year: table ? String(a.outcome.year) : a.outcome.year,
    target: a.outcome.target,
    mean: a.projected.mean,
    p10: a.projected.p10,
    p90: a.projected.p90,
    p_meet: a.pMeet,
    rag: table ? RAG_MARK[a.rag] : a.rag,
    milestones: a.milestones
      .map((m) => `${m.year}: ${formatNumber(m.value, 4)} P=${formatNumber(m.pMeet, 3)}`)
      .join('; '),
    off_track_from:
      a.offTrackYear === undefined ? '' : table ? String(a.offTrackYear) : a.offTrackYear,
    baseline_mean: a.baseline?.mean ?? NaN,
    baseline_p_meet: a.baseline?.pMeet ?? NaN,
    plan_adds: a.baseline ? a.pMeet - a.baseline.pMeet : NaN,
  }));
}

/** The `targets` command. */
export function targetsCommand(io: CliIo): Command {
  return new Command('targets')
    .description("How likely the plan's targets are to be met: P(meet), RAG, milestones, baseline")
    .argument('<scenario>', 'scenario file with a plan block (outcomes and targets)')
    .option('--runs <n>', 'replicates (default: the scenario’s)')
    .option('--seed <seed>', 'random seed')
    .option('--threads <n>', 'worker threads (default: the cores available)')
    .option('--no-baseline', 'skip the baseline run (no plan_adds column)')
    .option('--format <format>', 'table, csv or json (default table)')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
P(meet) is the share of replicates that meet the target in the target year (exact). RAG: green
at or above plan.rag.green (default 0.8), amber at or above plan.rag.amber (default 0.5), red
below; in tables also as G ●, A ◐, R ○ so it reads without colour. off_track_from is the first
year whose aspiration (a milestone, else the straight line from the base year to the target) is
more likely missed than met. The baseline is the same scenario with no interventions, levers or
capacity on the same replicates; plan_adds is the plan's own contribution to P(meet).

Examples:
  $ wcc targets data/scenarios/default.yaml
  $ wcc targets data/scenarios/default.yaml --runs 10000 --format csv > targets.csv`,
    )
    .action(
      async (
        file: string,
        flags: {
          runs?: string;
          seed?: string;
          threads?: string;
          baseline?: boolean;
          format?: string;
          quiet?: boolean;
        },
      ) => {
        const overrides: Record<string, unknown> = {};
        if (flags.runs !== undefined)
          overrides.replicates = parseInteger('--runs', flags.runs, 1, MAX_REPLICATES);
        if (flags.seed !== undefined)
          overrides.seed = parseInteger('--seed', flags.seed, 0, 4294967295);
        const scenario = parseScenario({ ...readScenarioFile(io, file), ...overrides }, file);
        const format = parseOutputFormat(flags.format);
        const threads = parseThreads(flags.threads, defaultThreads);
        const bar = progressBar(io, 'targets', flags.quiet === true);
        const targets = await runTargets(
          scenario,
          file,
          { threads, onProgress: (d, t) => bar.update(d, t) },
          flags.baseline !== false,
        );
        bar.stop();
        const rows = targetRows(targets.assessments, format === 'table');
        if (format === 'table') {
          io.out(`${describeRun(targets.result)}\n`);
          io.out(
            `Targets: P(meet) is the share of replicates meeting the target; RAG green ≥ ${targets.plan.rag.green}, amber ≥ ${targets.plan.rag.amber}\n\n`,
          );
          io.out(formatRows('table', TARGET_COLUMNS, rows, { digits: 4 }));
        } else io.out(formatRows(format, TARGET_COLUMNS, rows));
      },
    );
}
