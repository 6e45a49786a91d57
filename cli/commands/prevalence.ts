/**
 * `wcc prevalence calibrate` (re-runs the calibration of the 21 QOF register curves from the
 * embedded raw data and prints the fit table) and `wcc prevalence curves --condition DM`
 * (registered and true prevalence by single year of age, national curve at average
 * deprivation; `--points` for the published points beside the curve).
 */
import { Command } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { packageRoot } from '../../engine/io/paths.js';
import { distributionMean } from '../../engine/rng/distributions.js';
import { curveByAge, loadPrevalenceCalibration } from '../../models/prevalence/calibration.js';
import {
  CONDITIONS,
  type Condition,
  type ConditionCalibration,
  type SourcedParameter,
} from '../../models/prevalence/types.js';
import { sourcedCells } from '../describe-distribution.js';
import type { CliIo } from '../io.js';
import { formatRows, type OutputRow } from '../format.js';
import { listFormat, subcommand } from '../subcommand.js';

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

const format = listFormat;

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
    .action(async (flags: { format?: string }) => {
      const out = format(flags.format);
      // The data build is loaded only when asked for, never at start-up.
      const { calibratePrevalence } = await import('../../data/build-prevalence.js');
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

function parametersSubcommand(io: CliIo): Command {
  return subcommand(io, 'parameters')
    .description(
      'The default detection ratio, excess mortality and secular trend of each register, with sources',
    )
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Each default is a distribution drawn per replicate; a scenario overrides one with
assumptions: {detection_DM: …, excess_mortality_DM: …, trend_DM: …}.

Examples:
  $ wcc prevalence parameters
  $ wcc prevalence parameters --format json`,
    )
    .action((flags: { format?: string }) => {
      const out = format(flags.format);
      const rows: OutputRow[] = [];
      for (const p of loadPrevalenceCalibration().parameters) {
        const add = (parameter: string, value: SourcedParameter | undefined): void => {
          if (value) rows.push({ code: p.code, parameter, ...sourcedCells(value) });
        };
        add('detection', p.detection);
        add('excess_mortality', p.excessMortality);
        add('trend', p.trend);
      }
      io.out(
        formatRows(out, ['code', 'parameter', 'distribution', 'mean', 'source'], rows, {
          digits: 4,
        }),
      );
    });
}

/** The `prevalence` command: `calibrate`, `curves` and `parameters`. */
export function prevalenceCommand(io: CliIo): Command {
  return new Command('prevalence')
    .description(
      'Prevalence curves of the 21 QOF registers: calibration, curves by age and defaults',
    )
    .addCommand(calibrateSubcommand(io))
    .addCommand(curvesSubcommand(io))
    .addCommand(parametersSubcommand(io))
    .addHelpText(
      'after',
      `
Examples:
  $ wcc prevalence calibrate
  $ wcc prevalence curves --condition DM --format csv
  $ wcc prevalence parameters --format csv > defaults.csv`,
    );
}
