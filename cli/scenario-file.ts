/** Reading scenario files for the commands that take them (`run`, `compare`). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../engine/errors.js';
import { readScenarioText } from '../models/scenario/schema.js';
import type { CliIo } from './io.js';

/**
 * Reads scenario `file` (relative to the working directory) as plain data; validation happens
 * once command-line overrides are applied.
 * @throws InputError when the file is missing or not valid YAML/JSON
 */
export function readScenarioFile(io: CliIo, file: string): Record<string, unknown> {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new InputError(`scenario file ${file}: not found`);
  if (statSync(path).isDirectory())
    throw new InputError(`scenario file ${file}: expected a YAML or JSON file, found a folder`);
  return readScenarioText(readFileSync(path, 'utf8'), file);
}
