/**
 * Test helpers for the distributed queue: a private redis-server on 127.0.0.1 (a free port, no
 * persistence) and `wcc worker` child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../../engine/io/paths.js';

/** A running redis-server. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `child` writes `pattern` to its output, or fails after `ms`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, ms = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${String(pattern)} within ${ms} ms; output: ${text}`));
    }, ms);
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) {
        cleanup();
        resolve(match[0]);
      }
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

/** Waits for `child` to exit and returns its exit code (null if killed by a signal). */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts a redis-server on 127.0.0.1 only, on a free port, with no persistence. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.once('error', () => undefined);
  await waitForOutput(child, /Ready to accept connections/, 10_000);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exitOf(child);
    },
  };
}

/** The built CLI (tests run after `npm run build`). */
export const CLI = join(packageRoot(), 'dist', 'cli', 'main.js');

/** Starts `wcc worker` on `url` with one thread and a short lock (a dead worker is seen in ~1 s). */
export function startWorker(url: string, lockDurationMs = 1000): ChildProcess {
  return spawn(
    process.execPath,
    [CLI, 'worker', '--queue', url, '--threads', '1', '--lock-duration', String(lockDurationMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** Stops workers still running (SIGKILL: the test is over) and waits for them. */
export async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await Promise.all(workers.map(exitOf));
}
