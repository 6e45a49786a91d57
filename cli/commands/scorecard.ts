/** `wcc scorecard plan.yaml`: each outcome beside England, the upper quartile and peers, with RAG. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../../engine/errors.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { defaultThreads } from '../../engine/run/run.js';
import { areaRegistry } from '../../models/areas/registry.js';
import { loadPeerTable } from '../../models/peers/load.js';
import { DEFAULT_PEERS, nearestPeers, standardise } from '../../models/peers/model.js';
import { runTargets } from '../../models/plan/run-targets.js';
import type { Benchmarks } from '../../models/scorecard/benchmarks.js';
import { benchmarkKeyOf, buildBenchmarks } from '../../models/scorecard/build.js';
import {
  benchmarkFileName,
  defaultCacheDir,
  readBenchmarks,
  writeBenchmarks,
} from '../../models/scorecard/cache.js';
import { describeMark } from '../../models/scorecard/compare.js';
import { scorecardLines, type ScorecardLine } from '../../models/scorecard/model.js';
import { MAX_REPLICATES, parseScenario } from '../../models/scenario/schema.js';
import { formatRows, type OutputRow } from '../format.js';
import type { CliIo } from '../io.js';
import { parseInteger, parseOutputFormat, parseThreads } from '../options.js';
import { progressBar } from '../progress.js';
import { readScenarioFile } from '../scenario-file.js';
import { RAG_MARK } from '../targets-table.js';
import { defaultScenarioPath } from './run.js';

/** Columns of the scorecard, in CSV and JSON. */
export const SCORECARD_COLUMNS = [
  'area',
  'outcome',
  'better',
  'year',
  'value',
  'lo95',
  'hi95',
  'england',
  'vs_england',
  'vs_england_998',
  'national_average',
  'upper_quartile',
  'peers_min',
  'peers_max',
  'peer_rank',
  'peers',
  'p_meet',
  'rag',
] as const;

/** The rows of the scorecard (RAG and marks in words, and symbols for RAG in tables). */
export function scorecardRows(lines: readonly ScorecardLine[], table: boolean): OutputRow[] {
  return lines.map((l) => ({
    area: l.area,
    outcome: l.outcome.label,
    better: l.outcome.better,
    year: table ? String(l.year) : l.year,
    value: l.value,
    lo95: l.interval95.lo,
    hi95: l.interval95.hi,
    england: l.england,
    vs_england: table ? describeMark(l.vsEngland) : l.vsEngland.at95,
    vs_england_998: l.vsEngland.at998,
    national_average: l.average,
    upper_quartile: l.upperQuartile,
    peers_min: l.peersMin,
    peers_max: l.peersMax,
    peer_rank: l.peerCount === 0 ? '' : table ? `${l.peerRank} of ${l.peerCount + 1}` : l.peerRank,
    peers: l.peerCount,
    p_meet: l.pMeet,
    rag: table ? RAG_MARK[l.rag] : l.rag,
  }));
}

interface ScorecardFlags {
  build?: boolean;
  runs?: string;
  seed?: string;
  cache?: string;
  n?: string;
  threads?: string;
  format?: string;
  quiet?: boolean;
}

