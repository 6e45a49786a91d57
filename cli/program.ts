/**
 * The wcc command-line program: a commander factory plus `runCli`, which maps every error to a
 * fixed exit code and a one-line message (never a stack trace). No maths here: commands parse
 * arguments, read files, call the public API and format results.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_SIMULATION, EXIT_USAGE, WccError } from '../engine/errors.js';
import type { CliIo } from './io.js';
import { commandEntries } from './commands/index.js';

/**
 * Builds the program; `io` receives all output. Commands throw; `runCli` reports. When `args`
 * start with a command's name, only that command is loaded (it parses and runs the same; start-up
 * is mostly loading modules), otherwise every command (help, version, unknown names).
 */
export async function createProgram(io: CliIo, args: readonly string[] = []): Promise<Command> {
  const program = new Command('wcc')
    .description(
      'Scenario and capacity modelling for health commissioners: Monte Carlo projections of ' +
        'population, disease prevalence, demand, cost, capacity and outcomes for English areas.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  $ wcc run                                   # the embedded default scenario
  $ wcc run --area E08000025 --runs 2000      # Birmingham, 2000 replicates
  $ wcc run --area all --format csv > all.csv # every local authority
  $ wcc areas leeds                           # find an area code
  $ wcc data                                  # the embedded data sets`,
  );
  const named = commandEntries.filter((entry) => entry.name === args[0]);
  const factories = await Promise.all(
    (named.length > 0 ? named : commandEntries).map((entry) => entry.load()),
  );
  for (const make of factories) {
    const command = make(io);
    command
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
      .exitOverride()
      .showHelpAfterError('(run with --help for usage)');
    program.addCommand(command);
  }
  return program;
}

/**
 * Runs the program on `args` (without the node and script names) and returns the exit code.
 * Errors are written to `io.err` as one line `wcc: message`.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const program = await createProgram(io, args);
    await program.parseAsync([...args], { from: 'user' });
    return EXIT_OK;
  } catch (error: unknown) {
    return reportError(error, io);
  }
}

/** Writes `error` as a one-line message and returns its exit code. */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message; help and version exit cleanly.
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return EXIT_OK;
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof WccError) {
    io.err(`wcc: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`wcc: internal error: ${message}\n`);
  if (io.env.WCC_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return EXIT_SIMULATION;
}
