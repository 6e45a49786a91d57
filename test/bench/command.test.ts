/** `wcc bench`: options, errors and output, on the fastest suite with --quick timings. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { parseBenchRecord } from '../../bench/record.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-bench-'));

async function run(args: readonly string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(['bench', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('wcc bench', () => {
  it('prints help with examples', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--compare <baseline.json>');
    expect(stdout).toContain('$ wcc bench --compare bench/baseline.json');
  });

  it('writes a JSON record and compares a run with it', async () => {
    const args = ['--quick', '--filter', 'cohortStep'];
    const first = await run([...args, '--json', 'now.json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^task +mean_ms +ci95_ms +rme_pct +samples +x_reference\n/);
    expect(first.stdout).toContain('kernels/cohort: cohortStep, 91 ages × 1,000');
    expect(first.stderr).toContain('wrote now.json');
    const saved = parseBenchRecord(JSON.parse(readFileSync(join(dir, 'now.json'), 'utf8')), 'x');
    expect(saved.tasks).toHaveLength(2);

    const second = await run([...args, '--compare', 'now.json']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(
      /task +baseline_ms +current_ms +ratio +verdict +reference_ratio +reference_verdict\n/,
    );
    expect(second.stdout).toContain(`commit ${saved.meta.commit.slice(0, 12)}`);
    expect(second.stdout).toContain('A --quick run is a smoke test');
  });

  it.each([
    [['--compare', 'missing.json'], 'wcc: baseline file missing.json: not found'],
    [['--compare', 'bad.json'], 'wcc: baseline file bad.json: not valid JSON'],
    [
      ['--compare', 'array.json'],
      'wcc: baseline file array.json: expected a wcc benchmark record (a JSON object), found []',
    ],
    [['--json', 'no/such/folder/out.json'], 'out.json: expected a path in an existing folder'],
    [['--quick', '--filter', 'no-such-task'], 'wcc: option --filter: expected part of a task'],
  ])('rejects %j with exit 2 and a clear message', async (args, message) => {
    writeFileSync(join(dir, 'bad.json'), '{"format": ');
    writeFileSync(join(dir, 'array.json'), '[]');
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
