/**
 * A numeric field of a scenario as written, named by path (`interventions[0].effect`,
 * `levers[1].cost_per_year`, `capacity.beds`, `interventions[0].deciles`), and setting it to a
 * value: a number is replaced by the value, a distribution is scaled by it as a factor, and a
 * list of deprivation deciles becomes the k most deprived deciles 1 … k.
 */
import { invalidValue, describeValue } from '../../engine/errors.js';

/** How the value of a varied field is applied. */
export type LeverMode =
  /** The field is a number and is set to the value. */
  | 'value'
  /** The field is a distribution and every location and scale parameter is multiplied by the value. */
  | 'factor'
  /** The field lists deprivation deciles and becomes 1 … value. */
  | 'deciles';

/** A varied field: where it is, how it is set and its value as written. */
export interface Lever {
  readonly path: string;
  readonly segments: readonly (string | number)[];
  readonly mode: LeverMode;
  /** The value as written: the number, 1 for a factor, or the number of deciles listed. */
  readonly current: number;
  /** Whether only whole values are meaningful (deciles). */
  readonly integer: boolean;
}

/** Splits `a.b[2].c` into ['a', 'b', 2, 'c'], or undefined when it is not a path. */
function splitPath(path: string): (string | number)[] | undefined {
  if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*|\[\d+\])*$/.test(path)) return undefined;
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([A-Za-z_]\w*)|\[(\d+)\]/g))
    out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

/** Parameters of each distribution family that scale with the value (location and spread). */
const SCALED: Readonly<Record<string, readonly string[]>> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  normal: ['mean', 'sd', 'min', 'max'],
  gamma: ['scale'],
};

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Whether `x` is a distribution written as a `{dist: …}` object the solver can scale. */
function isScalable(x: unknown): boolean {
  if (isRecord(x))
    return typeof x.dist === 'string' && (x.dist in SCALED || x.dist === 'lognormal');
  return Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number');
}

/**
 * Finds `path` in scenario `input` and says how it can be varied.
 * @throws InputError (exit 2) naming the path and what is there when it does not exist or is not numeric
 */
export function resolveLever(input: Readonly<Record<string, unknown>>, path: string): Lever {
  const segments = splitPath(path.trim());
  const where = `option --vary ${path}`;
  if (!segments)
    throw invalidValue(
      where,
      'a field path such as interventions[0].effect or capacity.beds',
      path,
    );
  let node: unknown = input;
  let walked = '';
  for (const s of segments) {
    const here = typeof s === 'number' ? `${walked}[${s}]` : walked ? `${walked}.${s}` : s;
    const next =
      typeof s === 'number'
        ? Array.isArray(node)
          ? (node[s] as unknown)
          : undefined
        : isRecord(node)
          ? node[s]
          : undefined;
    if (next === undefined) {
      const has = Array.isArray(node)
        ? `a list of ${node.length}`
        : isRecord(node)
          ? `fields ${Object.keys(node).join(', ') || '(none)'}`
          : describeValue(node);
      throw invalidValue(
        where,
        `a field of the scenario`,
        `no ${here} (${walked || 'the scenario'} has ${has})`,
      );
    }
    node = next;
    walked = here;
  }
  const last = segments.at(-1);
  if (last === 'deciles') {
    if (!Array.isArray(node) || !node.every((d) => Number.isInteger(d)))
      throw invalidValue(where, 'a list of deciles', node);
    return { path, segments, mode: 'deciles', current: node.length, integer: true };
  }
  if (typeof node === 'number')
    return { path, segments, mode: 'value', current: node, integer: false };
  if (isScalable(node)) return { path, segments, mode: 'factor', current: 1, integer: false };
  throw invalidValue(
    where,
    'a number or a distribution ({dist: pert|triangular|uniform|normal|fixed|gamma|lognormal, …} or [low, high])',
    node,
  );
}

/** `d` scaled by `s`: locations and spreads multiplied (a lognormal's meanlog shifted by ln s). */
function scaled(d: unknown, s: number): unknown {
  if (Array.isArray(d)) return d.map((v: number) => v * s);
  const r = d as Record<string, unknown>;
  if (r.dist === 'lognormal') return { ...r, meanlog: (r.meanlog as number) + Math.log(s) };
  const out: Record<string, unknown> = { ...r };
  for (const k of SCALED[r.dist as string] ?? []) if (typeof r[k] === 'number') out[k] = r[k] * s;
  return out;
}

/**
 * A copy of scenario `input` with `lever` set to `x` (the input is not changed).
 * @param x - the value (mode value), the factor (mode factor) or the number of deciles
 */
export function withLever(
  input: Readonly<Record<string, unknown>>,
  lever: Lever,
  x: number,
): Record<string, unknown> {
  const copy = structuredClone(input) as Record<string, unknown>;
  const segments = lever.segments;
  const key = segments[segments.length - 1] ?? '';
  let node: unknown = copy;
  for (const s of segments.slice(0, -1)) node = (node as Record<string | number, unknown>)[s];
  const parent = node as Record<string | number, unknown>;
  parent[key] =
    lever.mode === 'value'
      ? x
      : lever.mode === 'factor'
        ? scaled(parent[key], x)
        : Array.from({ length: Math.round(x) }, (_, i) => i + 1);
  return copy;
}
