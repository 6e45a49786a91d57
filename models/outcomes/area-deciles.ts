/**
 * The deprivation deciles of an area the chain projects, from the PHE life expectancy by
 * deprivation decile data (about 2015-17, on the codes of that time). England and regions have
 * their own rows; a local authority uses its own code where the data have it, else the former
 * districts it was made from (the registry's successor map), equally weighted; a group combines
 * its members weighted by population. Combining deciles: each decile's share is the weighted
 * share and its level the share-weighted mean level. An authority with no row in the data takes
 * its region's (said in the note).
 */
import type { AreaRecord } from '../../engine/io/reference-data.js';
import type { AreaSpec } from '../population/model.js';
import { DECILES, type DecileEntry, type OutcomesData } from './model.js';

/** England's row in the PHE data. */
const ENGLAND_KEY = 'England';
const ENGLAND_CODE = 'E92000001';

/** An area's deciles by sex, and how they were found. */
export interface AreaDeciles {
  readonly male: DecileEntry;
  readonly female: DecileEntry;
  /** Codes of the PHE rows used. */
  readonly sources: readonly string[];
}

/** Weighted combination of decile entries. */
export function combineDeciles(
  parts: readonly { entry: DecileEntry; weight: number }[],
): DecileEntry {
  const share = new Array<number>(DECILES).fill(0);
  const k = new Array<number>(DECILES).fill(0);
  const le = new Array<number>(DECILES).fill(0);
  let total = 0;
  for (const { weight } of parts) total += weight;
  for (const { entry, weight } of parts)
    for (let d = 0; d < DECILES; ++d) {
      const w = (weight / total) * (entry.share[d] ?? 0);
      share[d] = share[d]! + w;
      k[d] = k[d]! + w * (entry.k[d] ?? 0);
      le[d] = le[d]! + w * (entry.le[d] ?? 0);
    }
  for (let d = 0; d < DECILES; ++d) {
    const s = share[d]!;
    k[d] = s > 0 ? k[d]! / s : 0;
    le[d] = s > 0 ? le[d]! / s : NaN;
  }
  return { share, k, le, suppressed: [] };
}

/**
 * The deciles of `area`.
 * @param weightOf - weight of a member local authority (its population)
 */
export function areaDeciles(
  data: OutcomesData,
  records: readonly AreaRecord[],
  area: AreaSpec,
  weightOf: (code: string) => number,
): AreaDeciles {
  if (area.code === ENGLAND_CODE || data.areas[area.code] !== undefined) {
    const key = area.code === ENGLAND_CODE ? ENGLAND_KEY : area.code;
    const row = data.areas[key];
    if (row) return { ...row, sources: [key] };
  }
  const byCode = new Map(records.map((r) => [r.code, r]));
  const formerOf = new Map<string, string[]>();
  for (const r of records)
    if (r.kind === 'former' && r.successor !== '')
      formerOf.set(r.successor, [...(formerOf.get(r.successor) ?? []), r.code]);
  /** PHE rows of a current authority: its own, else those of the districts it was made from. */
  const rowsOf = (code: string, depth = 0): string[] => {
    if (data.areas[code]) return [code];
    if (depth > 3) return [];
    return (formerOf.get(code) ?? []).flatMap((c) => rowsOf(c, depth + 1));
  };
  const male: { entry: DecileEntry; weight: number }[] = [];
  const female: { entry: DecileEntry; weight: number }[] = [];
  const sources: string[] = [];
  for (const member of area.members) {
    let rows = rowsOf(member);
    if (rows.length === 0) {
      const region = byCode.get(member)?.parent ?? '';
      rows = data.areas[region] ? [region] : [ENGLAND_KEY];
    }
    const weight = weightOf(member) / rows.length;
    for (const code of rows) {
      const row = data.areas[code];
      if (!row) continue;
      male.push({ entry: row.male, weight });
      female.push({ entry: row.female, weight });
      sources.push(code);
    }
  }
  return { male: combineDeciles(male), female: combineDeciles(female), sources };
}
