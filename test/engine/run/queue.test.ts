import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationError } from '../../../engine/errors.js';
import { queueExecutor } from '../../../engine/run/executors/queue.js';
import { ownIdentity } from '../../../engine/run/executors/queue-jobs.js';
import { parseQueueUrl } from '../../../engine/run/executors/queue-url.js';
import { runMonteCarlo, type RunUnit } from '../../../engine/run/run.js';
import {
  runScenario,
  scenarioMetrics,
  type RunScenarioOptions,
} from '../../../models/run-scenario.js';
import { chainUnit } from './chain-unit.js';
import { parseScenario } from '../../../models/scenario/schema.js';
import {
  startRedis,
  startWorker,
  stopWorkers,
  waitForOutput,
  type TestRedis,
} from './redis-server.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-queue-'));
// The whole chain for two areas: a worker's first job of an area takes about a second (it
// prepares the area), so a worker killed after starting a job is surely killed mid-job.
const scenario = parseScenario({
  model: 'demand',
  area: ['E06000001', 'E09000001'],
  replicates: 120,
  seed: 11,
  horizon: 3,
});

let redis: TestRedis;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 20_000);

afterAll(async () => {
  await stopWorkers(workers);
  await redis.stop();
}, 20_000);

async function localRun(name: string) {
  const outPath = join(dir, name);
  const result = await runScenario(scenario, { threads: 0, outPath });
  return { bytes: readFileSync(outPath), result };
}

/** Runs the scenario on the test queue in chunks of `chunkSize`, writing `outPath`. */
function runOnQueue(
  outPath: string,
  chunkSize: number,
  more: Pick<RunScenarioOptions, 'onProgress' | 'failAt' | 'signal' | 'memoryBudget'> = {},
) {
  return runScenario(scenario, {
    threads: 2,
    chunkSize,
    outPath,
    queue: parseQueueUrl(redis.url, 'queue'),
    ...more,
  });
}

/** The keys of the run queue's jobs and results still in Redis (its bookkeeping aside). */
async function queueKeys(): Promise<string[]> {
  const client = new Redis(redis.port, '127.0.0.1');
  try {
    const keys = await client.keys('wcc:chunks:*');
    return keys
      .filter((k) => /:result:|:[0-9a-f-]{36}(\.\d+)+$|:wait$|:active$|:prioritized$/.test(k))
      .sort();
  } finally {
    client.disconnect();
  }
}

/** The queue's keys once no job or result is left, waiting up to 5 s for running jobs to end. */
async function settledQueueKeys(): Promise<string[]> {
  let keys = await queueKeys();
  for (let i = 0; i < 50 && keys.length > 0; ++i) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    keys = await queueKeys();
  }
  return keys;
}

/** Collects everything a child writes to stderr. */
function logOf(child: ChildProcess): { text: string } {
  const log = { text: '' };
  child.stderr?.on('data', (chunk: Buffer) => (log.text += chunk.toString()));
  return log;
}

