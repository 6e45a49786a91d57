/** `wcc outcomes table --area X`: an area's base-year outcomes beside England's, with sources. */
import { Command } from 'commander';
import { runScenario } from '../../models/run-scenario.js';
import { metricInfo } from '../../models/registry/metrics.js';
import { INDICATOR_NEL_PER_1000 } from '../../models/outcomes/metrics.js';
import { outcomesData } from '../../models/outcomes/data.js';
import { parseScenario, SCENARIO_DEFAULTS } from '../../models/scenario/schema.js';
import { summaryRecords } from '../../models/results/summary.js';
import { ENGLAND } from '../../models/areas/registry.js';
import type { CliIo } from '../io.js';
import { formatRows, type OutputRow } from '../format.js';
import { parseOutputFormat } from '../options.js';

/** Replicates behind the table (only the CVD share of under-75 deaths varies in the base year). */
const REPLICATES = 200;

/** Where each base-year outcome comes from. */
function sourceOf(metric: string, period: string): string {
  const data = outcomesData();
  if (metric.startsWith('le_'))
    return `OHID life expectancy by local authority and sex, ${period} (the area's mortality level is calibrated to it); ONS national life tables by sex for the age pattern`;
  if (metric.startsWith('sii_') || metric.startsWith('gap_'))
    return `${data.source.deciles ?? ''}; age pattern: ${data.source.gradient ?? ''}`;
  if (metric === 'u75_cvd_mortality_dsr')
    return `all-cause DSR × the CVD share of under-75 deaths: ${data.cvdShareU75.source.split(' (http')[0] ?? ''}`;
  if (metric === 'u75_mortality_dsr')
    return 'DSR (ESP2013, ages 0-74) of the modelled death rates and the mid-year population';
  if (metric === INDICATOR_NEL_PER_1000)
    return 'emergency admissions of the demand model (NHS National Cost Collection 2023/24 non-elective spells by age, sex and deprivation, scaled to the area; `wcc demand settings`) per 1,000 ONS mid-year residents';
  if (metric.startsWith('detection_rate_'))
    return 'QOF register / estimated true cases (the register over its detection ratio; `wcc prevalence parameters` gives each ratio and its source)';
  return 'zero in the base year: interventions start after it';
}

/** The `outcomes` command. */
export function outcomesCommand(io: CliIo): Command {
  const command = new Command('outcomes').description(
    'Outcomes of an area: its base-year table beside England, with sources',
  );
  command
    .command('table')
    .description("An area's base-year life expectancy, inequality and mortality beside England's")
    .requiredOption('--area <code>', 'a local authority, ICB, region or England code')
    .option('--base-year <year>', `base year (default ${SCENARIO_DEFAULTS.baseYear})`)
    .option('--format <format>', 'table, csv or json (default table)')
    .addHelpText(
      'after',
      `
Life expectancy is each area's published OHID value for the period around the base year (the
population model's mortality level reproduces it); the SII and the gap between deprivation
deciles 1 and 10 come from the PHE decile data; under-75 mortality is directly standardised.

Examples:
  $ wcc outcomes table --area E06000009             # Blackpool beside England
  $ wcc outcomes table --area E54000055 --format csv`,
    )
    .action(async (flags: { area: string; baseYear?: string; format?: string }) => {
      const format = parseOutputFormat(flags.format);
      const codes = flags.area.trim() === ENGLAND ? [ENGLAND] : [flags.area.trim(), ENGLAND];
      const scenario = parseScenario(
        {
          name: 'outcomes table',
          model: 'outcomes',
          area: codes,
          horizon: 1,
          replicates: REPLICATES,
          ...(flags.baseYear !== undefined ? { base_year: Number(flags.baseYear) } : {}),
        },
        '--area',
      );
      const result = await runScenario(scenario, { threads: 0 });
      const records = summaryRecords(result.summaries).filter(
        (r) => r.year === scenario.baseYear && metricInfo(r.metric).model === 'outcomes',
      );
      const value = (area: string, metric: string): number =>
        records.find((r) => r.area === area && r.metric === metric)?.mean ?? NaN;
      const [area = { code: flags.area, name: flags.area }] = result.areas;
      const end = scenario.baseYear + 1;
      const period = `${end - 2}-${String(end).slice(2)}`;
      // Every base-year outcome but the health gain (none yet), in the run's order.
      const metrics = [...new Set(records.map((r) => r.metric))].filter(
        (m) => m !== 'deaths_averted' && m !== 'life_years_gained',
      );
      const rows: OutputRow[] = metrics.map((m) => ({
        metric: m,
        unit: metricInfo(m).unit,
        [area.code]: value(area.code, m),
        ...(codes.length > 1 ? { [ENGLAND]: value(ENGLAND, m) } : {}),
        source: sourceOf(m, period),
      }));
      const columns = ['metric', 'unit', ...codes, 'source'];
      if (format === 'table')
        io.out(
          `${area.name} (${area.code})${codes.length > 1 ? ` beside England (${ENGLAND})` : ''}: outcomes in the base year, mid-${scenario.baseYear}\n\n`,
        );
      io.out(formatRows(format, columns, rows, { digits: 4 }));
    });
  return command;
}
