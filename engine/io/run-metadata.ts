/**
 * What a results file says about itself, in its Arrow schema metadata: the wcc version, the
 * scenario (canonical JSON) and its hash, the seed, the replicate range, base year and horizon,
 * the digest of the embedded data, and each metric's unit. Merging refuses parts that differ.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';
import { dataDigest } from './data-digest.js';

/** The self-description of a run's results. */
export interface RunMetadata {
  readonly version: string;
  /** The validated scenario as canonical JSON (keys sorted). */
  readonly scenario: string;
  /** SHA-256 of `scenario`, hex. */
  readonly scenarioHash: string;
  readonly seed: number;
  /** Replicates from … to − 1. */
  readonly from: number;
  readonly to: number;
  readonly baseYear: number;
  readonly horizon: number;
  /** SHA-256 over the embedded data files (see `dataDigest`). */
  readonly dataDigest: string;
  /** Unit of each metric in the file. */
  readonly units: Readonly<Record<string, string>>;
}

/** Metadata keys, in the order they are written. */
const KEYS = {
  version: 'wcc.version',
  scenario: 'wcc.scenario',
  scenarioHash: 'wcc.scenario_hash',
  seed: 'wcc.seed',
  replicates: 'wcc.replicates',
  baseYear: 'wcc.base_year',
  horizon: 'wcc.horizon',
  dataDigest: 'wcc.data_digest',
  units: 'wcc.units',
} as const;

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** SHA-256 of `text`, hex. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

let version: string | undefined;

/** wcc's version (from its package.json). */
export function wccVersion(): string {
  version ??= (
    JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version;
  return version;
}

/** The metadata of `scenario`'s run over replicates from … to − 1. */
export function runMetadata(
  scenario: { readonly seed: number; readonly baseYear: number; readonly horizon: number },
  range: { readonly from: number; readonly to: number },
  units: Readonly<Record<string, string>>,
): RunMetadata {
  const text = canonicalJson(scenario);
  return {
    version: wccVersion(),
    scenario: text,
    scenarioHash: sha256(text),
    seed: scenario.seed,
    from: range.from,
    to: range.to,
    baseYear: scenario.baseYear,
    horizon: scenario.horizon,
    dataDigest: dataDigest(),
    units,
  };
}

/** The metadata as Arrow schema metadata. */
export function metadataMap(m: RunMetadata): Map<string, string> {
  return new Map([
    [KEYS.version, m.version],
    [KEYS.scenario, m.scenario],
    [KEYS.scenarioHash, m.scenarioHash],
    [KEYS.seed, String(m.seed)],
    [KEYS.replicates, `${m.from}:${m.to}`],
    [KEYS.baseYear, String(m.baseYear)],
    [KEYS.horizon, String(m.horizon)],
    [KEYS.dataDigest, m.dataDigest],
    [KEYS.units, canonicalJson(m.units)],
  ]);
}

/** Reads the metadata back from a schema's map; undefined when a key is missing or malformed. */
export function readMetadata(map: ReadonlyMap<string, string>): RunMetadata | undefined {
  const get = (key: string): string | undefined => map.get(key);
  const range = /^(\d+):(\d+)$/.exec(get(KEYS.replicates) ?? '');
  const fields = [
    KEYS.version,
    KEYS.scenario,
    KEYS.scenarioHash,
    KEYS.seed,
    KEYS.baseYear,
    KEYS.horizon,
    KEYS.dataDigest,
    KEYS.units,
  ].map(get);
  if (!range || fields.some((f) => f === undefined)) return undefined;
  const [v, scenario, hash, seed, baseYear, horizon, data, units] = fields as string[];
  return {
    version: v!,
    scenario: scenario!,
    scenarioHash: hash!,
    seed: Number(seed),
    from: Number(range[1]),
    to: Number(range[2]),
    baseYear: Number(baseYear),
    horizon: Number(horizon),
    dataDigest: data!,
    units: JSON.parse(units!) as Record<string, string>,
  };
}
