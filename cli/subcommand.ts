/** Helpers shared by commands with subcommands (`wcc prevalence …`, `wcc demand …`). */
import { Command } from 'commander';
import type { CliIo } from './io.js';
import type { OutputFormat } from './format.js';
import { parseFormat } from './options.js';

/** The formats of listing subcommands. */
export const LIST_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

/** `--format` of a listing subcommand (default table). */
export function listFormat(text: string | undefined): OutputFormat {
  return text === undefined ? 'table' : parseFormat('--format', text, LIST_FORMATS);
}

/** A subcommand with the program's output and exit handling (addCommand does not copy them). */
export function subcommand(io: CliIo, name: string): Command {
  return new Command(name)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
}
