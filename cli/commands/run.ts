/** `wcc run`: runs a scenario (the embedded default without arguments) and prints its summary. */
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { removePendingFiles } from '../../engine/io/atomic-write.js';
import { packageRoot } from '../../engine/io/paths.js';
import { defaultThreads } from '../../engine/run/run.js';
import { parseQueueUrl } from '../../engine/run/executors/queue-url.js';
import { planDerivation } from '../../models/plan/model.js';
import { runScenario, scenarioMetrics } from '../../models/run-scenario.js';
import { metricFilter } from '../../models/registry/metrics.js';
import { narrowToModel, retargetScenario } from '../../models/scenario/narrow.js';
import {
  BASE_YEAR_RANGE,
  SCENARIO_DEFAULTS,
  HORIZON_RANGE,
  MAX_REPLICATES,
  MODELS,
  parseScenario,
  type ScenarioInput,
} from '../../models/scenario/schema.js';
import type { CliIo } from '../io.js';
import {
  parseSummaryFormat,
  parseInteger,
  parseList,
  parseReplicateRange,
  parseThreads,
} from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';
import { formatSummary } from '../results.js';
import { checkResultsPath, metricsHelp } from '../run-options.js';

/** Fewer replicates than this give intervals that mean little: the run warns. */
const MIN_REPLICATES_FOR_INTERVALS = 100;

/** Path of the embedded default scenario. */
export function defaultScenarioPath(): string {
  return join(packageRoot(), 'data', 'scenarios', 'default.yaml');
}

interface RunFlags {
  area?: string;
  baseYear?: string;
  horizon?: string;
  runs?: string;
  seed?: string;
  threads?: string;
  chunkSize?: string;
  replicates?: string;
  out?: string;
  format?: string;
  metrics?: string;
  quiet?: boolean;
  failAt?: string;
  queue?: string;
  model?: string;
  attribution?: boolean;
}

