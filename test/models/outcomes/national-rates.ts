/** ONS national life table rates for the outcomes tests, read once per period and sex. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGES, OPEN_AGE } from '../../../engine/kernels/cohort.js';

const cache = new Map<string, Float64Array>();

/** Central death rates of an ONS national life table: ages 0 … 89 and 90+ = 1/e(90). */
export function nationalRates(period: string, sex: 'male' | 'female'): Float64Array {
  const cached = cache.get(`${period}|${sex}`);
  if (cached) return cached;
  const text = readFileSync(
    join(
      process.cwd(),
      'data/raw/ons-national-life-tables-england/ons_nlt_england_1980-82_to_2017-19_long.csv',
    ),
    'utf8',
  );
  const out = new Float64Array(AGES);
  for (const line of text.split('\n')) {
    const [p, s, age, mx, , , , ex] = line.split(',');
    if (p !== period || s !== sex) continue;
    const a = Number(age);
    if (a < OPEN_AGE) out[a] = Number(mx);
    if (a === OPEN_AGE) out[a] = 1 / Number(ex);
  }
  cache.set(`${period}|${sex}`, out);
  return out;
}
