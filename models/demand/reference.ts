/**
 * Loads the demand model's reference data (`data/built/demand.json`, made by
 * `npm run data:build` from data/build-demand.ts): national rates by care setting, age and IMD
 * quintile, each area's quintile mix, condition excess use, capacity norms and the NCC mapping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtDataDir } from '../../engine/io/paths.js';
import type { DemandReference } from './types.js';

/** The built file's name in `data/built`. */
export const DEMAND_FILE = 'demand.json';

let cached: DemandReference | undefined;

/** The demand reference data, read once per thread and cached. */
export function loadDemandReference(): DemandReference {
  cached ??= JSON.parse(readFileSync(join(builtDataDir(), DEMAND_FILE), 'utf8')) as DemandReference;
  return cached;
}
