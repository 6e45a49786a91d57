/**
 * The README's "Using it" lines run as written from a fresh clone: each `wcc …` line is run in a
 * scratch folder that sees the repository's data/ and bench/, with `> file` redirects honoured,
 * in order (later lines use the files earlier ones write). Only the benchmarks are left out:
 * they measure the machine and take minutes.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../cli/io.js';
import { runCli } from '../cli/program.js';
import { packageRoot } from '../engine/io/paths.js';

/** Splits a shell line into words (single and double quotes, no expansion), dropping a `#` comment. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(#.*$)|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[3] !== undefined) break;
    out.push(m[1] ?? m[2] ?? m[4] ?? '');
  }
  return out;
}

const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
const block = /## Using it[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const lines = block
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.startsWith('wcc '));
const LEFT_OUT = ['wcc bench'];

describe('README examples', () => {
  it('lists the commands people start from', () => {
    expect(lines.length).toBeGreaterThan(20);
  });

  it('run as written, in order, from a fresh folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcc-readme-'));
    for (const name of ['data', 'bench']) symlinkSync(join(packageRoot(), name), join(dir, name));
    for (const line of lines) {
      if (LEFT_OUT.some((p) => line.startsWith(p))) continue;
      const args = words(line).slice(1);
      const redirect = args.indexOf('>');
      const target = redirect >= 0 ? args[redirect + 1] : undefined;
      const io = bufferedIo(dir);
      const code = await runCli(redirect >= 0 ? args.slice(0, redirect) : args, io);
      expect(code, `${line}\n${io.stderr}`).toBe(0);
      // A line prints something, or writes the file it names (a report, an exercise state).
      const html = args.indexOf('--html');
      const state = args.indexOf('--state');
      const written =
        html >= 0
          ? args[html + 1]
          : state >= 0
            ? args[state + 1]
            : args[0] === 'exercise' && args[1] === 'round'
              ? args[2]
              : undefined;
      if (written !== undefined)
        expect(readFileSync(join(dir, written)).length, line).toBeGreaterThan(0);
      else expect(io.stdout.length, line).toBeGreaterThan(0);
      if (target !== undefined) writeFileSync(join(dir, target), io.stdout);
    }
    // The merged slices are the whole run's file, byte for byte.
    expect(
      readFileSync(join(dir, 'merged.arrow')).equals(readFileSync(join(dir, 'plan.arrow'))),
    ).toBe(true);
  }, 600_000);
});
