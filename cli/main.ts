#!/usr/bin/env node
/** Entry point of the `wcc` binary. */
import { processIo } from './io.js';
import { runCli } from './program.js';

// A closed pipe (`wcc … | head`) ends output quietly rather than with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
