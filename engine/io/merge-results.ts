/**
 * Merges results files of replicate slices of one run (`wcc run … --replicates a:b --out`,
 * possibly on other machines) into the results of the whole: the slices must hold the same
 * areas, years and metrics and replicate ranges that do not overlap. With slices that tile a
 * run from replicate 0, the merged file is byte-identical to the one the whole run writes.
 */
import { readFileSync } from 'node:fs';
import type { Vector } from 'apache-arrow';
import { tableFromIPC } from './arrow.js';
import { InputError } from '../errors.js';
import { runDictionaries } from '../run/encode.js';
import { summarise, type CellSummary } from '../run/summary.js';
import type { CellSpec } from '../run/types.js';
import { openResultsFile } from './results-file.js';
import { readMetadata, type RunMetadata } from './run-metadata.js';

/** One area's replicates, gathered from every slice. */
export interface MergedArea {
  readonly area: string;
  readonly cells: readonly CellSpec[];
  /** Replicate-major values of replicates `from … to − 1`. */
  readonly values: Float64Array;
  readonly summary: CellSummary;
}

/** The merged run. */
export interface MergedResults {
  readonly areas: readonly MergedArea[];
  readonly metrics: readonly string[];
  readonly from: number;
  readonly to: number;
  /** The run's description, with the merged replicate range. */
  readonly metadata: RunMetadata;
}

interface Slice {
  readonly path: string;
  readonly from: number;
  readonly to: number;
  readonly areas: readonly { area: string; cells: CellSpec[]; values: Float64Array }[];
  readonly metrics: readonly string[];
  readonly metadata: RunMetadata;
}

/**
 * A dictionary column's values as strings, looked up chunk by chunk in each chunk's (small)
 * dictionary: much faster than decoding every row's string, which dominates reading large files.
 */
function dictionaryStrings(column: Vector): string[] {
  const out = new Array<string>(column.length);
  let at = 0;
  for (const chunk of column.data) {
    const words = (chunk.dictionary?.toArray() ?? []) as string[];
    const keys = chunk.values as ArrayLike<number>;
    for (let i = 0; i < chunk.length; ++i) out[at++] = words[keys[chunk.offset + i]!]!;
  }
  return out;
}

/** Reads one results file into its areas (in file order), each with its cells and values. */
function readSlice(path: string): Slice {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(
      `results file ${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch {
    throw new InputError(
      `results file ${path}: expected an Arrow IPC file written by wcc run --out, found something else`,
    );
  }
  const metadata = readMetadata(table.schema.metadata);
  if (!metadata)
    throw new InputError(
      `results file ${path}: expected the run's description (scenario, seed, data digest) in its schema metadata, found none (written by an older wcc?)`,
    );
  const names = table.schema.fields.map((f) => f.name).join(',');
  if (names !== 'replicate,year,area,metric,value')
    throw new InputError(
      `results file ${path}: expected columns replicate,year,area,metric,value, found ${names}`,
    );
  // Whole columns at once: typed arrays for numbers, decoded strings for the dictionaries.
  const replicate = table.getChild('replicate')!.toArray() as Int32Array;
  const year = table.getChild('year')!.toArray() as Int16Array;
  const metricColumn = table.getChild('metric')!;
  const area = dictionaryStrings(table.getChild('area')!);
  const metric = dictionaryStrings(metricColumn);
  const value = table.getChild('value')!.toArray() as Float64Array;
  const areas: Slice['areas'][number][] = [];
  let from = Infinity;
  let to = -Infinity;
  const n = table.numRows;
  let i = 0;
  while (i < n) {
    const code = area[i]!;
    const first = replicate[i]!;
    const cells: CellSpec[] = [];
    while (
      i + cells.length < n &&
      area[i + cells.length] === code &&
      replicate[i + cells.length] === first
    )
      cells.push({ year: year[i + cells.length]!, metric: metric[i + cells.length]! });
    let end = i;
    while (end < n && area[end] === code) end += 1;
    const rows = end - i;
    if (cells.length === 0 || rows % cells.length !== 0)
      throw new InputError(
        `results file ${path}: area ${code} has ${rows} rows, not whole replicates of ${cells.length} cells`,
      );
    const replicates = rows / cells.length;
    const last = replicate[end - 1]!;
    if (last - first + 1 !== replicates)
      throw new InputError(
        `results file ${path}: area ${code} holds replicates ${first}-${last} with gaps`,
      );
    const values = value.slice(i, end);
    areas.push({ area: code, cells, values });
    from = Math.min(from, first);
    to = Math.max(to, last + 1);
    i = end;
  }
  const metricDictionary = (metricColumn.data[0]?.dictionary?.toArray() ?? []) as string[];
  return { path, from, to, areas, metrics: metricDictionary, metadata };
}

