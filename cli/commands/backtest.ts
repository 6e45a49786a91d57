/** `wcc backtest population`: projects every local authority from a past year and scores it. */
import { Command } from 'commander';
import { UsageError } from '../../engine/errors.js';
import { defaultThreads } from '../../engine/run/run.js';
import { backtestPopulation } from '../../models/population/backtest.js';
import { BASE_YEAR_RANGE, HORIZON_RANGE, MAX_REPLICATES } from '../../models/scenario/schema.js';
import type { CliIo } from '../io.js';
import { PREVALENCE_BACKTEST_HELP, runPrevalenceBacktest } from './backtest-prevalence.js';
import { formatCsv, formatRows, formatTable } from '../format.js';
import { parseInteger, parseThreads, parseOutputFormat } from '../options.js';
import { progressBar } from '../progress.js';

const COLUMNS = ['area', 'metric', 'actual', 'p50', 'p10', 'p90', 'p2_5', 'p97_5', 'ape'] as const;
const SUMMARY_COLUMNS = [
  'metric',
  'areas',
  'median_ape',
  'p90_ape',
  'coverage_80',
  'coverage_95',
] as const;

interface BacktestFlags {
  baseYear?: string;
  horizon?: string;
  runs?: string;
  seed?: string;
  threads?: string;
  format?: string;
  quiet?: boolean;
}

/** The `backtest` command. */
export function backtestCommand(io: CliIo): Command {
  return new Command('backtest')
    .description(
      'Back-test a model: project every local authority from a past year, compare with what happened',
    )
    .argument('<model>', 'the model to test: population or prevalence')
    .option('--base-year <year>', 'year to project from (default 2015)')
    .option(
      '--horizon <years>',
      'years ahead; base year + horizon must be 2023 or earlier (default 5)',
    )
    .option('--runs <n>', 'replicates per area (default 1000)')
    .option('--seed <seed>', 'random seed (default 1)')
    .option('--threads <n>', 'worker threads (default: the cores available)')
    .option('--format <format>', 'table, csv or json (default table)')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Per area and metric (population_total, population_male, population_female): actual (the ONS
estimate of the target year, Census-2021-rebased from 2011), p50, p10, p90, p2_5, p97_5 of the
projection, and ape = |p50 − actual| / actual in percent. Then, per metric, the median and
90th-percentile APE and the share of areas whose actual value falls in the 80 % and 95 %
intervals. The table format lists areas for persons only; csv and json list every metric.

Examples:
  $ wcc backtest population --base-year 2015 --horizon 5
  $ wcc backtest population --base-year 2018 --horizon 5      # across the pandemic, to mid-2023
  $ wcc backtest population --base-year 2013 --runs 400 --format csv > backtest.csv
  $ wcc backtest prevalence                      # fit through 2019-20, forecast 2022-23
  $ wcc backtest prevalence --base-year 2016 --horizon 3
${PREVALENCE_BACKTEST_HELP}`,
    )
    .action(async (model: string, flags: BacktestFlags) => {
      if (model === 'prevalence') {
        runPrevalenceBacktest(io, flags);
        return;
      }
      if (model !== 'population')
        throw new UsageError(
          `backtest: unknown model "${model}" (expected population or prevalence)`,
        );
      const baseYear =
        flags.baseYear === undefined
          ? 2015
          : parseInteger('--base-year', flags.baseYear, BASE_YEAR_RANGE.min, BASE_YEAR_RANGE.max);
      const horizon =
        flags.horizon === undefined
          ? 5
          : parseInteger('--horizon', flags.horizon, HORIZON_RANGE.min, HORIZON_RANGE.max);
      const replicates =
        flags.runs === undefined ? 1000 : parseInteger('--runs', flags.runs, 1, MAX_REPLICATES);
      const seed = flags.seed === undefined ? 1 : parseInteger('--seed', flags.seed, 0, 4294967295);
      const threads = parseThreads(flags.threads, defaultThreads);
      const format = parseOutputFormat(flags.format);
      const bar = progressBar(io, 'backtest', flags.quiet === true);
      const { rows, summaries } = await backtestPopulation({
        baseYear,
        horizon,
        replicates,
        seed,
        threads,
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.stop();
      const summaryRows = summaries.map((m) => ({
        metric: m.metric,
        areas: m.areas,
        median_ape: m.medianApe,
        p90_ape: m.p90Ape,
        coverage_80: m.coverage80,
        coverage_95: m.coverage95,
      }));
      if (format === 'json') {
        io.out(
          `${JSON.stringify({ base_year: baseYear, horizon, replicates, seed, areas: rows, summary: summaryRows }, null, 2)}\n`,
        );
        return;
      }
      if (format === 'csv') {
        io.out(
          formatCsv(
            COLUMNS,
            rows.map((r) => ({ ...r })),
          ),
        );
        io.out(`\n${formatCsv(SUMMARY_COLUMNS, summaryRows)}`);
        return;
      }
      io.out(
        `Population back-test: every local authority projected from mid-${baseYear} to mid-${baseYear + horizon}, ${replicates} replicates\n\n`,
      );
      io.out(
        formatRows(
          'table',
          ['area', 'name', ...COLUMNS.slice(2)],
          rows.filter((r) => r.metric === 'population_total').map((r) => ({ ...r })),
          { digits: 4 },
        ),
      );
      io.out(`\n${formatTable(SUMMARY_COLUMNS, summaryRows, { digits: 4 })}`);
    });
}
