/** The machine, Node.js and commit a benchmark run is on (the `meta` of its record). */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { packageRoot } from '../engine/io/paths.js';
import type { BenchMeta } from './record.js';

/** The checked-out commit (`git rev-parse HEAD`), or "unknown" outside a git checkout. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: packageRoot(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * The metadata of a run starting now.
 * @param quick - whether it is a `--quick` run
 * @param filter - the `--filter` substring, if any
 */
export function benchMeta(quick: boolean, filter: string | undefined): BenchMeta {
  return {
    commit: gitCommit(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    loadAverage: loadavg()[0] ?? 0,
    date: new Date().toISOString(),
    quick,
    filter: filter ?? null,
  };
}
