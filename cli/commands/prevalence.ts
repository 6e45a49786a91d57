/**
 * `wcc prevalence calibrate` (re-runs the calibration of the 21 QOF register curves from the
 * embedded raw data and prints the fit table) and `wcc prevalence curves --condition DM`
 * (registered and true prevalence by single year of age, national curve at average
 * deprivation; `--points` for the published points beside the curve).
 */
import { Command } from 'commander';
import { calibratePrevalence } from '../../data/build-prevalence.js';
import { invalidOption } from '../../engine/errors.js';
import { packageRoot } from '../../engine/io/paths.js';
import { distributionMean } from '../../engine/rng/distributions.js';
import { curveByAge, loadPrevalenceCalibration } from '../../models/prevalence/calibration.js';
import {
  CONDITIONS,
  type Condition,
  type ConditionCalibration,
} from '../../models/prevalence/types.js';
import type { CliIo } from '../io.js';
import { formatRows, type OutputFormat, type OutputRow } from '../format.js';
import { parseFormat } from '../options.js';

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];
const FIT_COLUMNS = [
  'code',
  'name',
  'ages',
  'level',
  'tilt',
  'deprivation',
  'deviance',
  'null_deviance',
  'aic',
  'variance_explained',
  'dispersion',
  'shape_source',
] as const;

function format(text: string | undefined): OutputFormat {
  return text === undefined ? 'table' : parseFormat('--format', text, FORMATS);
}

function ages(c: ConditionCalibration): string {
  return `${c.ageMin}-${c.ageMax === 90 ? '90+' : c.ageMax}`;
}

function parseCondition(text: string): Condition {
  const code = text.trim().toUpperCase();
  const found = CONDITIONS.find((c) => c === code);
  if (found === undefined)
    throw invalidOption(
      '--condition',
      `a QOF register code, one of ${CONDITIONS.join(', ')}`,
      text,
    );
  return found;
}

/** A subcommand with the program's output and exit handling (addCommand does not copy them). */
function subcommand(io: CliIo, name: string): Command {
  return new Command(name)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
}

function calibrateSubcommand(io: CliIo): Command {
  return subcommand(io, 'calibrate')
    .description('Re-run the calibration of the 21 register curves from the embedded raw data')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Each curve: logit p(a) = level + tilt·(shape(a) − mean) + deprivation·z, the shape from
published age-specific prevalence, fitted to the 2019/20 registers of the 309 local
authorities (penalised quasi-Poisson). Deterministic: the output equals data/built/prevalence.json.

Examples:
  $ wcc prevalence calibrate
  $ wcc prevalence calibrate --format csv > fits.csv`,
    )
    .action((flags: { format?: string }) => {
      const out = format(flags.format);
      const { calibration } = calibratePrevalence(packageRoot());
      const rows: OutputRow[] = calibration.conditions.map((c) => ({
        code: c.code,
        name: c.name,
        ages: ages(c),
        level: c.level,
        tilt: c.tilt,
        deprivation: c.deprivation,
        deviance: c.fit.deviance,
        null_deviance: c.fit.nullDeviance,
        aic: c.fit.aic,
        variance_explained: c.fit.varianceExplained,
        dispersion: c.fit.dispersion,
        shape_source: c.shapeSource,
      }));
      io.out(formatRows(out, FIT_COLUMNS, rows, { digits: 4 }));
    });
}

function curvesSubcommand(io: CliIo): Command {
  return subcommand(io, 'curves')
    .description('Registered (and true) prevalence by single year of age of one register')
    .requiredOption('--condition <code>', `register code: ${CONDITIONS.join(', ')}`)
    .option('--points', 'the published points beside the fitted curve instead')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
The national curve at average deprivation (z = 0), over the register's ages; true
prevalence = registered / mean detection ratio, where the register has one.

Examples:
  $ wcc prevalence curves --condition DM --format csv
  $ wcc prevalence curves --condition DM --points`,
    )
    .action((flags: { condition: string; points?: boolean; format?: string }) => {
      const out = format(flags.format);
      const code = parseCondition(flags.condition);
      const calibration = loadPrevalenceCalibration();
      const c = calibration.conditions.find((k) => k.code === code);
      if (c === undefined) throw invalidOption('--condition', 'a calibrated register', code);
      const detection = calibration.parameters.find((p) => p.code === code)?.detection;
      const ratio = detection === undefined ? NaN : distributionMean(detection.distribution);
      const curve = new Float64Array(91);
      curveByAge(c, 0, curve);
      const at = (age: number): number => {
        const lo = Math.floor(age);
        const t = age - lo;
        return (1 - t) * (curve[lo] ?? NaN) + t * (curve[Math.min(90, lo + 1)] ?? NaN);
      };
      const withTrue = detection !== undefined;
      if (flags.points === true) {
        const columns = [
          'age_low',
          'age_high',
          'age',
          'published',
          'measure',
          'source',
          'anchor',
          'fitted',
        ];
        if (withTrue) columns.push('fitted_true');
        const rows: OutputRow[] = (c.published ?? []).map((p) => ({
          age_low: p.ageLow,
          age_high: p.ageHigh ?? '',
          age: p.age,
          published: p.prevalence,
          measure: p.measure,
          source: p.source,
          anchor: p.anchor ? 'yes' : 'no',
          fitted: at(p.age),
          fitted_true: at(p.age) / ratio,
        }));
        io.out(formatRows(out, columns, rows, { digits: 4 }));
        return;
      }
      const columns = withTrue ? ['age', 'prevalence', 'true_prevalence'] : ['age', 'prevalence'];
      const rows: OutputRow[] = [];
      for (let a = c.ageMin; a <= c.ageMax; ++a)
        rows.push({
          age: a === 90 ? '90+' : a,
          prevalence: curve[a],
          true_prevalence: (curve[a] ?? NaN) / ratio,
        });
      io.out(formatRows(out, columns, rows, { digits: 4 }));
    });
}

/** The `prevalence` command: `calibrate` and `curves`. */
export function prevalenceCommand(io: CliIo): Command {
  return new Command('prevalence')
    .description('Prevalence curves of the 21 QOF registers: calibration and curves by age')
    .addCommand(calibrateSubcommand(io))
    .addCommand(curvesSubcommand(io))
    .addHelpText(
      'after',
      `
Examples:
  $ wcc prevalence calibrate
  $ wcc prevalence curves --condition DM --format csv`,
    );
}
