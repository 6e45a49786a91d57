/**
 * `wcc backtest prevalence`: fits the registers' England trends through a past QOF year,
 * forecasts a later one and scores each register against what was published.
 */
import { invalidOption } from '../../engine/errors.js';
import { backtestPrevalence, observedYears } from '../../models/prevalence/backtest.js';
import { loadPrevalenceCalibration } from '../../models/prevalence/calibration.js';
import { MIN_ORIGIN_POINTS, qofYear } from '../../models/prevalence/trend.js';
import type { CliIo } from '../io.js';
import { formatCsv, formatRows, formatTable, type OutputRow } from '../format.js';
import { parseOutputFormat } from '../options.js';

/** Default fit year and horizon: fit through 2019-20, forecast 2022-23. */
export const PREVALENCE_BACKTEST_DEFAULTS = { baseYear: 2019, horizon: 3 } as const;

const COLUMNS = [
  'code',
  'fit_through',
  'target',
  'actual',
  'p50',
  'p10',
  'p90',
  'error',
  'pct_error',
  'inside_80',
  'note',
] as const;

/** Help text of the prevalence back-test, added to `wcc backtest --help`. */
export const PREVALENCE_BACKTEST_HELP = `
wcc backtest prevalence: England's registered prevalence (% of each register's list, QOF)
forecast from --base-year (a QOF year, 2019 = 2019-20; default 2019) to base year + --horizon
(default 3: 2022-23) by the damped trends fitted with the years through the base year only.
Per register: actual, p50, p10, p90 (%), error (p50 − actual, points), pct_error and whether
the 80 % interval holds the actual value. Then the count inside, the median |pct_error| and the
damping and error scale chosen on the held-out forecasts inside the fitted years. Analytic:
--runs, --seed and --threads do not apply.`;

/** Runs the prevalence back-test and prints it. */
export function runPrevalenceBacktest(
  io: CliIo,
  flags: { baseYear?: string; horizon?: string; format?: string },
): void {
  const format = parseOutputFormat(flags.format);
  const { england } = loadPrevalenceCalibration();
  const years = observedYears(england);
  const first = years[MIN_ORIGIN_POINTS] ?? NaN;
  const origins = years.filter((y) => y >= first && y < (years.at(-1) ?? NaN));
  const baseYear =
    flags.baseYear === undefined ? PREVALENCE_BACKTEST_DEFAULTS.baseYear : Number(flags.baseYear);
  if (!origins.includes(baseYear))
    throw invalidOption(
      '--base-year',
      `a QOF year with registers published, from which a later year can be forecast: ${origins.join(', ')}`,
      flags.baseYear,
    );
  const targets = years.filter((y) => y > baseYear);
  const horizon =
    flags.horizon === undefined ? PREVALENCE_BACKTEST_DEFAULTS.horizon : Number(flags.horizon);
  if (!targets.includes(baseYear + horizon))
    throw invalidOption(
      '--horizon',
      `years to a later QOF year with registers published: ${targets.map((y) => y - baseYear).join(', ')} (${targets.map(qofYear).join(', ')})`,
      flags.horizon,
    );
  const b = backtestPrevalence(england, baseYear, baseYear + horizon);
  const rows: OutputRow[] = b.rows.map((r) => ({
    code: r.code,
    fit_through: qofYear(r.fitThrough),
    target: qofYear(r.target),
    actual: r.actual,
    p50: r.p50,
    p10: r.p10,
    p90: r.p90,
    error: r.error,
    pct_error: r.pctError,
    inside_80: r.inside80 ? 'yes' : 'no',
    note: r.definitionChange ? 'register definition changed' : '',
  }));
  const summary = [
    { statistic: 'registers', value: b.registers },
    { statistic: 'inside_80', value: b.inside80 },
    { statistic: 'median_abs_pct_error', value: b.medianAbsPctError },
    { statistic: 'damping', value: b.choice.damping },
    { statistic: 'unit_sd', value: b.choice.unitSd },
    { statistic: 'folds', value: b.choice.folds },
  ];
  if (format === 'json') {
    io.out(
      `${JSON.stringify(
        {
          base_year: baseYear,
          horizon,
          registers: rows,
          summary: Object.fromEntries(summary.map((s) => [s.statistic, s.value])),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (format === 'csv') {
    io.out(formatCsv(COLUMNS, rows));
    io.out(`\n${formatCsv(['statistic', 'value'], summary)}`);
    return;
  }
  io.out(
    `Prevalence back-test: England QOF registers (% of list), trends fitted through ${qofYear(baseYear)}, forecast ${qofYear(baseYear + horizon)}\n\n`,
  );
  io.out(formatRows('table', COLUMNS, rows, { digits: 4 }));
  io.out(`\n${formatTable(['statistic', 'value'], summary, { digits: 4 })}`);
}
