/**
 * Local authority code changes (ONS Code History Database, `data/raw/ons-lad-code-changes`):
 * every former district and the April 2023 authority that took over its whole area, and the
 * Integrated Care Board of each April 2023 authority.
 */
import { readCsv } from './raw-csv.js';

const CHANGES = 'ons-lad-code-changes';
/** The successor files, oldest first: a code is followed through each in turn. */
const SUCCESSOR_FILES = ['lad_successors_2019_2021.csv', 'lad_successors_2021_2023.csv'] as const;

/** A district abolished since 2019, with its April 2023 successor. */
export interface FormerDistrict {
  readonly code: string;
  readonly name: string;
  readonly successor: string;
}

/** Every former district (2019-2023 changes) with its April 2023 successor, in code order. */
export function formerDistricts(root: string): FormerDistrict[] {
  const next = new Map<string, { name: string; to: string }>();
  for (const file of SUCCESSOR_FILES)
    for (const row of readCsv(root, `${CHANGES}/${file}`))
      next.set(row.old_code ?? '', { name: row.old_name ?? '', to: row.new_code ?? '' });
  const out: FormerDistrict[] = [];
  for (const [code, { name }] of next) {
    let successor = code;
    for (let step = next.get(successor); step; step = next.get(successor)) successor = step.to;
    out.push({ code, name, successor });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The April 2023 code of any local authority code since 2019 (a current code maps to itself).
 * Counts on older codes are summed into the successor: every change merged whole districts.
 */
export function successorOf(root: string): (code: string) => string {
  const map = new Map(formerDistricts(root).map((d) => [d.code, d.successor]));
  return (code) => map.get(code) ?? code;
}

/** A local authority split between two ICBs, counted whole in one of them (best fit). */
export interface IcbSplit {
  readonly lad: string;
  /** The ICB that counts the whole authority. */
  readonly icb: string;
  /** The ICB holding the other part. */
  readonly other: string;
  /** The part in the other ICB, e.g. Waveney. */
  readonly part: string;
}

/** An Integrated Care Board and the April 2023 authorities it is built from. */
export interface IcbMembers {
  readonly code: string;
  readonly name: string;
  readonly lads: readonly string[];
}

/** The authorities split between two ICBs (`lad23_icb22.csv`), in code order. */
export function icbSplits(root: string): IcbSplit[] {
  return readCsv(root, `${CHANGES}/lad23_icb22.csv`)
    .filter((row) => (row.other_icb22_code ?? '') !== '')
    .map((row) => ({
      lad: row.lad23_code ?? '',
      icb: row.icb22_code ?? '',
      other: row.other_icb22_code ?? '',
      part: row.part_in_other ?? '',
    }))
    .sort((a, b) => a.lad.localeCompare(b.lad));
}

/** Each ICB (July 2022) with its member authorities (ONS best-fit lookup), in code order. */
export function icbMembers(root: string): IcbMembers[] {
  const icbs = new Map<string, { name: string; lads: string[] }>();
  for (const row of readCsv(root, `${CHANGES}/lad23_icb22.csv`)) {
    const code = row.icb22_code ?? '';
    const entry = icbs.get(code) ?? { name: row.icb22_name ?? '', lads: [] };
    entry.lads.push(row.lad23_code ?? '');
    icbs.set(code, entry);
  }
  return [...icbs]
    .map(([code, { name, lads }]) => ({ code, name, lads: lads.sort() }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
