import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import {
  CLI,
  exitOf,
  startRedis,
  startWorker,
  stopWorkers,
  waitForOutput,
} from '../engine/run/redis-server.js';

async function wcc(dir: string, ...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A Redis URL on which nothing listens: a server started and stopped again. */
async function deadUrl(): Promise<string> {
  const redis = await startRedis();
  await redis.stop();
  return redis.url;
}

describe('wcc worker', () => {
  it('has help with examples', async () => {
    const r = await wcc(tmpdir(), 'worker', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--queue <redis-url>');
    expect(r.stdout).toContain('$ wcc worker --queue redis://10.0.0.5:6379');
  });

  it('rejects a queue that is not a Redis URL with exit 2', async () => {
    const r = await wcc(tmpdir(), 'worker', '--queue', 'http://127.0.0.1:6379');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'wcc: option --queue: expected a Redis URL redis://HOST:PORT or redis://HOST:PORT/DB, found "http://127.0.0.1:6379"\n',
    );
  });

  it('exits 3 with a clear message when Redis cannot be reached', async () => {
    const url = await deadUrl();
    const r = await wcc(tmpdir(), 'worker', '--queue', url, '--threads', '0');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(
        `^wcc: queue ${url}: cannot reach Redis \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\); is redis-server running there\\?\\n$`,
      ),
    );
  }, 20_000);

  it('serves jobs until Ctrl-C, then exits 130', async () => {
    const redis = await startRedis();
    const worker = startWorker(redis.url);
    try {
      await waitForOutput(worker, /waiting for jobs/);
      worker.kill('SIGINT');
      expect(await exitOf(worker)).toBe(130);
    } finally {
      await stopWorkers([worker]);
      await redis.stop();
    }
  }, 30_000);
});

describe('wcc run on each executor', () => {
  it('runs in-process with --threads 0, printing what a thread pool prints', async () => {
    const args = [
      'run',
      '--model',
      'population',
      '--area',
      'E06000001',
      '--runs',
      '40',
      '--format',
      'csv',
      '-q',
    ];
    const inProcess = await wcc(tmpdir(), ...args, '--threads', '0');
    const pool = await wcc(tmpdir(), ...args, '--threads', '1', '--chunk-size', '7');
    expect(inProcess.code).toBe(0);
    expect(inProcess.stdout).toBe(pool.stdout);
    expect(inProcess.stdout.split('\n')[0]).toBe(
      'area,year,metric,unit,mean,p2_5,p10,p50,p90,p97_5',
    );
  }, 30_000);

  it('exits 3 with a clear message and writes nothing when Redis is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcc-queue-cli-'));
    const url = await deadUrl();
    const r = await wcc(dir, 'run', '--runs', '50', '--queue', url, '--out', 'run.arrow', '-q');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(`^wcc: queue ${url}: cannot reach Redis \\(connect ECONNREFUSED`),
    );
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  }, 20_000);

  it('exits 3 and leaves no partial file when Redis stops during the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcc-queue-lost-'));
    const redis = await startRedis();
    // No worker serves the queue: the run waits until Redis goes away.
    const run = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--model',
        'population',
        '--area',
        'E06000001',
        '--queue',
        redis.url,
        '--out',
        'run.arrow',
        '-q',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) {
            clearInterval(poll);
            resolve();
          }
        }, 50);
      });
      // Let the jobs reach the queue, then stop Redis.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await redis.stop();
      expect(await exitOf(run)).toBe(3);
      expect(stderr).toMatch(
        new RegExp(`^wcc: queue ${redis.url}: lost the connection to Redis \\(.+\\)\\n$`),
      );
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      run.kill('SIGKILL');
      await redis.stop();
    }
  }, 30_000);
});
