/** Loads the outcomes model's built inputs (data/built/outcomes.json). */
import { loadBuiltJson } from '../../engine/io/built-json.js';
import { InputError } from '../../engine/errors.js';
import type { DecileEntry, OutcomesData } from './model.js';

/** The built outcomes inputs (read once per thread). */
export function outcomesData(): OutcomesData {
  return loadBuiltJson('outcomes.json') as OutcomesData;
}

/**
 * The deciles of an area by its code in the PHE decile data (pre-2019 district and county codes,
 * E12 regions, or "England"); successor codes are mapped by the caller, in one place.
 * @throws InputError when the data have no deciles for the code
 */
export function decilesByDataCode(
  data: OutcomesData,
  code: string,
): { readonly male: DecileEntry; readonly female: DecileEntry } {
  const entry = data.areas[code];
  if (entry === undefined)
    throw new InputError(
      `area: expected a code of the PHE life expectancy by deprivation decile data (pre-2019 district or county, region, or England), got ${code}`,
    );
  return entry;
}
