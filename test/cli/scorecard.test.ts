import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { dataDigest } from '../../engine/io/data-digest.js';
import { writeBenchmarks } from '../../models/scorecard/cache.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-scorecard-'));
writeFileSync(
  join(dir, 'no-plan.yaml'),
  'model: population\narea: E06000009\nreplicates: 10\nseed: 3\n',
);

async function wcc(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('wcc scorecard', () => {
  it('needs a scenario or --build (exit 2)', async () => {
    const r = await wcc('scorecard');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a scenario file with a plan block, or --build/);
  });

  it('says how to build the benchmarks when the cache has none for this key (exit 2)', async () => {
    const r = await wcc('scorecard', 'no-plan.yaml', '--cache', 'empty', '--runs', '50');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /no national benchmarks for the population model, 2023\+5 years, seed 3, 50 replicates.*build them with `wcc scorecard no-plan.yaml --build --runs 50` --cache empty/,
    );
  });

  it('finds cached benchmarks by key, then asks for the plan block (exit 2)', async () => {
    const key = {
      digest: dataDigest(),
      model: 'population',
      baseYear: 2023,
      horizon: 5,
      seed: 3,
      replicates: 50,
    };
    writeBenchmarks(join(dir, 'cache'), { version: 1, key, areas: [], years: [], metrics: {} });
    const r = await wcc('scorecard', 'no-plan.yaml', '--cache', 'cache', '--runs', '50', '-q');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a plan block/);
  });

  it('refuses bad options with the option named (exit 2)', async () => {
    const r = await wcc('scorecard', '--build', '--runs', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--runs/);
  });

  it('has help naming the Monte Carlo interval, the two-level rule and examples', async () => {
    const r = await wcc('scorecard', '--help');
    expect(r.stdout).toMatch(/Monte Carlo interval/);
    expect(r.stdout).toMatch(/99\.8 %/);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ wcc scorecard --build --runs 1000/);
  });
});
