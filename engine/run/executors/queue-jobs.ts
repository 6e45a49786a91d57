/**
 * The job protocol of the distributed queue: what a submitted chunk carries and what a worker
 * returns. Jobs carry the wcc version, the scenario hash and the data digest, and a worker whose
 * own differ refuses the job, so every result of a run comes from the same code and data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { dataDigest } from '../../io/data-digest.js';
import { packageRoot } from '../../io/paths.js';
import type { ChunkTask } from '../types.js';

/** BullMQ queue name and key prefix of wcc's chunk jobs. */
export const QUEUE_NAME = 'chunks';
export const QUEUE_PREFIX = 'wcc';

/** What a job must match in the worker that runs it. */
export interface JobIdentity {
  /** wcc version (package.json). */
  readonly version: string;
  /** SHA-256 of the built data (`dataDigest`). */
  readonly dataDigest: string;
}

/** A chunk job's data (JSON in Redis). */
export interface ChunkJobData extends JobIdentity {
  /** The run that submitted the job: its key (`runKey`) exists while the run waits for results. */
  readonly run: string;
  /** SHA-256 of the area's scenario payload (`scenarioHash`), checked by the worker. */
  readonly scenarioHash: string;
  readonly area: string;
  readonly from: number;
  readonly to: number;
  /** The task as structured-clone bytes (base64), as a worker thread receives it. */
  readonly task: string;
}

/**
 * A chunk job's return value (JSON in Redis). The result bytes themselves are stored under
 * their own key, not in the return value: the queue's event stream keeps the return values of
 * its last ~10,000 events, which would hold every chunk of a large run.
 */
export interface ChunkJobResult {
  readonly scenarioHash: string;
  /** The Redis key of the chunk's result bytes (`encodeChunkResult`; removed by the submitter once read). */
  readonly key: string;
  /** Their length in bytes. */
  readonly length: number;
  /** Which worker ran it (host:pid), for messages. */
  readonly worker: string;
}

/** The Redis key of a job's result bytes. */
export function resultKey(jobId: string): string {
  return `${QUEUE_PREFIX}:${QUEUE_NAME}:result:${jobId}`;
}

/**
 * The Redis key that marks a run as live: set before its jobs are added, removed when the run
 * ends, so that workers skip the jobs of a run that has failed or been interrupted.
 */
export function runKey(run: string): string {
  return `${QUEUE_PREFIX}:${QUEUE_NAME}:run:${run}`;
}

/** How long a run's key lasts should its submitter vanish without removing it (ms). */
export const RUN_TTL_MS = 7 * 24 * 3600 * 1000;

/** How long unread result bytes stay in Redis (ms), should their submitter have gone. */
export const RESULT_TTL_MS = 24 * 3600 * 1000;

let own: JobIdentity | undefined;

/** This installation's identity: its wcc version and its data digest. */
export function ownIdentity(): JobIdentity {
  if (own) return own;
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  own = { version: pkg.version, dataDigest: dataDigest() };
  return own;
}

/** The name this process goes by in job results and refusals. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** SHA-256 (hex) of a scenario payload: its JSON text. */
export function scenarioHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/** Module URLs travel relative to the package root, so another installation finds its own copy. */
const PACKAGE_SCHEME = 'wcc-package:';

/**
 * Encodes a task of run `run` for a job, with its module relative to the package root where it
 * lies inside.
 */
export function encodeJob(task: ChunkTask, identity: JobIdentity, run: string): ChunkJobData {
  let module = task.module;
  if (module.startsWith('file:')) {
    const rel = relative(packageRoot(), fileURLToPath(module));
    if (!rel.startsWith('..')) module = PACKAGE_SCHEME + rel.split(sep).join('/');
  }
  return {
    ...identity,
    run,
    scenarioHash: scenarioHash(task.payload),
    area: task.area,
    from: task.from,
    to: task.to,
    task: serialize({ ...task, module }).toString('base64'),
  };
}

/** Decodes a job's task, resolving its module in this installation. */
export function decodeJobTask(data: ChunkJobData): ChunkTask {
  const task = deserialize(Buffer.from(data.task, 'base64')) as ChunkTask;
  if (!task.module.startsWith(PACKAGE_SCHEME)) return task;
  const file = join(packageRoot(), ...task.module.slice(PACKAGE_SCHEME.length).split('/'));
  return { ...task, module: pathToFileURL(file).href };
}

/**
 * Why this installation must refuse a job (undefined if it may run it): a different wcc
 * version or data digest, a task whose payload does not hash to the job's scenario hash, or a
 * model module outside this installation (a worker imports only its own code, whoever can
 * write to the queue).
 */
export function refusal(
  data: ChunkJobData,
  task: ChunkTask,
  mine: JobIdentity,
): string | undefined {
  const problems: string[] = [];
  if (!task.module.startsWith(pathToFileURL(packageRoot()).href + '/'))
    problems.push(`the job's model module ${task.module} is not part of wcc`);
  if (data.version !== mine.version)
    problems.push(`the job needs wcc ${data.version}, this worker has ${mine.version}`);
  if (data.dataDigest !== mine.dataDigest)
    problems.push(
      `the job needs data ${data.dataDigest.slice(0, 12)}, this worker has ${mine.dataDigest.slice(0, 12)}`,
    );
  const hash = scenarioHash(task.payload);
  if (data.scenarioHash !== hash)
    problems.push(
      `the job's scenario hash is ${data.scenarioHash.slice(0, 12)} but its scenario hashes to ${hash.slice(0, 12)}`,
    );
  return problems.length === 0
    ? undefined
    : `refused by worker ${workerName()}: ${problems.join('; ')}`;
}
