/** `wcc report (results.arrow | plan.yaml) --html report.html`: a self-contained HTML report. */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { Command } from 'commander';
import { invalidOption, InputError } from '../../engine/errors.js';
import { checkOutputPath, writeFileAtomic } from '../../engine/io/atomic-write.js';
import { dataDigest } from '../../engine/io/data-digest.js';
import { mergeResults } from '../../engine/io/merge-results.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { wccVersion } from '../../engine/io/run-metadata.js';
import { defaultThreads } from '../../engine/run/run.js';
import { areaRegistry } from '../../models/areas/registry.js';
import { buildReport } from '../../models/report/model.js';
import { STATE_FORMAT } from '../../models/exercise/state.js';
import { loadState } from './exercise.js';
import {
  chainPayload,
  runScenario,
  scenarioAreas,
  type ScenarioResult,
} from '../../models/run-scenario.js';
import { baselineOf } from '../../models/scenario/baseline.js';
import { parseScenario, type ValidatedScenario } from '../../models/scenario/schema.js';
import type { AreaSummary } from '../../engine/run/run.js';
import { describeRun } from '../describe-run.js';
import { runsModel } from '../../models/registry/models.js';
import type { CliIo } from '../io.js';
import { parseRunOverrides, parseThreads } from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';

interface ReportFlags {
  html?: string;
  runs?: string;
  seed?: string;
  threads?: string;
  baseline?: boolean;
  quiet?: boolean;
}

/** A run read back from its results file: the scenario from its metadata, every replicate. */
async function fromResults(
  path: string,
  source: string,
): Promise<{ result: ScenarioResult; digest: string }> {
  const merged = await mergeResults([path]);
  let scenario: ValidatedScenario;
  try {
    // The file holds the scenario as validated when it ran (canonical JSON).
    scenario = JSON.parse(merged.metadata.scenario) as ValidatedScenario;
  } catch {
    throw new InputError(
      `results file ${source}: expected the scenario as JSON in its metadata (wcc.scenario), found text that does not parse`,
    );
  }
  const registry = areaRegistry(loadReferenceData());
  const areas = scenarioAreas(scenario, registry);
  const result = {
    scenario,
    areas,
    summaries: merged.areas,
    range: { from: merged.from, to: merged.to },
    capacity: Object.fromEntries(
      runsModel(scenario.model, 'demand')
        ? areas.map((a) => [a.code, chainPayload(scenario, a).demand.capacity])
        : [],
    ),
  };
  return { result, digest: merged.metadata.dataDigest };
}

/** Refuses the options that apply only to a scenario file. */
function rejectRunFlags(flags: ReportFlags, what: string): void {
  for (const [flag, value] of [
    ['--runs', flags.runs],
    ['--seed', flags.seed],
    ['--threads', flags.threads],
  ] as const)
    if (value !== undefined)
      throw invalidOption(flag, `no value: it applies to a scenario file, not to ${what}`, value);
}

/** Whether `input` is an exercise state file (JSON whose format is the exercise state's). */
function isExerciseState(io: CliIo, input: string): boolean {
  const path = resolve(io.cwd, input);
  if (extname(path).toLowerCase() !== '.json' || !existsSync(path)) return false;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown } | null;
    return parsed?.format === STATE_FORMAT;
  } catch {
    return false;
  }
}

