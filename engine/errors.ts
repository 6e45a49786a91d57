/**
 * Error types and constructors used across wcc. Every error a user can cause carries a fixed
 * exit code and a message saying what was wrong, where, what was expected and what was found.
 * Keep every constructor in this module so that messages stay uniform and testable.
 */

/** Exit codes of the command line : 0 ok, 1 usage, 2 invalid input, 3 simulation failure, 130 interrupted. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_INVALID_INPUT = 2;
export const EXIT_SIMULATION = 3;
export const EXIT_INTERRUPTED = 130;

export type ExitCode =
  | typeof EXIT_OK
  | typeof EXIT_USAGE
  | typeof EXIT_INVALID_INPUT
  | typeof EXIT_SIMULATION
  | typeof EXIT_INTERRUPTED;

/** Base class of every error wcc reports to a user; `exitCode` is what the CLI exits with. */
export class WccError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = 'WccError';
    this.exitCode = exitCode;
  }
}

/** The command line was used wrongly (unknown option, missing argument). Exit 1. */
export class UsageError extends WccError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/** Input data or a scenario is invalid. Exit 2. */
export class InputError extends WccError {
  constructor(message: string) {
    super(message, EXIT_INVALID_INPUT);
    this.name = 'InputError';
  }
}

/** The simulation itself failed (a worker threw, a kernel produced NaN). Exit 3. */
export class SimulationError extends WccError {
  constructor(message: string) {
    super(message, EXIT_SIMULATION);
    this.name = 'SimulationError';
  }
}

/** The run was interrupted (Ctrl-C). Exit 130. */
export class InterruptedError extends WccError {
  constructor(message = 'interrupted') {
    super(message, EXIT_INTERRUPTED);
    this.name = 'InterruptedError';
  }
}

/** Formats a value for an error message: strings quoted, long values shortened. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'nothing';
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * An invalid value: "`where`: expected `expected`, found `actual`".
 * @param where - where the value sits (file:row:column, a scenario path, an option name)
 * @param expected - what a valid value looks like
 * @param actual - the value found
 */
export function invalidValue(where: string, expected: string, actual: unknown): InputError {
  return new InputError(`${where}: expected ${expected}, found ${describeValue(actual)}`);
}

/** An invalid command-line option value (exit 2, as the value is input): "option --x: expected …, found …". */
export function invalidOption(option: string, expected: string, actual: unknown): InputError {
  return invalidValue(`option ${option}`, expected, actual);
}

/** A required column is missing from a CSV file. */
export function missingColumn(file: string, column: string, found: readonly string[]): InputError {
  return new InputError(
    `${file}: missing column "${column}" (columns found: ${found.length ? found.join(', ') : 'none'})`,
  );
}

/** A numeric cell that is not a valid number. */
export function invalidCell(
  file: string,
  row: number,
  column: string,
  expected: string,
  actual: unknown,
): InputError {
  return invalidValue(`${file}, row ${row}, column "${column}"`, expected, actual);
}

/** A simulation failure in a replicate range, e.g. a worker that threw. */
export function simulationFailure(
  area: string,
  from: number,
  to: number,
  cause: unknown,
): SimulationError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new SimulationError(
    `simulation failed for area ${area}, replicates ${from}:${to}: ${why}`,
  );
}

/** A file that cannot be read or parsed (exit 2): "file: cannot read: why". */
export function unreadableFile(file: string, cause: unknown): InputError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new InputError(`${file}: cannot read: ${why}`);
}

/** A group of rows that is invalid as a whole, e.g. a duplicate age band (exit 2). */
export function invalidGroup(file: string, group: string, problem: string): InputError {
  return new InputError(`${file}, group ${group}: ${problem}`);
}

/** The run queue (Redis) cannot be reached or was lost (exit 3): "queue URL: problem". */
export function queueFailure(url: string, problem: string): SimulationError {
  return new SimulationError(`queue ${url}: ${problem}`);
}
