/** `wcc metrics`: the metric registry — every metric a run can produce, its unit and model. */
import { Command } from 'commander';
import { invalidOption } from '../../engine/errors.js';
import { METRIC_FAMILIES, METRICS } from '../../models/registry/metrics.js';
import { MODEL_REGISTRY } from '../../models/registry/models.js';
import type { CliIo } from '../io.js';
import { formatRows } from '../format.js';
import { parseOutputFormat } from '../options.js';

/** The `metrics` command. */
export function metricsCommand(io: CliIo): Command {
  return new Command('metrics')
    .description('List every metric a run can produce: unit, model and meaning')
    .option(
      '--all',
      'one row per metric (each register, setting and resource) rather than per family',
    )
    .option('--model <model>', 'only the metrics of this model')
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Money is at NHS National Cost Collection 2023/24 prices. A probability metric (p_shortfall_*)
is 0 or 1 in each replicate; its mean is the probability, and summaries show that one figure.

Examples:
  $ wcc metrics
  $ wcc metrics --model demand
  $ wcc metrics --all --format csv > metrics.csv`,
    )
    .action((flags: { all?: boolean; model?: string; format?: string }) => {
      const format = parseOutputFormat(flags.format);
      const models = MODEL_REGISTRY.map((m) => m.name as string);
      if (flags.model !== undefined && !models.includes(flags.model))
        throw invalidOption('--model', `one of ${models.join(', ')}`, flags.model);
      const keep = (model: string): boolean => flags.model === undefined || model === flags.model;
      const rows =
        flags.all === true
          ? [...METRICS.values()]
              .filter((m) => keep(m.model))
              .map((m) => ({
                metric: m.name,
                unit: m.unit,
                model: m.model,
                description: m.description,
              }))
          : METRIC_FAMILIES.filter((f) => keep(f.model)).map((f) => ({
              metric: f.pattern,
              unit: f.unit,
              model: f.model,
              description: f.description,
            }));
      if (format === 'table')
        io.out(
          MODEL_REGISTRY.filter((m) => keep(m.name))
            .map(
              (m) =>
                `${m.name}: ${m.description}${m.needs.length > 0 ? ` (after ${m.needs.join(', ')})` : ''}`,
            )
            .join('\n') + '\n\n',
        );
      io.out(formatRows(format, ['metric', 'unit', 'model', 'description'], rows));
    });
}
