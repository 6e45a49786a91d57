/** `wcc run`: runs a scenario (the embedded default without arguments) and prints its summary. */
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { checkOutputPath, removePendingFiles } from '../../engine/io/atomic-write.js';
import { packageRoot } from '../../engine/io/paths.js';
import { defaultThreads } from '../../engine/run/run.js';
import { parseQueueUrl } from '../../engine/run/executors/queue-url.js';
import { runScenario } from '../../models/run-scenario.js';
import {
  BASE_YEAR_RANGE,
  HORIZON_RANGE,
  MAX_REPLICATES,
  MODELS,
  parseScenario,
  type ScenarioInput,
} from '../../models/scenario/schema.js';
import type { CliIo } from '../io.js';
import {
  parseFormat,
  parseInteger,
  parseList,
  parseReplicateRange,
  parseThreads,
} from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';
import { formatSummary, metricFilter, type SummaryFormat } from '../results.js';

/** `--format` of `wcc run`: table, wide, csv or json. */
function parseSummaryFormat(text: string): SummaryFormat {
  const value = text.trim().toLowerCase();
  if (value === 'wide') return 'wide';
  return parseFormat('--format', text, ['table', 'csv', 'json']);
}

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

/** Fields that belong to each model after population, in the order the models build. */
const LATER_MODEL_FIELDS = {
  prevalence: ['prevalence', 'interventions'],
  demand: ['demand', 'capacity', 'levers', 'attribution'],
} as const;

/**
 * Narrows a scenario to what the command line's overrides leave meaningful, returning it with
 * a note for each part dropped: the fields of later models when --model asks for an earlier
 * one, and the area's own capacity and observed activity when --area names other areas.
 */
export function narrowScenario(
  scenario: Readonly<Record<string, unknown>>,
  flags: { model?: string; area?: string },
): { scenario: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  let kept: Record<string, unknown> = { ...scenario };
  const drop = (fields: readonly string[], why: string): void => {
    const present = fields.filter((f) => kept[f] !== undefined);
    kept = Object.fromEntries(Object.entries(kept).filter(([key]) => !present.includes(key)));
    if (present.length > 0) notes.push(`${why}: ignoring the scenario's ${present.join(', ')}`);
  };
  if (flags.model === 'population')
    drop([...LATER_MODEL_FIELDS.prevalence, ...LATER_MODEL_FIELDS.demand], '--model population');
  if (flags.model === 'prevalence') drop(LATER_MODEL_FIELDS.demand, '--model prevalence');
  if (flags.area !== undefined) {
    const demand = kept.demand as Record<string, unknown> | undefined;
    if (demand?.observed !== undefined) {
      kept.demand = Object.fromEntries(
        Object.entries(demand).filter(([key]) => key !== 'observed'),
      );
      notes.push(
        "--area: ignoring the scenario's observed activity (it describes the scenario's own area)",
      );
    }
    drop(['capacity'], "--area (capacity describes the scenario's own area)");
  }
  return { scenario: kept, notes };
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
      `base year (${BASE_YEAR_RANGE.min}-${BASE_YEAR_RANGE.max}; default 2020)`,
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
Summary columns: area, year, metric, mean, p2_5, p10, p50, p90, p97_5.
Metrics (--model population): population_total, population_0_15, population_16_64,
population_65_84, population_85_plus, births, deaths, net_migration (flows over the year).
--model prevalence adds per QOF register (AF, AST, … STIA): register_<C>, prevalence_<C>
(% of the eligible list), true_cases_<C> (where a detection ratio is known), and with
interventions cases_avoided_<C>, extra_registered_<C>, intervention_cost.
--model demand adds activity per setting (gp_appointments, op_first, op_followup,
op_procedures, el_admissions, daycase_admissions, nel_admissions, nel_bed_days, el_bed_days,
ae_attendances, community_contacts, mh_contacts), cost_<setting>, cost_total (2023/24 £),
beds_required, theatre_sessions_required, clinic_sessions_required, gp_wte_required, and with
capacity stated capacity_<r>, shortfall_<r> (required − available) and p_shortfall_<r> (its
mean is the probability of a shortfall), lever_cost; --attribution adds change_<m>_<part>.

Examples:
  $ wcc run                                       # embedded default scenario
  $ wcc run my-plan.yaml --runs 5000 --seed 7
  $ wcc run --area E08000025,E08000029 --horizon 10
  $ wcc run --area all --runs 1000 --format csv > every-area.csv
  $ wcc run --area E12000007 --out london.arrow   # a region, every replicate to Arrow
  $ wcc run --model prevalence --area E06000001   # the 21 QOF registers too
  $ wcc run --model demand --attribution          # activity, cost, capacity and what drives them
  $ wcc run --format wide --metrics 'cost_*,beds_required,register_DM'   # a compact view
  $ wcc run plan.yaml --replicates 0:5000 --out part1.arrow   # split a run across machines
  $ wcc run plan.yaml --queue redis://10.0.0.5:6379 --out plan.arrow   # on wcc worker machines`,
    )
    .action(async (file: string | undefined, flags: RunFlags) => {
      const input = readScenarioFile(io, file ?? defaultScenarioPath());
      const overrides: ScenarioInput = {};
      if (flags.area !== undefined) {
        const codes = parseList('--area', flags.area);
        overrides.area = codes.length === 1 ? flags.area.trim() : codes;
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
      // --area replaces the scenario's areas and groups alike.
      const written =
        flags.area !== undefined
          ? Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'groups'))
          : input;
      const narrowed = narrowScenario({ ...written, ...overrides }, flags);
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
          : metricFilter(parseList('--metrics', flags.metrics));
      const outPath = flags.out === undefined ? undefined : resolve(io.cwd, flags.out);
      if (outPath !== undefined) checkOutputPath(outPath, 'option --out');
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
        });
        bar.stop();
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
