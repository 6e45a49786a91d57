/**
 * The list of wcc subcommands. Each module exports one factory `(io) => Command`; add a new
 * command by adding its factory here.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { indicatorsCommand } from './indicators.js';
import { runCommand } from './run.js';
import { areasCommand } from './areas.js';
import { dataCommand } from './data.js';
import { backtestCommand } from './backtest.js';
import { schemaCommand } from './schema.js';
import { benchCommand } from './bench.js';
import { prevalenceCommand } from './prevalence.js';
import { demandCommand } from './demand.js';
import { mergeCommand } from './merge.js';
import { compareCommand } from './compare.js';
import { metricsCommand } from './metrics.js';
import { targetsCommand } from './targets.js';
import { solveCommand } from './solve.js';
import { workerCommand } from './worker.js';
import { peersCommand } from './peers.js';
import { scorecardCommand } from './scorecard.js';
import { reportCommand } from './report.js';
import { outcomesCommand } from './outcomes.js';
import { exerciseCommand } from './exercise.js';

/** A subcommand factory. */
export type CommandFactory = (io: CliIo) => Command;

/** Every subcommand, in the order `wcc --help` lists them. */
export const commandFactories: readonly CommandFactory[] = [
  runCommand,
  targetsCommand,
  scorecardCommand,
  peersCommand,
  solveCommand,
  exerciseCommand,
  reportCommand,
  compareCommand,
  mergeCommand,
  workerCommand,
  backtestCommand,
  indicatorsCommand,
  areasCommand,
  metricsCommand,
  prevalenceCommand,
  outcomesCommand,
  demandCommand,
  dataCommand,
  benchCommand,
  schemaCommand,
];