/** The `report` command. */
export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description(
      'Write a self-contained HTML report of a run: summary, fan charts, waterfall, capacity',
    )
    .argument(
      '<input>',
      'a results file (wcc run --out results.arrow), an exercise state (wcc exercise init) or a scenario file to run',
    )
    .option('--html <file>', 'the HTML file to write (required)')
    .option('--runs <n>', 'replicates, for a scenario file (default: the scenario’s)')
    .option('--seed <seed>', 'random seed, for a scenario file')
    .option('--threads <n>', 'worker threads, for a scenario file (default: the cores available)')
    .option(
      '--no-baseline',
      'for a scenario file: skip the baseline run (no baseline in the charts)',
    )
    .option('-q, --quiet', 'no progress bar or note')
    .addHelpText(
      'after',
      `
The page opens from disk with no network: inline SVG drawn when the report is written, no
script, no external font. It starts with a one-page summary (what was run, the plan's headline
outcomes with P(meet) and RAG in words and symbols, the net cost), then fan charts (median with
50, 80 and 95 % intervals over replicates, the plan's targets, and the baseline's median when the
baseline was run) of each outcome and of key activity, the waterfall of the change from the base
year into demography, prevalence trend and interventions (when the scenario asks for
attribution), and capacity required against available with P(shortfall) each year. Every chart
has a title, axis labels with units, a text alternative and its data table.

A scenario file is run first, with its baseline on the same replicates (as wcc targets does);
a results file holds the plan only, so its charts have no baseline. An exercise state (from wcc
exercise init and round) gives the exercise's report from the state alone, without running the
model: the rounds so far, the league table, a funnel plot of the areas' emergency admissions per
1,000 residents against population with 95 and 99.8 % control limits, and each area's fan of
each plan outcome.

Examples:
  $ wcc run data/scenarios/default.yaml --runs 10000 --out results.arrow
  $ wcc report results.arrow --html report.html
  $ wcc report data/scenarios/default.yaml --runs 2000 --html report.html
  $ wcc report ex.json --html exercise.html      # an exercise: league table, funnel, fans`,
    )
    .action(async (input: string, flags: ReportFlags) => {
      if (flags.html === undefined)
        throw invalidOption('--html', 'the HTML file to write, e.g. --html report.html', '(none)');
      const htmlPath = resolve(io.cwd, flags.html);
      if (!['.html', '.htm'].includes(extname(htmlPath).toLowerCase()))
        throw invalidOption('--html', 'a file ending .html or .htm', flags.html);
      checkOutputPath(htmlPath, 'option --html');
      if (isExerciseState(io, input)) {
        rejectRunFlags(flags, 'an exercise state');
        const state = loadState(io, input);
        const { exerciseReport } = await import('../../models/exercise/report.js');
        const { exerciseHtml } = await import('../report/exercise-html.js');
        const report = exerciseReport(state);
        writeFileAtomic(
          htmlPath,
          exerciseHtml(report, { source: input, wcc: state.wcc, dataDigest: state.dataDigest }),
        );
        if (flags.quiet !== true)
          io.err(`wcc: wrote ${flags.html} (${report.fans.length + 1} charts)\n`);
        return;
      }
      const isResults = ['.arrow', '.feather', '.ipc'].includes(extname(input).toLowerCase());
      let result: ScenarioResult;
      let baseline: readonly AreaSummary[] | undefined;
      let digest = dataDigest();
      if (isResults) {
        rejectRunFlags(flags, 'results');
        ({ result, digest } = await fromResults(resolve(io.cwd, input), input));
      } else {
        const overrides = parseRunOverrides(flags);
        const scenario = parseScenario({ ...readScenarioFile(io, input), ...overrides }, input);
        const threads = parseThreads(flags.threads, defaultThreads);
        const withBaseline = flags.baseline !== false;
        const bar = progressBar(io, 'report', flags.quiet === true);
        const total = withBaseline ? 2 : 1;
        let done = 0;
        const options = {
          threads,
          keepValues: true,
          onProgress: (d: number, t: number) => bar.update(done * t + d, total * t),
        };
        result = await runScenario(scenario, options);
        done = 1;
        if (withBaseline) baseline = (await runScenario(baselineOf(scenario), options)).summaries;
        bar.stop();
      }
      const s = result.scenario;
      const model = buildReport({
        baseYear: s.baseYear,
        horizon: s.horizon,
        summaries: result.summaries,
        ...(baseline ? { baseline } : {}),
        ...(s.plan ? { plan: s.plan } : {}),
      });
      // Plot and its DOM load only when a report is drawn, not at every start of the CLI.
      const { reportHtml } = await import('../report/html.js');
      const html = reportHtml(model, {
        name: s.name,
        header: describeRun(result),
        areaNames: new Map(result.areas.map((a) => [a.code, a.name])),
        facts: [
          ['Source', input],
          ['Areas', result.areas.map((a) => `${a.name} (${a.code})`).join(', ')],
          ['Model', s.model],
          ['Base year', `mid-${s.baseYear}`],
          ['Horizon', `${s.horizon} years, to ${s.baseYear + s.horizon}`],
          ['Replicates', String(result.range.to - result.range.from)],
          ['Seed', String(s.seed)],
          ['Baseline', baseline ? 'run on the same replicates' : 'not run'],
          ['wcc version', wccVersion()],
          ['Data digest', digest.slice(0, 16)],
        ],
      });
      writeFileAtomic(htmlPath, html);
      if (flags.quiet !== true)
        io.err(
          `wcc: wrote ${flags.html} (${model.fans.length + model.waterfalls.length + model.capacity.length} charts)\n`,
        );
    });
}