/** The `scorecard` command. */
export function scorecardCommand(io: CliIo): Command {
  return new Command('scorecard')
    .description(
      "A plan's outcomes beside England, the upper quartile and statistical peers, with RAG and the better/similar/worse mark",
    )
    .argument('[scenario]', 'scenario file with a plan block (optional with --build)')
    .option(
      '--build',
      'run every local authority’s baseline and England’s and cache the benchmarks',
    )
    .option('--runs <n>', 'replicates of the benchmark runs (default 1000)')
    .option('--seed <seed>', 'random seed (default: the scenario’s)')
    .option('--cache <dir>', 'benchmark cache folder (default $WCC_CACHE, else ~/.cache/wcc)')
    .option('--n <n>', `number of statistical peers (default ${DEFAULT_PEERS})`)
    .option('--threads <n>', 'worker threads (default: the cores available)')
    .option('--format <format>', 'table, csv or json (default table)')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Every figure is for the outcome's target year. value is the plan's mean projection and
lo95-hi95 its 95 % Monte Carlo interval (quantiles over replicates, not a confidence interval
of observed data). england, national_average, upper_quartile and the peers' range come from
the national benchmarks: the baseline (no plan) of every local authority and of England as one
area, cached per data digest, model, years, seed and replicates; the upper quartile is the 75th
percentile of areas in the direction of "better" (the 25th when lower is better); a ratio
outcome's benchmark is the ratio of the two metrics' means.

vs_england, the Fingertips way: "similar" when England's value lies inside the area's 95 %
interval, else "better" or "worse" by the outcome's "better" direction; vs_england_998 is the
same at 99.8 % (a table shows "better (99.8 %)" when both levels agree). peer_rank ranks the
plan's value among its peers' baseline values (1 = best; \`wcc peers AREA\` lists them). RAG
rates P(meet) as \`wcc targets\` does.

Examples:
  $ wcc scorecard --build --runs 1000          # benchmarks for the default scenario's model
  $ wcc scorecard plan.yaml --build            # benchmarks for the plan's model, then its scorecard
  $ wcc scorecard plan.yaml --format csv > scorecard.csv
  $ WCC_CACHE=/tmp/wcc wcc scorecard plan.yaml --n 15`,
    )
    .action(async (file: string | undefined, flags: ScorecardFlags) => {
      if (file === undefined && flags.build !== true)
        throw new InputError(
          'scorecard: expected a scenario file with a plan block, or --build to build the national benchmarks',
        );
      const format = parseOutputFormat(flags.format);
      const threads = parseThreads(flags.threads, defaultThreads);
      const runs =
        flags.runs === undefined ? 1000 : parseInteger('--runs', flags.runs, 1, MAX_REPLICATES);
      const overrides: Record<string, unknown> = {};
      if (flags.seed !== undefined)
        overrides.seed = parseInteger('--seed', flags.seed, 0, 4294967295);
      const source = file ?? defaultScenarioPath();
      const scenario = parseScenario({ ...readScenarioFile(io, source), ...overrides }, source);
      const dir =
        flags.cache === undefined ? defaultCacheDir(io.env) : resolve(io.cwd, flags.cache);
      const key = benchmarkKeyOf(scenario, runs);
      let benchmarks: Benchmarks | undefined;
      if (flags.build === true) {
        const bar = progressBar(io, 'benchmarks', flags.quiet === true);
        const started = performance.now();
        benchmarks = await buildBenchmarks(key, {
          threads,
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        const path = writeBenchmarks(dir, benchmarks);
        const seconds = (performance.now() - started) / 1000;
        io.err(
          `wcc: national benchmarks (${benchmarks.areas.length} local authorities and England × ${runs} replicates, ${key.model} model, seed ${key.seed}) in ${seconds.toFixed(1)} s: ${path}\n`,
        );
        if (file === undefined) return;
      } else benchmarks = readBenchmarks(dir, key);
      if (!benchmarks)
        throw new InputError(
          `scorecard: no national benchmarks for the ${key.model} model, ${key.baseYear}+${key.horizon} years, seed ${key.seed}, ${runs} replicates and this data (${benchmarkFileName(key)} in ${dir}); build them with \`wcc scorecard ${file ?? ''} --build --runs ${runs}\`${flags.cache === undefined ? '' : ` --cache ${flags.cache}`}`,
        );
      const bar = progressBar(io, 'scorecard', flags.quiet === true);
      const targets = await runTargets(
        scenario,
        source,
        { threads, onProgress: (d, t) => bar.update(d, t) },
        false,
        true,
      );
      bar.stop();
      const registry = areaRegistry(loadReferenceData());
      const table = standardise(loadPeerTable());
      const peerCount =
        flags.n === undefined
          ? DEFAULT_PEERS
          : parseInteger('--n', flags.n, 1, table.codes.length - 1);
      const peersOf = (area: string): string[] =>
        registry.byCode.get(area)?.kind === 'lad'
          ? nearestPeers(table, area, peerCount).map((p) => p.code)
          : [];
      const lines = scorecardLines(
        targets.assessments,
        targets.result.summaries,
        benchmarks,
        peersOf,
      );
      const rows = scorecardRows(lines, format === 'table');
      if (format === 'table') {
        io.out(
          `Scorecard of ${scenario.name}: the target year's projection (mean, 95 % Monte Carlo interval over ${scenario.replicates} replicates) beside the baseline benchmarks of England and every local authority (${runs} replicates); RAG green ≥ ${targets.plan.rag.green}, amber ≥ ${targets.plan.rag.amber}\n\n`,
        );
        io.out(formatRows('table', SCORECARD_COLUMNS, rows, { digits: 4 }));
      } else io.out(formatRows(format, SCORECARD_COLUMNS, rows));
    });
}