const sameCells = (a: readonly CellSpec[], b: readonly CellSpec[]): boolean =>
  a.length === b.length && a.every((c, k) => c.year === b[k]?.year && c.metric === b[k]?.metric);

/**
 * Merges the slices at `paths` (any order) and, when `outPath` is given, writes the merged
 * results file (atomically).
 * @throws InputError when the slices do not belong to one run or their ranges overlap
 */
export async function mergeResults(
  paths: readonly string[],
  outPath?: string,
): Promise<MergedResults> {
  if (paths.length === 0)
    throw new InputError('merge: expected at least one results file, found none');
  const slices = paths.map(readSlice).sort((a, b) => a.from - b.from);
  const head = slices[0]!;
  for (const s of slices.slice(1)) {
    for (const [field, what] of [
      ['scenarioHash', 'scenario'],
      ['seed', 'seed'],
      ['dataDigest', 'embedded data'],
      ['version', 'wcc version'],
    ] as const)
      if (s.metadata[field] !== head.metadata[field])
        throw new InputError(
          `merge: ${s.path} comes from another run than ${head.path}: its ${what} differs (${String(s.metadata[field]).slice(0, 16)} against ${String(head.metadata[field]).slice(0, 16)})`,
        );
    const codes = (x: Slice): string => x.areas.map((a) => a.area).join(',');
    if (codes(s) !== codes(head))
      throw new InputError(
        `merge: ${s.path} holds areas ${codes(s)}, expected those of ${head.path} (${codes(head)})`,
      );
    s.areas.forEach((a, k) => {
      if (!sameCells(a.cells, head.areas[k]!.cells))
        throw new InputError(
          `merge: ${s.path} has other years or metrics for ${a.area} than ${head.path}`,
        );
    });
  }
  for (let k = 1; k < slices.length; ++k) {
    const before = slices[k - 1]!;
    const after = slices[k]!;
    if (after.from < before.to)
      throw new InputError(
        `merge: ${before.path} (replicates ${before.from}:${before.to}) and ${after.path} (${after.from}:${after.to}) overlap`,
      );
    if (after.from > before.to)
      throw new InputError(
        `merge: replicates ${before.to}:${after.from} are missing between ${before.path} and ${after.path}`,
      );
  }
  const from = head.from;
  const to = slices.at(-1)!.to;
  const areas: MergedArea[] = head.areas.map((a, k) => {
    const values = new Float64Array((to - from) * a.cells.length);
    let offset = 0;
    for (const s of slices) {
      const part = s.areas[k]!.values;
      values.set(part, offset);
      offset += part.length;
    }
    return {
      area: a.area,
      cells: a.cells,
      values,
      summary: summarise(values, to - from, a.cells.length),
    };
  });
  if (outPath !== undefined) {
    const file = openResultsFile(
      outPath,
      runDictionaries(
        areas.map((a) => a.area),
        head.metrics,
      ),
      { ...head.metadata, from, to },
    );
    try {
      for (const a of areas) await file.writeArea(a.area, a.cells, from, a.values);
      await file.commit();
    } catch (error) {
      await file.abort();
      throw error;
    }
  }
  return { areas, metrics: head.metrics, from, to, metadata: { ...head.metadata, from, to } };
}
