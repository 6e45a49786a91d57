import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../engine/io/paths.js';

describe('wcc run interrupted', () => {
  it('stops the pool on Ctrl-C, removes its temporary file and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcc-interrupt-'));
    const child = spawn(
      process.execPath,
      [
        join(packageRoot(), 'dist', 'cli', 'main.js'),
        'run',
        '--model',
        'demand',
        '--area',
        'all',
        '--runs',
        '2000',
        '--out',
        join(dir, 'run.arrow'),
        '--quiet',
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupt once the run is under way (its temporary output file exists).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('wcc: interrupted');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
