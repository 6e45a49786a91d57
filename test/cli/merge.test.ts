import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-merge-'));
const scenario = join(dir, 'plan.yaml');
writeFileSync(
  scenario,
  'model: population\narea: [E06000001, E06000002]\nreplicates: 2500\nhorizon: 2\nseed: 9\n',
);

async function wcc(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('wcc merge', () => {
  it('joins replicate slices into exactly the file and summary of the whole run', async () => {
    const whole = await wcc('run', scenario, '--out', 'whole.arrow', '--format', 'csv', '-q');
    await wcc('run', scenario, '--replicates', '1700:2500', '--out', 'b.arrow', '-q');
    await wcc('run', scenario, '--replicates', '0:1700', '--out', 'a.arrow', '-q');
    const merged = await wcc(
      'merge',
      'b.arrow',
      'a.arrow',
      '--out',
      'merged.arrow',
      '--format',
      'csv',
    );
    expect(merged.code).toBe(0);
    expect(merged.stderr).toContain('merged replicates 0:2500 of 2 area(s) from 2 file(s)');
    expect(
      readFileSync(join(dir, 'merged.arrow')).equals(readFileSync(join(dir, 'whole.arrow'))),
    ).toBe(true);
    expect(merged.stdout).toBe(whole.stdout);
  }, 60_000);

  it('refuses overlapping or incomplete slices, other areas, and files that are not results', async () => {
    await wcc('run', scenario, '--replicates', '0:100', '--out', 'p.arrow', '-q');
    await wcc('run', scenario, '--replicates', '50:150', '--out', 'q.arrow', '-q');
    await wcc('run', scenario, '--replicates', '200:300', '--out', 'r.arrow', '-q');
    await wcc(
      'run',
      scenario,
      '--area',
      'E06000003',
      '--replicates',
      '100:200',
      '--out',
      's.arrow',
      '-q',
    );
    writeFileSync(join(dir, 'junk.arrow'), 'not arrow');
    const cases: [string[], RegExp][] = [
      [['p.arrow', 'q.arrow'], /p\.arrow \(replicates 0:100\) and .*q\.arrow \(50:150\) overlap/],
      [['p.arrow', 'r.arrow'], /replicates 100:200 are missing between/],
      [
        ['p.arrow', 's.arrow'],
        // Another area is another scenario: the run's description already tells them apart.
        /s\.arrow comes from another run than .*p\.arrow: its scenario differs/,
      ],
      [['junk.arrow'], /junk\.arrow: expected an Arrow IPC file written by wcc run --out/],
      [['none.arrow'], /none\.arrow: cannot be read/],
    ];
    for (const [files, message] of cases) {
      const r = await wcc('merge', ...files, '--out', 'never.arrow');
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'never.arrow'))).toBe(false);
  }, 60_000);
});
