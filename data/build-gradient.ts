/**
 * Deprivation gradient of each QOF register: England's registered prevalence by national IMD
 * 2019 decile (House of Commons Library, output_imd_prevalence.csv; 1 = most deprived). The
 * prevalence model uses it to share a condition's cases between an area's deciles when an
 * intervention reaches only some of them. Deterministic JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** Builds `{ CODE: [prevalence in decile 1 … 10] }` as JSON text. */
export function buildGradient(root: string): string {
  const text = readFileSync(
    join(root, 'data', 'raw', 'hoc-qof-prevalence-2019-20', 'output_imd_prevalence.csv'),
    'utf8',
  );
  const rows = parse<Record<string, string>>(text, { columns: true, bom: true, trim: true });
  const out: Record<string, number[]> = {};
  for (const row of rows) {
    const decile = Number(row.imd_overall);
    const code = row.group_code ?? '';
    if (!Number.isInteger(decile) || decile < 1 || decile > 10) continue; // the "Wales" row
    const prevalence = Number(row.prevalence);
    if (!Number.isFinite(prevalence))
      throw new Error(`gradient: ${code} decile ${decile}: prevalence ${row.prevalence}`);
    (out[code] ??= new Array<number>(10).fill(NaN))[decile - 1] = Number(
      prevalence.toPrecision(12),
    );
  }
  const sorted = Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
  for (const [code, values] of Object.entries(sorted))
    if (!values || values.some((v) => !Number.isFinite(v)))
      throw new Error(`gradient: ${code} lacks a decile`);
  return `${JSON.stringify(sorted, null, 1)}\n`;
}