describe('runs on a BullMQ queue', () => {
  it('gives, on two workers, the same Arrow bytes and summaries as a local run', async () => {
    const local = await localRun('local.arrow');
    const a = startWorker(redis.url);
    const b = startWorker(redis.url);
    workers.push(a, b);
    const logs = [logOf(a), logOf(b)];
    await Promise.all([a, b].map((w) => waitForOutput(w, /waiting for jobs/)));
    const outPath = join(dir, 'queue.arrow');
    const progress: number[] = [];
    const result = await runOnQueue(outPath, 20, { onProgress: (done) => progress.push(done) });
    expect(readFileSync(outPath).equals(local.bytes)).toBe(true);
    expect(result.summaries).toEqual(local.result.summaries);
    // Progress came from the queue's completion events, one per job (2 areas × 6 chunks).
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toBe(240);
    // Both workers took jobs.
    for (const log of logs) expect(log.text).toMatch(/area E0\d+, replicates \d+:\d+/);
    // Nothing is left in Redis: no job, no result bytes.
    expect(await queueKeys()).toEqual([]);
    // Beyond its memory budget the run takes further passes on the queue, to the same results.
    const passes = join(dir, 'queue-passes.arrow');
    const streamed = await runOnQueue(passes, 20, { memoryBudget: 1 });
    expect(readFileSync(passes).equals(local.bytes)).toBe(true);
    expect(streamed.summaries).toEqual(local.result.summaries);
    expect(await queueKeys()).toEqual([]);
    await stopWorkers([a, b]);
  }, 90_000);

  it('finds the results by sweeping the queue when their completion events are missed', async () => {
    const s = parseScenario({ model: 'population', area: 'E06000001', horizon: 2, seed: 3 });
    const options = {
      units: [chainUnit('E06000001', s)],
      from: 0,
      to: 60,
      threads: 0,
      chunkSize: 15,
      metrics: scenarioMetrics(s),
    };
    const local = await runMonteCarlo({ ...options, outPath: join(dir, 'unswept.arrow') });
    const worker = startWorker(redis.url);
    workers.push(worker);
    await waitForOutput(worker, /waiting for jobs/);
    const executor = queueExecutor(parseQueueUrl(redis.url, 'queue'), {
      ignoreCompletions: true,
      sweepMs: 200,
    });
    const swept = await runMonteCarlo({ ...options, outPath: join(dir, 'swept.arrow') }, executor);
    expect(
      readFileSync(join(dir, 'swept.arrow')).equals(readFileSync(join(dir, 'unswept.arrow'))),
    ).toBe(true);
    expect(swept).toEqual(local);
    expect(await queueKeys()).toEqual([]);
    await stopWorkers([worker]);
  }, 60_000);

  it('gives the identical file when a worker is killed mid-job (its job runs again elsewhere)', async () => {
    const local = await localRun('local-2.arrow');
    const doomed = startWorker(redis.url);
    workers.push(doomed);
    await waitForOutput(doomed, /waiting for jobs/);
    const outPath = join(dir, 'killed.arrow');
    const run = runOnQueue(outPath, 30);
    const started = await waitForOutput(doomed, /job (\S+): area/);
    const job = /job (\S+): area/.exec(started)![1]!;
    doomed.kill('SIGKILL');
    const rescuer = startWorker(redis.url);
    workers.push(rescuer);
    const log = logOf(rescuer);
    await run;
    expect(readFileSync(outPath).equals(local.bytes)).toBe(true);
    // The killed worker's job was run again by the other worker.
    expect(log.text).toContain(`job ${job}: done`);
    expect(await queueKeys()).toEqual([]);
    await stopWorkers([rescuer]);
  }, 90_000);

  it('fails with exit 3 when a worker refuses a job of another wcc version, and writes nothing', async () => {
    const worker = startWorker(redis.url);
    workers.push(worker);
    await waitForOutput(worker, /waiting for jobs/);
    const units: RunUnit[] = [chainUnit('E06000001', parseScenario({ area: 'E06000001' }))];
    const outPath = join(dir, 'refused.arrow');
    const executor = queueExecutor(parseQueueUrl(redis.url, 'queue'), {
      identity: { ...ownIdentity(), version: '0.0.0-other' },
    });
    const run = runMonteCarlo(
      { units, from: 0, to: 10, threads: 1, metrics: [], outPath },
      executor,
    );
    await expect(run).rejects.toBeInstanceOf(SimulationError);
    await expect(run).rejects.toThrow(
      /simulation failed for area E06000001, replicates 0:\d+: refused by worker \S+: the job needs wcc 0\.0\.0-other, this worker has \d+\.\d+\.\d+$/,
    );
    expect(existsSync(outPath)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('refused'))).toEqual([]);
    // The run's other jobs were withdrawn (or refused in turn): none is left.
    expect(await settledQueueKeys()).toEqual([]);
    await stopWorkers([worker]);
  }, 60_000);

  it("fails with the worker's simulation error, leaving no job, result or file behind", async () => {
    const worker = startWorker(redis.url);
    workers.push(worker);
    await waitForOutput(worker, /waiting for jobs/);
    const outPath = join(dir, 'failing.arrow');
    const run = runOnQueue(outPath, 10, { failAt: 35 });
    await expect(run).rejects.toBeInstanceOf(SimulationError);
    await expect(run).rejects.toThrow(
      /^simulation failed for area E06000001, replicates 30:40: test failure requested at replicate 35 \(worker \S+\)$/,
    );
    expect(readdirSync(dir).filter((f) => f.includes('failing'))).toEqual([]);
    // The jobs the worker had not finished are withdrawn or skipped: none is left.
    expect(await settledQueueKeys()).toEqual([]);
    await stopWorkers([worker]);
  }, 60_000);

  it('withdraws its jobs when interrupted, leaving the queue empty', async () => {
    const controller = new AbortController();
    const outPath = join(dir, 'interrupted.arrow');
    expect(await queueKeys()).toEqual([]);
    // No worker serves the queue: the jobs wait until the run is interrupted.
    const run = runOnQueue(outPath, 20, { signal: controller.signal });
    for (let i = 0; i < 100 && (await queueKeys()).length === 0; ++i)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await queueKeys()).length).toBeGreaterThan(0);
    controller.abort();
    await expect(run).rejects.toThrow('interrupted');
    expect(await queueKeys()).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('interrupted'))).toEqual([]);
  }, 60_000);
});
