/**
 * The area registry: every English local authority (April 2023 codes), the 42 Integrated Care
 * Boards, the nine regions and England, with lookup by code (a former district's code resolves
 * to its successor, with a note), search by name, aggregation of regions, ICBs and named groups
 * into their member local authorities, and "did you mean" suggestions for unknown codes.
 */
import { distance } from 'fastest-levenshtein';
import type { AreaRecord, ReferenceData } from '../../engine/io/reference-data.js';
import { InputError } from '../../engine/errors.js';
import type { AreaSpec } from '../population/model.js';

/** England's ONS code. */
export const ENGLAND = 'E92000001';

/** A named group of areas given in a scenario (e.g. an ICB footprint). */
export interface AreaGroup {
  readonly code?: string;
  readonly name: string;
  readonly areas: readonly string[];
}

/** Lookup structures over the registry. */
export interface AreaRegistry {
  readonly all: readonly AreaRecord[];
  readonly byCode: ReadonlyMap<string, AreaRecord>;
  /** Local authorities in code order. */
  readonly lads: readonly AreaRecord[];
}

/** Builds the registry from the reference data. */
export function areaRegistry(data: ReferenceData): AreaRegistry {
  const byCode = new Map(data.areas.map((a) => [a.code, a]));
  return { all: data.areas, byCode, lads: data.areas.filter((a) => a.kind === 'lad') };
}

/** Up to `n` registry areas whose code or name is closest to `query`. */
export function closestAreas(registry: AreaRegistry, query: string, n = 3): AreaRecord[] {
  const q = query.toLowerCase();
  const scored = registry.all.map((a) => {
    const name = a.name.toLowerCase();
    const byName = name.includes(q) || q.includes(name) ? 0 : distance(q, name);
    return { a, score: Math.min(distance(q, a.code.toLowerCase()), byName) };
  });
  scored.sort((x, y) => x.score - y.score || x.a.code.localeCompare(y.a.code));
  return scored.slice(0, n).map((s) => s.a);
}

/** The registry record of `code`, or an InputError naming the closest areas. */
export function lookupArea(registry: AreaRegistry, code: string, where = 'area'): AreaRecord {
  const record = registry.byCode.get(code.toUpperCase());
  if (record) return record;
  const suggestions = closestAreas(registry, code)
    .map((a) => `${a.code} ${a.name}`)
    .join(', ');
  throw new InputError(
    `${where}: unknown area code "${code}" (expected an English local authority, ICB, region or England code on April 2023 boundaries, or a former district's code; closest: ${suggestions}; list them with \`wcc areas\`)`,
  );
}

/**
 * The member local authorities of an area: itself, a region's or ICB's authorities, all for
 * England, or a former district's successor.
 */
export function membersOf(registry: AreaRegistry, record: AreaRecord): string[] {
  if (record.kind === 'lad') return [record.code];
  if (record.kind === 'former') return [record.successor];
  if (record.kind === 'region')
    return registry.lads.filter((l) => l.parent === record.code).map((l) => l.code);
  if (record.kind === 'icb')
    return registry.lads.filter((l) => l.icb === record.code).map((l) => l.code);
  return registry.lads.map((l) => l.code);
}

/**
 * Resolves an area code to the spec the models project. A former district's code resolves to
 * the authority that took it over, with a note naming it; an ICB carries the note on how whole
 * authorities approximate it, if they do.
 */
export function resolveArea(registry: AreaRegistry, code: string, where = 'area'): AreaSpec {
  const record = lookupArea(registry, code, where);
  if (record.kind === 'former') {
    const to = registry.byCode.get(record.successor);
    if (!to)
      throw new InputError(
        `${where}: area code "${code}" (${record.name}) no longer exists and has no successor in the registry`,
      );
    return {
      code: to.code,
      name: to.name,
      members: [to.code],
      note: `${where}: ${record.code} ${record.name} no longer exists (${record.note}); projecting ${to.code} ${to.name}`,
    };
  }
  const spec = { code: record.code, name: record.name, members: membersOf(registry, record) };
  return record.note === ''
    ? spec
    : { ...spec, note: `${record.code} ${record.name}: ${record.note}` };
}

/** Resolves a named group: the union of its areas' local authorities (each counted once). */
export function resolveGroup(registry: AreaRegistry, group: AreaGroup, where = 'groups'): AreaSpec {
  const members = new Set<string>();
  group.areas.forEach((code, i) => {
    for (const m of resolveArea(registry, code, `${where}.areas[${i}]`).members) members.add(m);
  });
  return { code: group.code ?? group.name, name: group.name, members: [...members].sort() };
}

/** Areas whose code or name contains `query` (case-insensitive); all areas for no query. */
export function searchAreas(registry: AreaRegistry, query?: string): AreaRecord[] {
  if (query === undefined || query.trim() === '') return [...registry.all];
  const q = query.trim().toLowerCase();
  return registry.all.filter(
    (a) => a.code.toLowerCase().includes(q) || a.name.toLowerCase().includes(q),
  );
}
