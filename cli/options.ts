/**
 * Parsers of command-line option values, each throwing a clear InputError (exit 2) that names
 * the option, what was expected and what was found. Tested on their own.
 */
import { invalidOption } from '../engine/errors.js';
import type { OutputFormat } from './format.js';
import { MAX_REPLICATES } from '../models/scenario/schema.js';

/** A whole number in [min, max]. */
export function parseInteger(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    throw invalidOption(option, `a whole number from ${min} to ${max}`, text);
  return value;
}

/** `a:b`, replicates a … b − 1 with 0 ≤ a < b ≤ max. */
export function parseReplicateRange(
  option: string,
  text: string,
  max: number,
): { from: number; to: number } {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  const from = match ? Number(match[1]) : NaN;
  const to = match ? Number(match[2]) : NaN;
  if (!match || !(from < to) || to > max)
    throw invalidOption(option, `a range a:b of replicates with 0 ≤ a < b ≤ ${max}`, text);
  return { from, to };
}

/** A comma-separated list of non-empty items. */
export function parseList(option: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw invalidOption(option, 'a comma-separated list of codes', text);
  return items;
}

/**
 * One of the formats a command offers; the error lists every one of them, so `allowed` must
 * be the command's whole list.
 */
export function parseFormat<F extends string>(
  option: string,
  text: string,
  allowed: readonly F[],
): F {
  const value = text.trim().toLowerCase();
  const found = allowed.find((format) => format === value);
  if (found === undefined) throw invalidOption(option, `one of ${allowed.join(', ')}`, text);
  return found;
}

/** The formats of a run's summary: table (every statistic), wide (a row per metric), csv, json. */
export const SUMMARY_FORMATS = ['table', 'wide', 'csv', 'json'] as const;

/** `--format` of a run's summary: one of {@link SUMMARY_FORMATS}, all listed in the error. */
export function parseSummaryFormat(text: string): (typeof SUMMARY_FORMATS)[number] {
  return parseFormat('--format', text, SUMMARY_FORMATS);
}

/** `--threads`: a count from 1 to 256, or by default the cores available. */
export function parseThreads(text: string | undefined, cores: () => number): number {
  return text === undefined ? cores() : parseInteger('--threads', text, 0, 256);
}

/** `--format` of a listing: table (default), csv or json. */
export function parseOutputFormat(text: string | undefined): OutputFormat {
  return text === undefined ? 'table' : parseFormat('--format', text, ['table', 'csv', 'json']);
}

/**
 * The scenario fields `--runs` and `--seed` override (the commands that run a scenario file):
 * `replicates` 1 … MAX_REPLICATES and `seed` a 32-bit whole number.
 */
export function parseRunOverrides(flags: { runs?: string; seed?: string }): {
  replicates?: number;
  seed?: number;
} {
  return {
    ...(flags.runs !== undefined
      ? { replicates: parseInteger('--runs', flags.runs, 1, MAX_REPLICATES) }
      : {}),
    ...(flags.seed !== undefined
      ? { seed: parseInteger('--seed', flags.seed, 0, 4294967295) }
      : {}),
  };
}
