/**
 * `wcc indicators <method> <file.csv>`: PHE / OHID indicator methods (PHEindicatormethods
 * conventions) on a CSV, one output row per group. Argument parsing and output only; the
 * methods' rules are models/indicators and their maths engine/stats.
 */
import { Command } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { SII_DEFAULT_REPETITIONS, type SiiValueType } from '../../engine/stats/index.js';
import {
  INDICATOR_METHOD_NAMES,
  type IndicatorOptions,
  indicatorMethod,
} from '../../models/indicators/index.js';
import { defaultFormat, formatRows, type OutputFormat } from '../format.js';
import type { CliIo } from '../io.js';
import { parseLevels } from '../indicators/levels.js';
import { readCsv } from '../indicators/table.js';

/** Fewest SII repetitions accepted (PHEindicatormethods `phe_sii`). */
const MIN_REPETITIONS = 1000;

/** Default `--seed` of the SII simulation. */
const DEFAULT_SEED = '1';

/** Options as commander hands them over (strings, unvalidated). */
interface RawOptions {
  groupBy?: string;
  confidence: string;
  multiplier?: string;
  format?: string;
  standard: string;
  frequencies?: boolean;
  reference?: string;
  observed?: string;
  refValue: string;
  se?: boolean;
  valueType: string;
  transform?: boolean;
  rii: boolean;
  intercept?: boolean;
  repetitions: string;
  seed: string;
}

const EXAMPLES = `
Methods and input columns (exact names; an empty cell or NA is a missing value):
  dsr         ageband, count, pop   or count, pop, stdpop
              (--frequencies: ageband, freq, persons, pop [, stdpop])
  isr/israte  count, pop, ref_count, ref_pop   (or --reference FILE, --observed FILE)
  proportion  numerator, denominator          rate   numerator, denominator
  mean        value                           le     startage, pop, deaths
  sii         quantile, pop, value, lower_cl, upper_cl   (or se with --se)
  byars       x                               wilson x, n
With the default standard (ESP2013) each row names its age band in ageband, matched by label
(0-4, 00-04, "0 to 4", …, 85-89, 90+, "90 and over", "90plus"), every band once per group; a
stdpop column gives each row its own standard weight instead. In dsr, isr and israte a
missing count, population or reference value is read as 0, and a note on stderr names the rows.
Limit columns are named lower95_0cl, upper99_8cl, …; rows in error messages count the
header as row 1. Without --group-by, proportion, rate, byars and wilson work row by row and
the other methods treat the whole file as one group.

Examples:
  $ wcc indicators dsr deaths.csv --group-by area --confidence 95,99.8
  $ wcc indicators le le.csv --group-by area,sex --format table
  $ wcc indicators isr smr.csv --group-by area --ref-value 100
  $ wcc indicators israte local.csv --reference england.csv --observed totals.csv --group-by area
  $ wcc indicators proportion screening.csv --group-by practice --multiplier 100
  $ wcc indicators sii deciles.csv --group-by area --value-type 1 --repetitions 10000 --seed 7`;

/** Parses a finite number option. */
function numberOption(
  name: string,
  text: string,
  expected: string,
  ok: (v: number) => boolean,
): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !ok(value))
    throw invalidOption(name, expected, text);
  return value;
}

