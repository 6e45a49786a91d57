/**
 * `wcc demand settings|mapping|norms|use`: the demand model's reference data as analysts need
 * to check it: each setting's England total, unit cost and the profile behind its rates; the
 * NCC 2023/24 rows mapped to each setting; the capacity norms; the extra activity per
 * registered case. No maths: it prints data/built/demand.json.
 */
import { Command } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { distributionMean } from '../../engine/rng/distributions.js';
import { loadDemandReference } from '../../models/demand/reference.js';
import { SETTINGS } from '../../models/demand/types.js';
import type { CliIo } from '../io.js';
import { formatRows, type OutputRow } from '../format.js';
import { describeDistribution, sourcedCells } from '../describe-distribution.js';
import type { SourcedParameter } from '../../models/prevalence/types.js';
import { listFormat, subcommand } from '../subcommand.js';

/** Published national totals beside wcc's base-year England figures, as output rows. */
function publishedRows(): OutputRow[] {
  return loadDemandReference().published.map((p) => ({
    measure: p.measure,
    unit: p.unit,
    published: p.published,
    wcc_base_year: p.wcc,
    wcc_over_published: p.wcc / p.published,
    source: p.source,
    wcc_derivation: p.wccDerivation,
  }));
}
const PUBLISHED_COLUMNS = [
  'measure',
  'unit',
  'published',
  'wcc_base_year',
  'wcc_over_published',
  'source',
  'wcc_derivation',
];

function settingsSubcommand(io: CliIo): Command {
  return subcommand(io, 'settings')
    .description(
      "Each care setting: England's total, its source, the unit cost and the rates' age profile; then the published national totals beside wcc's base-year England figures",
    )
    .option('--format <format>', 'table, csv or json (default table)')
    .option(
      '--published',
      "only the published national totals (admissions, bed days, beds, GP, outpatient and A&E activity) beside wcc's base-year England figure",
    )
    .addHelpText(
      'after',
      '\nThe table format prints both tables; csv and json print one (settings, or --published).\n\nExamples:\n  $ wcc demand settings\n  $ wcc demand settings --published\n  $ wcc demand settings --format csv > settings.csv',
    )
    .action((flags: { format?: string; published?: boolean }) => {
      const format = listFormat(flags.format);
      const published = formatRows(format, PUBLISHED_COLUMNS, publishedRows(), { digits: 4 });
      if (flags.published === true) {
        io.out(published);
        return;
      }
      const rows: OutputRow[] = loadDemandReference().settings.map((s) => ({
        setting: s.setting,
        unit: s.unit,
        england_total: s.englandTotal,
        unit_cost: describeDistribution(s.unitCost.distribution),
        unit_cost_mean: distributionMean(s.unitCost.distribution),
        spells_per_episode: s.spellsPerEpisode
          ? describeDistribution(s.spellsPerEpisode.distribution)
          : '',
        profile_source: s.profileSource,
        total_source: s.totalSource,
      }));
      const columns = [
        'setting',
        'unit',
        'england_total',
        'unit_cost',
        'unit_cost_mean',
        'spells_per_episode',
        'profile_source',
        'total_source',
      ];
      io.out(formatRows(format, columns, rows, { digits: 6 }));
      if (format === 'table')
        io.out(`\nPublished national totals beside wcc's base-year England figure:\n${published}`);
    });
}

function mappingSubcommand(io: CliIo): Command {
  return subcommand(io, 'mapping')
    .description(
      'The National Cost Collection 2023/24 rows behind each setting (activity and unit cost)',
    )
    .option('--setting <setting>', `only one setting: ${SETTINGS.join(', ')}`)
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ wcc demand mapping --setting ae_attendances\n  $ wcc demand mapping --format csv > ncc-mapping.csv',
    )
    .action((flags: { setting?: string; format?: string }) => {
      const setting = flags.setting;
      if (setting !== undefined && !(SETTINGS as readonly string[]).includes(setting))
        throw invalidOption('--setting', `one of ${SETTINGS.join(', ')}`, setting);
      const rows: OutputRow[] = loadDemandReference()
        .mapping.filter((m) => setting === undefined || m.setting === setting)
        .map((m) => ({
          setting: m.setting,
          service_code: m.serviceCode,
          currency: m.currency,
          description: m.description,
          activity: m.activity,
          unit_cost: m.unitCost,
        }));
      const columns = [
        'setting',
        'service_code',
        'currency',
        'description',
        'activity',
        'unit_cost',
      ];
      io.out(formatRows(listFormat(flags.format), columns, rows, { digits: 6 }));
    });
}

function normsSubcommand(io: CliIo): Command {
  return subcommand(io, 'norms')
    .description(
      'The capacity norms (occupancy, cases per session, attendances per clinic, appointments per GP WTE)',
    )
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText('after', '\nExamples:\n  $ wcc demand norms')
    .action((flags: { format?: string }) => {
      const norms = Object.entries(loadDemandReference().capacity) as [string, SourcedParameter][];
      const rows: OutputRow[] = norms.map(([norm, value]) => ({ norm, ...sourcedCells(value) }));
      io.out(
        formatRows(listFormat(flags.format), ['norm', 'distribution', 'mean', 'source'], rows, {
          digits: 4,
        }),
      );
    });
}

function useSubcommand(io: CliIo): Command {
  return subcommand(io, 'use')
    .description(
      'Extra activity per registered case of a condition, by setting, and its medicines cost, with their derivation',
    )
    .option('--format <format>', 'table, csv or json (default table)')
    .option('--condition <code>', 'only one register, e.g. HYP')
    .addHelpText(
      'after',
      '\nThe table format ends with the method (how multimorbidity is handled).\n\nExamples:\n  $ wcc demand use --condition HYP\n  $ wcc demand use --format csv',
    )
    .action((flags: { format?: string; condition?: string }) => {
      const reference = loadDemandReference();
      const codes = [...new Set(reference.conditionUse.map((u) => u.condition as string))];
      if (flags.condition !== undefined && !codes.includes(flags.condition))
        throw invalidOption('--condition', `one of ${codes.join(', ')}`, flags.condition);
      const rows: OutputRow[] = reference.conditionUse
        .filter((u) => flags.condition === undefined || u.condition === flags.condition)
        .map((u) => ({
          condition: u.condition,
          setting: u.setting,
          per: u.perNewCase ? 'new case, first year' : 'case a year',
          ...sourcedCells(u.extraPerCase),
        }));
      rows.push(
        ...reference.treatmentCost
          .filter((t) => flags.condition === undefined || t.condition === flags.condition)
          .map((t) => ({
            condition: t.condition,
            setting: 'cost_extra_medicines',
            per: 'case a year (£)',
            ...sourcedCells(t.perCase),
          })),
      );
      const columns = ['condition', 'setting', 'per', 'distribution', 'mean', 'source'];
      const format = listFormat(flags.format);
      io.out(formatRows(format, columns, rows, { digits: 4 }));
      if (format === 'table') io.out(`\nMethod: ${reference.useMethod}\n`);
    });
}

/** The `demand` command: the demand model's reference data. */
export function demandCommand(io: CliIo): Command {
  return new Command('demand')
    .description(
      "The demand model's reference data: settings, NCC mapping, capacity norms, condition use",
    )
    .addCommand(settingsSubcommand(io))
    .addCommand(mappingSubcommand(io))
    .addCommand(normsSubcommand(io))
    .addCommand(useSubcommand(io))
    .addHelpText(
      'after',
      `
Examples:
  $ wcc demand settings
  $ wcc demand mapping --setting nel_admissions --format csv
  $ wcc demand norms
  $ wcc demand use`,
    );
}
