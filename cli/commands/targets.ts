/** `wcc targets plan.yaml`: how likely each of the plan's targets is to be met, with RAG. */
import { Command } from 'commander';
import { defaultThreads } from '../../engine/run/run.js';
import { runTargets } from '../../models/plan/run-targets.js';
import { parseScenario } from '../../models/scenario/schema.js';
import { describeRun } from '../describe-run.js';
import { formatRows } from '../format.js';
import { TARGET_COLUMNS, targetRows } from '../targets-table.js';
import type { CliIo } from '../io.js';
import { parseRunOverrides, parseOutputFormat, parseThreads } from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';

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
        const overrides = parseRunOverrides(flags);
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
