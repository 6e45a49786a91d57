/** Test helper: the CLI run in-process in a scratch folder, and scenario files written there. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';

/** A scratch folder `dir`, `wcc(...args)` run in it, and `file(name, text)` writing into it. */
export function cliHarness(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const wcc = async (...args: string[]) => {
    const io = bufferedIo(dir);
    const code = await runCli(args, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { dir, wcc, file };
}
