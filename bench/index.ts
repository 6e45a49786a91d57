/**
 * `npm run bench` (`node dist/bench/index.js [--json FILE] [--filter S] [--quick]
 * [--compare BASELINE.json]`): the benchmark suites, run by the same command as `wcc bench`
 * so both take the same options and print the same tables.
 */
import { processIo } from '../cli/io.js';
import { runCli } from '../cli/program.js';

process.exitCode = await runCli(['bench', ...process.argv.slice(2)], processIo());