/** The `run` command. */
export function runCommand(io: CliIo): Command {
  return new Command('run')
    .description(
      'Run a scenario: Monte Carlo projection for one or more areas, printed as a summary',
    )
    .argument('[scenario]', 'scenario file (YAML or JSON); default: the embedded example')
    .option('--area <codes>', 'area code(s), comma-separated, or "all" for every local authority')
    .option('--model <model>', 'population, prevalence or demand (each runs the ones before it)')
    .option(
      '--attribution',
      'split each change from the base year into demography, prevalence trend and interventions (model demand)',
    )
    .option(
      '--base-year <year>',
      `base year (${BASE_YEAR_RANGE.min}-${BASE_YEAR_RANGE.max}; default ${SCENARIO_DEFAULTS.baseYear})`,
    )
    .option(
      '--horizon <years>',
      `years to project (${HORIZON_RANGE.min}-${HORIZON_RANGE.max}; default 5)`,
    )
    .option('--runs <n>', 'number of replicates (default 1000)')
    .option('--seed <seed>', 'random seed, a whole number (same seed, same results)')
    .option('--threads <n>', 'worker threads (default: the cores available; 0: in-process)')
    .option('--queue <redis-url>', 'run on `wcc worker` processes serving this Redis queue')
    .option('--chunk-size <n>', 'replicates per task (results do not depend on it)')
    .option('--replicates <a:b>', 'run only replicates a … b−1 (same values as in a full run)')
    .option('--out <file.arrow>', 'write every replicate as a long Arrow IPC table')
    .option(
      '--format <format>',
      'summary format: table (every statistic), wide (a row per metric), csv or json',
    )
    .option(
      '--metrics <list>',
      'only these metrics in the summary, comma-separated; a trailing * matches a prefix (cost_*)',
    )
    .option('-q, --quiet', 'no progress bar')
    .addOption(new Option('--fail-at <replicate>').hideHelp())
    .addHelpText(
      'after',
      `
Summary columns: area, year, metric, unit, mean, p2_5, p10, p50, p90, p97_5.
${metricsHelp()}
Without a file, --area runs the areas' baseline (no interventions, levers or capacity);
with a file, --area moves its plan to other areas when no number in it is the area's own.

Examples:
  $ wcc run                                       # embedded default scenario
  $ wcc run my-plan.yaml --runs 5000 --seed 7
  $ wcc run --area E08000025,E08000029 --horizon 10   # two areas' baselines
  $ wcc run --area all --runs 1000 --format csv > every-area.csv
  $ wcc run --area E12000007 --out london.arrow   # a region, every replicate to Arrow
  $ wcc run --model prevalence --area E06000001   # the 21 QOF registers too
  $ wcc run --model demand --attribution          # activity, cost, capacity and what drives them
  $ wcc run --format wide --metrics 'cost_*,beds_required,register_DM'   # a compact view
  $ wcc run plan.yaml --replicates 0:5000 --out part1.arrow   # split a run across machines
  $ wcc run plan.yaml --queue redis://10.0.0.5:6379 --out plan.arrow   # on wcc worker machines`,
    )
    .action(async (file: string | undefined, flags: RunFlags) => {
      const source = file ?? 'default scenario';
      // No file: the embedded plan, or with --area those areas' baseline through the chain.
      let input: Record<string, unknown> =
        file === undefined && flags.area !== undefined
          ? { name: 'baseline', model: 'outcomes' }
          : readScenarioFile(io, file ?? defaultScenarioPath());
      const overrides: ScenarioInput = {};
      if (flags.area !== undefined) {
        const codes = parseList('--area', flags.area);
        const area = codes.length === 1 ? flags.area.trim() : codes;
        input = file === undefined ? { ...input, area } : retargetScenario(input, area, source);
      }
      if (flags.baseYear !== undefined)
        overrides.base_year = parseInteger(
          '--base-year',
          flags.baseYear,
          BASE_YEAR_RANGE.min,
          BASE_YEAR_RANGE.max,
        );
      if (flags.horizon !== undefined)
        overrides.horizon = parseInteger(
          '--horizon',
          flags.horizon,
          HORIZON_RANGE.min,
          HORIZON_RANGE.max,
        );
      if (flags.model !== undefined) {
        if (!(MODELS as readonly string[]).includes(flags.model))
          throw invalidOption('--model', `one of ${MODELS.join(', ')}`, flags.model);
        overrides.model = flags.model as (typeof MODELS)[number];
      }
      if (flags.attribution === true) overrides.attribution = true;
      if (flags.runs !== undefined)
        overrides.replicates = parseInteger('--runs', flags.runs, 1, MAX_REPLICATES);
      if (flags.seed !== undefined)
        overrides.seed = parseInteger('--seed', flags.seed, 0, 4294967295);
      const narrowed = narrowToModel({ ...input, ...overrides }, flags.model);
      if (flags.quiet !== true) for (const note of narrowed.notes) io.err(`wcc: note: ${note}\n`);
      const scenario = parseScenario(narrowed.scenario, file ?? 'default scenario');
      const threads = parseThreads(flags.threads, defaultThreads);
      const chunkSize =
        flags.chunkSize === undefined
          ? undefined
          : parseInteger('--chunk-size', flags.chunkSize, 1, MAX_REPLICATES);
      const range =
        flags.replicates === undefined
          ? undefined
          : parseReplicateRange('--replicates', flags.replicates, scenario.replicates);
      const format = flags.format === undefined ? 'table' : parseSummaryFormat(flags.format);
      const keep =
        flags.metrics === undefined
          ? undefined
          : metricFilter(
              '--metrics',
              parseList('--metrics', flags.metrics),
              scenarioMetrics(scenario),
            );
      const outPath = flags.out === undefined ? undefined : resolve(io.cwd, flags.out);
      if (outPath !== undefined) checkResultsPath(outPath, flags.out ?? outPath);
      const replicates = range ? range.to - range.from : scenario.replicates;
      if (replicates < MIN_REPLICATES_FOR_INTERVALS && flags.quiet !== true)
        io.err(
          `wcc: warning: ${replicates} replicate${replicates === 1 ? '' : 's'}: intervals need at least ${MIN_REPLICATES_FOR_INTERVALS} to mean anything (--runs)\n`,
        );
      const failAt = flags.failAt === undefined ? undefined : Number(flags.failAt);
      const queue =
        flags.queue === undefined ? undefined : parseQueueUrl(flags.queue, 'option --queue');

      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      const bar = progressBar(io, scenario.name, flags.quiet === true);
      try {
        const result = await runScenario(scenario, {
          threads,
          signal: controller.signal,
          onProgress: (done, total) => bar.update(done, total),
          ...(chunkSize !== undefined ? { chunkSize } : {}),
          ...(range !== undefined ? { range } : {}),
          ...(outPath !== undefined ? { outPath } : {}),
          ...(failAt !== undefined ? { failAt } : {}),
          ...(queue !== undefined ? { queue } : {}),
          // A plan's targets are assessed on values derived from each replicate as it streams.
          ...(scenario.plan !== undefined && format !== 'csv'
            ? { derive: planDerivation(scenario.plan, scenario.baseYear) }
            : {}),
        });
        bar.stop();
        if (flags.quiet !== true)
          for (const area of result.areas) if (area.note) io.err(`wcc: note: ${area.note}\n`);
        io.out(formatSummary(result, format, keep));
        if (outPath !== undefined && flags.quiet !== true)
          io.err(`wrote ${flags.out ?? outPath}\n`);
      } catch (error) {
        bar.stop();
        removePendingFiles();
        throw error;
      } finally {
        process.removeListener('SIGINT', onSignal);
      }
    });
}