/** Resolves and validates the raw options for `method`. */
function resolveOptions(method: string, raw: RawOptions, cwd: string): IndicatorOptions {
  const multiplier =
    raw.multiplier === undefined
      ? undefined
      : numberOption('--multiplier', raw.multiplier, 'a non-zero number', (v) => v !== 0);
  if (method === 'proportion' && multiplier !== undefined && multiplier !== 1 && multiplier !== 100)
    throw invalidOption('--multiplier', '1 or 100 for a proportion', raw.multiplier);
  if (method !== 'sii' && multiplier !== undefined && multiplier < 0)
    throw invalidOption('--multiplier', 'a positive number', raw.multiplier);
  if (raw.standard !== 'esp2013') throw invalidOption('--standard', 'esp2013', raw.standard);
  const refValue = numberOption(
    '--ref-value',
    raw.refValue,
    '1 or 100',
    (v) => v === 1 || v === 100,
  );
  const valueType = numberOption('--value-type', raw.valueType, '0, 1 or 2', (v) =>
    [0, 1, 2].includes(v),
  ) as SiiValueType;
  const repetitions = numberOption(
    '--repetitions',
    raw.repetitions,
    `a whole number ≥ ${MIN_REPETITIONS}`,
    (v) => Number.isInteger(v) && v >= MIN_REPETITIONS,
  );
  const groupBy = raw.groupBy ? raw.groupBy.split(',').map((c) => c.trim()) : [];
  if (groupBy.some((c) => c === ''))
    throw invalidOption('--group-by', 'column names separated by commas', raw.groupBy);
  return {
    levels: parseLevels(raw.confidence),
    groupBy,
    multiplier,
    frequencies: raw.frequencies ?? false,
    reference: raw.reference === undefined ? undefined : readCsv(raw.reference, cwd),
    observed: raw.observed === undefined ? undefined : readCsv(raw.observed, cwd),
    refValue,
    se: raw.se ?? false,
    valueType,
    transform: raw.transform ?? false,
    rii: raw.rii,
    intercept: raw.intercept ?? false,
    repetitions,
    seed: raw.seed,
  };
}

/** Parses `--format`. */
function outputFormat(text: string | undefined, io: CliIo): OutputFormat {
  if (text === undefined) return defaultFormat(io.stdoutIsTTY);
  if (text === 'csv' || text === 'json' || text === 'table') return text;
  throw invalidOption('--format', 'csv, json or table', text);
}

/** Builds the `indicators` subcommand; output goes to `io`. */
export function indicatorsCommand(io: CliIo): Command {
  const methods = INDICATOR_METHOD_NAMES;
  const command = new Command('indicators')
    .description(
      'Public-health indicators as PHE/OHID publish them (PHEindicatormethods): DSR, ISR, rates,\n' +
        'proportions, means, life expectancy and SII, with confidence limits, per group.',
    )
    .argument('<method>', `one of ${methods.join(', ')}`)
    .argument('<file>', 'input CSV with a header row')
    .option('--group-by <columns>', 'group columns, comma separated')
    .option(
      '--confidence <levels>',
      'confidence levels in percent, 90–99.99, comma separated',
      '95',
    )
    .option(
      '--multiplier <n>',
      'scale: rate per n (dsr, israte, rate), 1 or 100 (proportion), SII scale',
    )
    .option(
      '--format <format>',
      'csv, json or table (default: table on a terminal, csv when piped)',
    )
    .option(
      '--standard <name>',
      'dsr: standard population when there is no stdpop column',
      'esp2013',
    )
    .option('--frequencies', 'dsr: non-independent events, columns ageband, freq and persons')
    .option(
      '--reference <file>',
      'isr/israte: ref_count,ref_pop rows matched to each group by position',
    )
    .option('--observed <file>', 'isr/israte: group columns and observed totals')
    .option('--ref-value <n>', 'isr: 1 or 100', '1')
    .option('--se', 'sii: the se column gives standard errors (instead of lower_cl, upper_cl)')
    .option('--value-type <n>', 'sii: 0 plain, 1 rate (log), 2 proportion (logit)', '0')
    .option('--transform', 'sii: regress on the log/logit scale')
    .option('--no-rii', 'sii: leave out the relative index of inequality')
    .option('--intercept', 'sii: add the fitted value at rank 0')
    .option('--repetitions <n>', 'sii: simulated repetitions', String(SII_DEFAULT_REPETITIONS))
    .option('--seed <s>', 'sii: seed of the simulation', DEFAULT_SEED)
    .addHelpText('after', EXAMPLES)
    .action((method: string, file: string, raw: RawOptions) => {
      const compute = indicatorMethod(method);
      const format = outputFormat(raw.format, io);
      const options = resolveOptions(method, raw, io.cwd);
      const out = compute(readCsv(file, io.cwd), options);
      // Everything is computed before anything is written: no partial output on error.
      for (const note of out.notes) io.err(`wcc: note: ${note}\n`);
      io.out(formatRows(format, out.columns, out.rows));
    });
  // An unknown option is invalid input (exit 2, issue 4), not commander's usage error.
  return Object.assign(command, {
    unknownOption(flag: string): never {
      throw invalidOption(flag, `a known option of wcc indicators (see --help)`, flag);
    },
  });
}
