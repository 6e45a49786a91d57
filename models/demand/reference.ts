/**
 * Loads the demand model's reference data (`data/built/demand.json`, made by
 * `npm run data:build` from data/build-demand.ts): national rates by care setting, age and IMD
 * quintile, each area's quintile mix, condition excess use, capacity norms and the NCC mapping.
 */
import { loadBuiltJson } from '../../engine/io/built-json.js';
import type { DemandReference } from './types.js';

/** The built file's name in `data/built`. */
export const DEMAND_FILE = 'demand.json';

/** The demand reference data, read once per thread and cached. */
export function loadDemandReference(): DemandReference {
  return loadBuiltJson(DEMAND_FILE) as DemandReference;
}
