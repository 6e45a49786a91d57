/**
 * `wcc exercise init|round|status`: a regional simulation exercise played round by round, its
 * state kept in one JSON file written atomically. The maths is in models/exercise.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { describeValue, invalidOption, InputError } from '../../engine/errors.js';
import { checkOutputPath, writeFileAtomic } from '../../engine/io/atomic-write.js';
import { dataDigest } from '../../engine/io/data-digest.js';
import { wccVersion } from '../../engine/io/run-metadata.js';
import { defaultThreads } from '../../engine/run/run.js';
import { leagueOutcomes, leagueTable, type LeagueRow } from '../../models/exercise/league.js';
import { advanceExercise, initExercise, undoExercise } from '../../models/exercise/lifecycle.js';
import { parseEvents, parseExercise } from '../../models/exercise/schema.js';
import { readState, stateText, type ExerciseState } from '../../models/exercise/state.js';
import { formatNumber, formatRows, type OutputRow } from '../format.js';
import type { CliIo } from '../io.js';
import { parseOutputFormat, parseThreads } from '../options.js';
import { progressBar } from '../progress.js';
import { subcommand } from '../subcommand.js';
import { RAG_MARK } from '../targets-table.js';

/** Reads a YAML or JSON file as plain data. */
function readDataFile(io: CliIo, file: string, what: string): unknown {
  const path = resolve(io.cwd, file);
  if (!existsSync(path) || statSync(path).isDirectory())
    throw new InputError(`${what} ${file}: not found`);
  try {
    return parseYaml(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InputError(`${what} ${file}: not valid YAML or JSON: ${detail}`);
  }
}

/** Reads and checks a state file (digest, wcc version, data digest). */
export function loadState(io: CliIo, file: string): ExerciseState {
  const path = resolve(io.cwd, file);
  if (!existsSync(path) || statSync(path).isDirectory())
    throw new InputError(`state file ${file}: not found (create it with wcc exercise init)`);
  return readState(readFileSync(path, 'utf8'), file, {
    wcc: wccVersion(),
    dataDigest: dataDigest(),
  });
}

/**
 * Runs `work` with an abort signal that Ctrl-C fires: the engine stops and rejects with an
 * interruption (exit 130), and the state file, written only at the end, is left as it was.
 */
async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

/** Progress over areas × replicates, on a bar labelled `label`. */
function areaProgress(io: CliIo, label: string, quiet: boolean, replicates: number) {
  const bar = progressBar(io, label, quiet);
  return {
    bar,
    onProgress: (done: number, total: number) => bar.update(done * replicates, total * replicates),
  };
}

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${formatNumber(x, 3)}`;

/** The league table as output rows: RAG as G ●/A ◐/R ○ in tables, words in CSV and JSON. */
export function leagueRows(
  rows: readonly LeagueRow[],
  table: boolean,
): {
  columns: string[];
  rows: OutputRow[];
} {
  const outcomes = leagueOutcomes(rows);
  const columns = ['rank', 'area', 'name'];
  outcomes.forEach((_, i) => {
    const k = i + 1;
    columns.push(`mean_${k}`, `p_meet_${k}`, `rag_${k}`, `delta_p_meet_${k}`, `rag_move_${k}`);
  });
  columns.push('shortfall_from', 'net_cost', 'reds');
  const out = rows.map((r) => {
    const row: Record<string, string | number | null> = {
      rank: r.rank,
      area: r.area,
      name: r.name,
    };
    outcomes.forEach(({ metric }, i) => {
      const k = i + 1;
      const o = r.outcomes.find((x) => x.metric === metric);
      row[`mean_${k}`] = o ? o.mean : null;
      row[`p_meet_${k}`] = o ? o.pMeet : null;
      row[`rag_${k}`] = o ? (table ? RAG_MARK[o.rag] : o.rag) : null;
      row[`delta_p_meet_${k}`] =
        o?.deltaPMeet == null ? (table ? '–' : null) : table ? signed(o.deltaPMeet) : o.deltaPMeet;
      row[`rag_move_${k}`] =
        o?.previousRag == null
          ? table
            ? '–'
            : null
          : o.previousRag === o.rag
            ? table
              ? '='
              : 'same'
            : table
              ? `${RAG_MARK[o.previousRag]} → ${RAG_MARK[o.rag]}`
              : `${o.previousRag}->${o.rag}`;
    });
    row.shortfall_from = r.shortfall
      ? table
        ? `${r.shortfall.year} ${r.shortfall.resource}`
        : `${r.shortfall.year} ${r.shortfall.resource}`
      : table
        ? '–'
        : r.capacityStated
          ? 'none'
          : null;
    row.net_cost = r.netCost;
    row.reds = r.reds;
    return row;
  });
  return { columns, rows: out };
}

/** The outcome numbered k in the league table's columns, for the key under it. */
function outcomeKey(rows: readonly LeagueRow[]): string {
  return leagueOutcomes(rows)
    .map((o, i) => `  ${i + 1}: ${o.label}${o.label === o.metric ? '' : ` (${o.metric})`}`)
    .join('\n');
}

interface CommonFlags {
  threads?: string;
  quiet?: boolean;
}

/** The `exercise` command. */
export function exerciseCommand(io: CliIo): Command {
  const command = new Command('exercise')
    .description('A regional simulation exercise: areas played round by round, with events')
    .addHelpText(
      'after',
      `
Examples:
  $ wcc exercise init data/exercises/north-east.yaml --state ex.json
  $ wcc exercise round ex.json --events data/exercises/winter-surge.yaml
  $ wcc exercise round ex.json --events data/exercises/budget-cut.yaml
  $ wcc exercise status ex.json
  $ wcc exercise round ex.json --undo
  $ wcc report ex.json --html exercise.html`,
    );

  command.addCommand(
    subcommand(io, 'init')
      .description("Set an exercise up and run every area's plan (round 0)")
      .argument('<exercise>', 'the exercise file (YAML or JSON)')
      .option('--state <file>', 'the state file to write (required)')
      .option('--force', 'replace an existing state file (its rounds are lost)')
      .option('--threads <n>', 'worker threads (default: the cores available)')
      .option('-q, --quiet', 'no progress bar or note')
      .addHelpText(
        'after',
        `
The exercise file names the region (a region or ICB code, or a list of area codes), horizon,
replicates and seed; optionally base_year (default 2023), a shared plan template (plan: scenario
fields such as interventions, levers, capacity, plan) and per-area scenario files (plans: {CODE:
file.yaml}) whose fields replace the template's for that area (its capacity, say). An area with
no plan block gets the compulsory outcomes as targets at England's
base-year values as the model computes them: male life expectancy at birth (higher is better)
and its slope index of inequality (lower is better), both for the last year.

Example:
  $ wcc exercise init data/exercises/north-east.yaml --state ex.json`,
      )
      .action(async (file: string, flags: CommonFlags & { state?: string; force?: boolean }) => {
        if (flags.state === undefined)
          throw invalidOption('--state', 'the state file to write, e.g. --state ex.json', '(none)');
        const statePath = resolve(io.cwd, flags.state);
        checkOutputPath(statePath, 'option --state');
        if (existsSync(statePath) && flags.force !== true)
          throw invalidOption(
            '--state',
            'a file that does not exist yet (an existing exercise and its rounds would be lost; add --force to replace it)',
            flags.state,
          );
        const input = parseExercise(readDataFile(io, file, 'exercise file'), file);
        const folder = dirname(resolve(io.cwd, file));
        const planFiles: Record<string, Record<string, unknown>> = {};
        for (const [code, plan] of Object.entries(input.plans ?? {})) {
          const read = readDataFile(io, resolve(folder, plan), `plan file of ${code}`);
          if (read === null || typeof read !== 'object' || Array.isArray(read))
            throw new InputError(
              `plan file of ${code} (${plan}): expected a mapping of scenario fields, found ${describeValue(read)}`,
            );
          planFiles[code] = read as Record<string, unknown>;
        }
        const threads = parseThreads(flags.threads, defaultThreads);
        const { bar, onProgress } = areaProgress(
          io,
          'init',
          flags.quiet === true,
          input.replicates,
        );
        const state = await interruptible((signal) =>
          initExercise(input, file, planFiles, { threads, onProgress, signal }),
        ).finally(() => bar.stop());
        writeFileAtomic(statePath, stateText(state));
        if (flags.quiet !== true)
          io.err(
            `wcc: wrote ${flags.state}: ${state.setup.name}, ${state.setup.areas.length} areas, round 0 of ${state.setup.horizon}\n`,
          );
      }),
  );

  command.addCommand(
    subcommand(io, 'round')
      .description('Advance the exercise one year, with events; or --undo the last round')
      .argument('<state>', 'the state file (from wcc exercise init)')
      .option('--events <file>', 'the events of this round (YAML or JSON)')
      .option('--undo', 'roll back the last round instead')
      .option('--threads <n>', 'worker threads (default: the cores available)')
      .option('-q, --quiet', 'no progress bar or note')
      .addHelpText(
        'after',
        `
A round is a year that happens: one replicate, drawn from the exercise's seed and the round
number, is revealed as what occurred in that year, and every area's remaining years are projected
again from that realised state (with the events so far applied, on the same replicates), so the
years that happened have no spread. P(meet) and RAG are recomputed from the re-projection.

An events file says which round it is for (round: N, the next round; a round already applied is
refused) and lists events, each with a name, a kind, the year it happens (this round's year or
later) and the areas it hits ("all" or area codes):
  demand_surge  setting (default nel_admissions), effect (share added, a distribution), duration
  budget_cut    intervention (its name), cut (share of its budget and effect, from the year)
  capacity      resource (beds, theatre_sessions, clinic_sessions, gp_wte), change (units, ±)
  intervention  intervention (a scenario intervention block)
  assumption    assumption (a scenario assumption name), value (a distribution)
Distributions are written as in scenario files: a number, [low, high] (80 % interval) or
{dist: pert, min: …, mode: …, max: …}.

Examples:
  $ wcc exercise round ex.json                       # a year happens, no events
  $ wcc exercise round ex.json --events data/exercises/winter-surge.yaml
  $ wcc exercise round ex.json --undo`,
      )
      .action(async (file: string, flags: CommonFlags & { events?: string; undo?: boolean }) => {
        const statePath = resolve(io.cwd, file);
        const state = loadState(io, file);
        if (flags.undo === true) {
          if (flags.events !== undefined)
            throw invalidOption('--events', 'no events with --undo', flags.events);
          const undone = undoExercise(state);
          writeFileAtomic(statePath, stateText(undone));
          if (flags.quiet !== true)
            io.err(`wcc: rolled ${file} back to round ${undone.rounds.length - 1}\n`);
          return;
        }
        const events =
          flags.events === undefined
            ? undefined
            : parseEvents(readDataFile(io, flags.events, 'events file'), flags.events);
        const threads = parseThreads(flags.threads, defaultThreads);
        const { bar, onProgress } = areaProgress(
          io,
          'round',
          flags.quiet === true,
          state.setup.replicates,
        );
        const next = await interruptible((signal) =>
          advanceExercise(state, events, flags.events ?? 'round', {
            threads,
            onProgress,
            signal,
          }),
        ).finally(() => bar.stop());
        writeFileAtomic(statePath, stateText(next));
        const round = next.rounds.at(-1);
        if (flags.quiet !== true && round)
          io.err(
            `wcc: round ${round.round} (${round.year}, replicate ${round.draw ?? '–'} revealed, ${round.events.length} events) written to ${file}\n`,
          );
      }),
  );

  command.addCommand(
    subcommand(io, 'status')
      .description('The league table: P(meet) and RAG per area, changes since the last round')
      .argument('<state>', 'the state file')
      .option('--format <format>', 'table, csv or json (default table)')
      .addHelpText(
        'after',
        `
One row per area, most at risk first (most red outcomes, then the lowest P(meet)). For each plan
outcome k: mean_k (the projected mean in the target year), p_meet_k, rag_k (G ●, A ◐, R ○ in tables), delta_p_meet_k and rag_move_k (the change
since the previous round); shortfall_from is the first year a capacity shortfall is more likely
than not (– where the area states no capacity or none is likely); net_cost is the mean net cost
(£ 2023/24) in the last year.

Examples:
  $ wcc exercise status ex.json
  $ wcc exercise status ex.json --format csv > league.csv`,
      )
      .action((file: string, flags: { format?: string }) => {
        const format = parseOutputFormat(flags.format);
        const state = loadState(io, file);
        const league = leagueTable(state);
        const { columns, rows } = leagueRows(league, format === 'table');
        if (format !== 'table') {
          io.out(formatRows(format, columns, rows));
          return;
        }
        const round = state.rounds.at(-1);
        io.out(
          `${state.setup.name}: ${state.setup.areas.length} areas, round ${round?.round ?? 0} of ${state.setup.horizon} (realised to ${round?.year ?? state.setup.baseYear}), ${state.setup.replicates} replicates, seed ${state.setup.seed}\n`,
        );
        io.out(`Outcomes:\n${outcomeKey(league)}\n\n`);
        io.out(formatRows('table', columns, rows, { digits: 4 }));
      }),
  );
  return command;
}
