/**
 * What the command line writes to and reads from, so that commands can be tested without a
 * terminal: tests pass buffers, `main.ts` passes the process streams.
 */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when standard output is a terminal (tables by default), false when piped (CSV). */
  readonly stdoutIsTTY: boolean;
  /** True when standard error is a terminal (progress bars are shown only then). */
  readonly stderrIsTTY: boolean;
  /** The working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Environment variables (NO_COLOR, WCC_THREADS …). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** An in-memory CliIo for tests: everything written is collected in `stdout` and `stderr`. */
export interface BufferedIo extends CliIo {
  stdout: string;
  stderr: string;
}

/** Creates a BufferedIo (not a terminal) rooted at `cwd`. */
export function bufferedIo(cwd: string = process.cwd()): BufferedIo {
  const io: BufferedIo = {
    stdout: '',
    stderr: '',
    out(text) {
      io.stdout += text;
    },
    err(text) {
      io.stderr += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    cwd,
    env: {},
  };
  return io;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY,
    stderrIsTTY: process.stderr.isTTY,
    cwd: process.cwd(),
    env: process.env,
  };
}
