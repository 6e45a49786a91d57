/**
 * Arrow IPC encoding and decoding of one chunk of replicate values (engine/run/encode.ts), as a
 * worker returns it: 1,000 replicates × 45 cells (5 years of the population model).
 */
import type { Bench } from 'tinybench';
import { decodeValues, encodeValues } from '../../engine/run/encode.js';
import type { CellSpec } from '../../engine/run/types.js';
import { POPULATION_METRICS } from '../../models/population/model.js';
import { check, uniformValues } from '../data.js';

/** Replicates in the chunk. */
const REPLICATES = 1000;
/** Base year and horizon of the chunk's cells. */
const BASE_YEAR = 2020;
const HORIZON = 5;
/** The area the chunk belongs to. */
const AREA = 'E08000025';

/** Metrics that are flows over a year: the model has none in the base year. */
const FLOWS: ReadonlySet<string> = new Set(['births', 'deaths', 'net_migration']);

/** The cells of one replicate as the population model lays them out: 6 × 8 − 3 = 45. */
function chunkCells(): CellSpec[] {
  const cells: CellSpec[] = [];
  for (let year = BASE_YEAR; year <= BASE_YEAR + HORIZON; ++year)
    for (const metric of POPULATION_METRICS)
      if (year > BASE_YEAR || !FLOWS.has(metric)) cells.push({ year, metric });
  return cells;
}

/** Adds the chunk encode and decode tasks to `bench`. */
export function arrowBenches(bench: Bench): void {
  const cells = chunkCells();
  const n = REPLICATES * cells.length;
  const values = uniformValues('arrow/values', n, 0, 1e6);
  const size = `${REPLICATES.toLocaleString('en-GB')} replicates × ${cells.length} cells`;
  bench.add(`encodeValues, ${size}`, () => {
    const bytes = encodeValues(AREA, cells, 0, values);
    check(bytes.byteLength > n * 8, `encoding of ${bytes.byteLength} bytes`);
  });

  const bytes = encodeValues(AREA, cells, 0, values);
  bench.add(`decodeValues, ${size}`, () => {
    const decoded = decodeValues(bytes).values;
    check(
      decoded.length === n && decoded[n - 1] === values[n - 1],
      `decoding of ${decoded.length} values`,
    );
  });
}
