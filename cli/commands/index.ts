/**
 * The list of wcc subcommands, each loaded when asked for: a run loads only its own command's
 * modules (most of the CLI's start-up is loading modules), help and unknown names load them all.
 * Each module exports one factory `(io) => Command` named as its entry; add a new command by
 * adding its entry here (a test checks each entry's name is its command's).
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** A subcommand factory. */
export type CommandFactory = (io: CliIo) => Command;

/** A subcommand: its name, and how to load its factory. */
export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<CommandFactory>;
}

/** Every subcommand, in the order `wcc --help` lists them. */
export const commandEntries: readonly CommandEntry[] = [
  { name: 'run', load: async () => (await import('./run.js')).runCommand },
  { name: 'targets', load: async () => (await import('./targets.js')).targetsCommand },
  { name: 'scorecard', load: async () => (await import('./scorecard.js')).scorecardCommand },
  { name: 'peers', load: async () => (await import('./peers.js')).peersCommand },
  { name: 'solve', load: async () => (await import('./solve.js')).solveCommand },
  { name: 'exercise', load: async () => (await import('./exercise.js')).exerciseCommand },
  { name: 'report', load: async () => (await import('./report.js')).reportCommand },
  { name: 'compare', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'merge', load: async () => (await import('./merge.js')).mergeCommand },
  { name: 'worker', load: async () => (await import('./worker.js')).workerCommand },
  { name: 'backtest', load: async () => (await import('./backtest.js')).backtestCommand },
  { name: 'indicators', load: async () => (await import('./indicators.js')).indicatorsCommand },
  { name: 'areas', load: async () => (await import('./areas.js')).areasCommand },
  { name: 'metrics', load: async () => (await import('./metrics.js')).metricsCommand },
  { name: 'prevalence', load: async () => (await import('./prevalence.js')).prevalenceCommand },
  { name: 'outcomes', load: async () => (await import('./outcomes.js')).outcomesCommand },
  { name: 'demand', load: async () => (await import('./demand.js')).demandCommand },
  { name: 'data', load: async () => (await import('./data.js')).dataCommand },
  { name: 'bench', load: async () => (await import('./bench.js')).benchCommand },
  { name: 'schema', load: async () => (await import('./schema.js')).schemaCommand },
];
