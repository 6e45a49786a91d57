import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../engine/io/paths.js';
import {
  decodeJobTask,
  encodeJob,
  ownIdentity,
  refusal,
  scenarioHash,
} from '../../../engine/run/executors/queue-jobs.js';
import type { ChunkTask } from '../../../engine/run/types.js';

const module = pathToFileURL(join(packageRoot(), 'dist', 'models', 'chain', 'simulation.js')).href;
const task: ChunkTask = {
  module,
  // Values JSON would lose: a structured clone keeps them.
  payload: { seed: 7, shift: -0, bounds: [Number.NEGATIVE_INFINITY, Number.NaN] },
  cacheKey: 'k',
  area: 'E06000001',
  from: 10,
  to: 20,
  mode: 'values',
};
const identity = { version: '1.2.3', dataDigest: 'ab'.repeat(32) };

describe('chunk jobs', () => {
  it('carry the identity, the scenario hash and the task, which decodes to the same task', () => {
    const job = encodeJob(task, identity, 'run-1');
    expect(job).toMatchObject({ ...identity, run: 'run-1', area: 'E06000001', from: 10, to: 20 });
    expect(job.scenarioHash).toBe(
      createHash('sha256').update(JSON.stringify(task.payload)).digest('hex'),
    );
    // The module travels relative to the package root and comes back as this installation's.
    expect(Buffer.from(job.task, 'base64').toString('latin1')).toContain(
      'wcc-package:dist/models/chain/simulation.js',
    );
    const back = decodeJobTask(JSON.parse(JSON.stringify(job)) as typeof job);
    expect(back).toEqual(task);
    expect(Object.is((back.payload as { shift: number }).shift, -0)).toBe(true);
  });

  it('are refused when their model module is not part of wcc', () => {
    for (const module of ['file:///elsewhere/model.js', 'data:text/javascript,0']) {
      const job = encodeJob({ ...task, module }, identity, 'run-1');
      const decoded = decodeJobTask(job);
      expect(decoded.module).toBe(module);
      expect(refusal(job, decoded, identity)).toMatch(
        new RegExp(`^refused by worker \\S+: the job's model module ${module} is not part of wcc$`),
      );
    }
  });

  it('are refused, with every reason, when the version, data or scenario differ', () => {
    const job = encodeJob(task, identity, 'run-1');
    expect(refusal(job, task, identity)).toBeUndefined();
    const other = { version: '1.2.4', dataDigest: 'cd'.repeat(32) };
    expect(refusal(job, task, other)).toMatch(
      /^refused by worker \S+:\d+: the job needs wcc 1\.2\.3, this worker has 1\.2\.4; the job needs data abababababab, this worker has cdcdcdcdcdcd$/,
    );
    const tampered = { ...task, payload: { seed: 8 } };
    expect(refusal(job, tampered, identity)).toMatch(
      new RegExp(
        `^refused by worker \\S+: the job's scenario hash is ${job.scenarioHash.slice(0, 12)} but its scenario hashes to ${scenarioHash({ seed: 8 }).slice(0, 12)}$`,
      ),
    );
  });

  it("use this installation's version and data digest", () => {
    expect(ownIdentity().version).toMatch(/^\d+\.\d+\.\d+/);
    expect(ownIdentity().dataDigest).toMatch(/^[0-9a-f]{64}$/);
  });
});
