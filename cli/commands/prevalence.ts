/**
 * `wcc prevalence calibrate` (re-runs the calibration of the 21 QOF register curves from the
 * embedded raw data and prints the fit table) and `wcc prevalence curves --condition DM`
 * (registered and true prevalence by single year of age, national curve at average
 * deprivation; `--points` for the published points beside the curve), `wcc prevalence
 * parameters` (the projection defaults and sources) and `wcc prevalence registers` (England's
 * QOF series and the 2022-23 sub-ICB registers).
 */
import { Command } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { packageRoot } from '../../engine/io/paths.js';
import { distributionMean } from '../../engine/rng/distributions.js';
import { curveByAge, loadPrevalenceCalibration } from '../../models/prevalence/calibration.js';
import { netLevel, qofYear } from '../../models/prevalence/trend.js';
import {
  CONDITIONS,
  type Condition,
  type ConditionCalibration,
  type SourcedParameter,
} from '../../models/prevalence/types.js';
import { sourcedCells } from '../describe-distribution.js';
import type { CliIo } from '../io.js';
import { formatNumber, formatRows, type OutputRow } from '../format.js';
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
assumptions: {detection_DM: …, excess_mortality_DM: …, trend_DM: …}. The trend is net of
ageing (per year, log scale): projections follow England's QOF series through its newest year
(trend_observed: the ln change since 2019-20), then a damped trend whose first-year slope is
trend and whose mean slope shrinks by trend_damping each year; the spread of the slope is the
held-out forecast error per year of horizon, so it is not damped. A scenario's trend_<C>
replaces both with a straight slope from the base year (0: base-year rates held).

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
        add('trend_damping', {
          distribution: { dist: 'fixed', value: p.path.damping },
          source: `damped trend (Gardner and McKenzie 1985): the slope is multiplied by ${p.path.damping} each year after ${qofYear(p.path.years.at(-1) ?? NaN)}; chosen on held-out forecasts within the England series (see trend)`,
        });
        const last = p.path.offsets.at(-1) ?? NaN;
        add('trend_observed', {
          distribution: { dist: 'fixed', value: last },
          source: `England QOF series, ln(prevalence net of ageing / its 2019-20 value) by year, which projections follow through ${qofYear(p.path.years.at(-1) ?? NaN)} (years between interpolated): ${p.path.years.map((y, i) => `${qofYear(y)} ${formatNumber(p.path.offsets[i] ?? NaN, 3)}`).join(', ')}`,
        });
      }
      io.out(
        formatRows(out, ['code', 'parameter', 'distribution', 'mean', 'source'], rows, {
          digits: 4,
        }),
      );
    });
}

function registersSubcommand(io: CliIo): Command {
  return subcommand(io, 'registers')
    .description(
      "England's QOF registers by year (what the trends are fitted to), or by sub-ICB for 2022-23",
    )
    .option('--condition <code>', 'one register only')
    .option('--sub-icb', 'the 2022-23 registers of the 106 sub-ICBs instead')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
England: each QOF year's register, list (the register's age scope; asthma: all ages),
prevalence (%) and net (ln prevalence less the ln prevalence from ageing alone, the series the
secular trend is fitted to). QOF 2013-14 … 2019-20 (NHS Digital CCG tables) and 2022-23 (NHS
England practice file, summed). --sub-icb: the practices of each sub-ICB summed (ONS code,
name, ICB and region codes); local authorities stay calibrated on the 2019/20 file.

Examples:
  $ wcc prevalence registers --condition DEP
  $ wcc prevalence registers --sub-icb --format csv > sub-icb-2022-23.csv`,
    )
    .action((flags: { condition?: string; subIcb?: boolean; format?: string }) => {
      const out = format(flags.format);
      const only = flags.condition === undefined ? undefined : parseCondition(flags.condition);
      const calibration = loadPrevalenceCalibration();
      const codes = CONDITIONS.filter((c) => only === undefined || c === only);
      const rows: OutputRow[] = [];
      if (flags.subIcb === true) {
        for (const place of calibration.subIcb2022)
          for (const code of codes) {
            const register = place.register[code];
            const list = place.list[code];
            if (register === undefined || list === undefined) continue;
            rows.push({
              sub_icb: place.code,
              ods: place.odsCode,
              name: place.name,
              icb: place.icb,
              region: place.region,
              practices: place.practices,
              code,
              register,
              list,
              prevalence: (100 * register) / list,
            });
          }
        io.out(
          formatRows(
            out,
            [
              'sub_icb',
              'ods',
              'name',
              'icb',
              'region',
              'practices',
              'code',
              'register',
              'list',
              'prevalence',
            ],
            rows,
            { digits: 4 },
          ),
        );
        return;
      }
      for (const series of calibration.england) {
        if (!codes.includes(series.code)) continue;
        for (const p of series.points)
          rows.push({
            code: series.code,
            year: qofYear(p.year),
            register: p.register,
            list: p.list,
            prevalence: (100 * p.register) / p.list,
            net: netLevel(p),
          });
      }
      io.out(
        formatRows(out, ['code', 'year', 'register', 'list', 'prevalence', 'net'], rows, {
          digits: 4,
        }),
      );
    });
}

/** The `prevalence` command: `calibrate`, `curves`, `parameters` and `registers`. */
export function prevalenceCommand(io: CliIo): Command {
  return new Command('prevalence')
    .description(
      'Prevalence curves of the 21 QOF registers: calibration, curves by age and defaults',
    )
    .addCommand(calibrateSubcommand(io))
    .addCommand(curvesSubcommand(io))
    .addCommand(parametersSubcommand(io))
    .addCommand(registersSubcommand(io))
    .addHelpText(
      'after',
      `
Examples:
  $ wcc prevalence calibrate
  $ wcc prevalence curves --condition DM --format csv
  $ wcc prevalence parameters --format csv > defaults.csv
  $ wcc prevalence registers --condition DEP`,
    );
}
