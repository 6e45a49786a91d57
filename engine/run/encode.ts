/**
 * The Arrow encoding of replicate values: the long table (replicate, year, area, metric, value),
 * its record batches built from typed arrays without copying the values.
 */
import type * as Arrow from 'apache-arrow';
import {
  Dictionary,
  Field,
  Float64,
  Int16,
  Int32,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from '../io/arrow.js';
import type { CellSpec } from './types.js';

/** Dictionary type of the `area` and `metric` columns (ids 0 and 1). */
const AREA_TYPE = new Dictionary(new Utf8(), new Int32(), 0);
const METRIC_TYPE = new Dictionary(new Utf8(), new Int32(), 1);

/** Schema of the long results table: replicate, year, area, metric, value. */
export const VALUES_SCHEMA = new Schema([
  new Field('replicate', new Int32(), false),
  new Field('year', new Int16(), false),
  new Field('area', AREA_TYPE, false),
  new Field('metric', METRIC_TYPE, false),
  new Field('value', new Float64(), true),
]);

/** Shared dictionaries of a run, so every record batch of a file uses the same ones. */
export interface RunDictionaries {
  readonly areas: Arrow.Vector<Arrow.Utf8>;
  readonly metrics: Arrow.Vector<Arrow.Utf8>;
  readonly areaIndex: ReadonlyMap<string, number>;
  readonly metricIndex: ReadonlyMap<string, number>;
}

/** Builds a run's dictionaries from its area codes and metric names (in output order). */
export function runDictionaries(
  areas: readonly string[],
  metrics: readonly string[],
): RunDictionaries {
  return {
    areas: vectorFromArray([...areas], new Utf8()),
    metrics: vectorFromArray([...metrics], new Utf8()),
    areaIndex: new Map(areas.map((a, i) => [a, i])),
    metricIndex: new Map(metrics.map((m, i) => [m, i])),
  };
}

/** The dictionary key of `value`; a value the run did not declare is a defect, never key −1. */
function keyOf(index: ReadonlyMap<string, number>, value: string, what: string): number {
  const key = index.get(value);
  if (key === undefined)
    throw new Error(`results: ${what} "${value}" is not among the run's declared ${what}s`);
  return key;
}

/**
 * A record batch of the long table for replicates `from … from + n − 1` of one area, whose
 * values are `values[r·cells.length + c]` for r = 0 … n − 1.
 */
export function valuesBatch(
  dictionaries: RunDictionaries,
  area: string,
  cells: readonly CellSpec[],
  from: number,
  values: Float64Array,
  schema: Arrow.Schema = VALUES_SCHEMA,
): Arrow.RecordBatch {
  const nCells = cells.length;
  const n = values.length / nCells;
  const rows = n * nCells;
  const replicate = new Int32Array(rows);
  const year = new Int16Array(rows);
  const areaKeys = new Int32Array(rows).fill(keyOf(dictionaries.areaIndex, area, 'area'));
  const metricKeys = new Int32Array(rows);
  const cellYears = Int16Array.from(cells, (c) => c.year);
  const cellMetrics = Int32Array.from(cells, (c) =>
    keyOf(dictionaries.metricIndex, c.metric, 'metric'),
  );
  for (let r = 0, i = 0; r < n; ++r) {
    for (let c = 0; c < nCells; ++c, ++i) {
      replicate[i] = from + r;
      year[i] = cellYears[c]!;
      metricKeys[i] = cellMetrics[c]!;
    }
  }
  const children = [
    makeData({ type: new Int32(), length: rows, nullCount: 0, data: replicate }),
    makeData({ type: new Int16(), length: rows, nullCount: 0, data: year }),
    makeData({
      type: AREA_TYPE,
      length: rows,
      nullCount: 0,
      data: areaKeys,
      dictionary: dictionaries.areas,
    }),
    makeData({
      type: METRIC_TYPE,
      length: rows,
      nullCount: 0,
      data: metricKeys,
      dictionary: dictionaries.metrics,
    }),
    makeData({ type: new Float64(), length: rows, nullCount: 0, data: values }),
  ];
  const data = makeData({
    type: new Struct(schema.fields),
    length: rows,
    nullCount: 0,
    children,
  });
  return new RecordBatch(schema, data);
}

/** Encodes a chunk's values as Arrow IPC (stream format). */
export function encodeValues(
  area: string,
  cells: readonly CellSpec[],
  from: number,
  values: Float64Array,
): Uint8Array {
  const dictionaries = runDictionaries([area], [...new Set(cells.map((c) => c.metric))]);
  return tableToIPC(new Table([valuesBatch(dictionaries, area, cells, from, values)]), 'stream');
}

/** The cells of a decoded chunk: its first `rows` rows' year and metric. */
function cellsOf(table: Arrow.Table, rows: number): CellSpec[] {
  const years = table.getChild('year')!.toArray() as Int16Array;
  const metrics = table.getChild('metric')!;
  const cells: CellSpec[] = [];
  for (let i = 0; i < rows; ++i) cells.push({ year: years[i]!, metric: metrics.get(i) as string });
  return cells;
}

/** Decodes a chunk's values (replicate-major) and its cells (those of its first replicate). */
export function decodeValues(bytes: Uint8Array): { cells: CellSpec[]; values: Float64Array } {
  const table = tableFromIPC(bytes);
  const column = table.getChild('value');
  const replicates = table.getChild('replicate')?.toArray() as Int32Array | undefined;
  if (!column || !replicates) throw new Error('chunk result has no replicate or value column');
  let rows = 0;
  while (rows < table.numRows && replicates[rows] === replicates[0]) ++rows;
  return { cells: cellsOf(table, rows), values: column.toArray() as Float64Array };
}
