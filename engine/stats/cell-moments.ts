/**
 * Per-cell statistics folded over replicates as they stream past, in replicate order: the
 * compensated sum behind the mean (Neumaier, as `meanOf` and `summarise` compute it, so the mean
 * is bit for bit the one-pass mean), the minimum and maximum as `summarise` finds them, whether a
 * NaN was seen, the infinities of each sign and the finite range. They are the first pass of the
 * exact streaming summary (`orderStatisticSearch`).
 */

/** Folded statistics of `cells` cells over `n` replicates, each a column by cell. */
export interface CellMoments {
  readonly cells: number;
  /** Replicates folded so far. */
  n: number;
  readonly sum: Float64Array;
  readonly compensation: Float64Array;
  /** Least and greatest value, NaN ignored (±Infinity when none). */
  readonly min: Float64Array;
  readonly max: Float64Array;
  /** 1 where a NaN was seen. */
  readonly nan: Uint8Array;
  /** How many values were −Infinity, +Infinity. */
  readonly negInf: Float64Array;
  readonly posInf: Float64Array;
  /** Least and greatest finite value (±Infinity when none). */
  readonly finiteMin: Float64Array;
  readonly finiteMax: Float64Array;
}

/** Empty statistics of `cells` cells. */
export function createCellMoments(cells: number): CellMoments {
  return {
    cells,
    n: 0,
    sum: new Float64Array(cells),
    compensation: new Float64Array(cells),
    min: new Float64Array(cells).fill(Infinity),
    max: new Float64Array(cells).fill(-Infinity),
    nan: new Uint8Array(cells),
    negInf: new Float64Array(cells),
    posInf: new Float64Array(cells),
    finiteMin: new Float64Array(cells).fill(Infinity),
    finiteMax: new Float64Array(cells).fill(-Infinity),
  };
}

/**
 * Folds the next `replicates` replicates, laid out replicate-major (`values[r·cells + c]`);
 * replicates must come in order for the sum to be the one-pass sum.
 */
export function foldCellMoments(m: CellMoments, values: Float64Array, replicates: number): void {
  const { cells, sum, compensation, min, max, nan, negInf, posInf, finiteMin, finiteMax } = m;
  for (let r = 0, i = 0; r < replicates; ++r) {
    for (let c = 0; c < cells; ++c, ++i) {
      const x = values[i]!;
      // As `summarise`: NaN fails every comparison and makes the sum NaN.
      if (x < min[c]!) min[c] = x;
      if (x > max[c]!) max[c] = x;
      const s = sum[c]!;
      const t = s + x;
      compensation[c]! += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      sum[c] = t;
      if (x - x === 0) {
        if (x < finiteMin[c]!) finiteMin[c] = x;
        if (x > finiteMax[c]!) finiteMax[c] = x;
      } else if (x === Infinity) ++posInf[c]!;
      else if (x === -Infinity) ++negInf[c]!;
      else nan[c] = 1;
    }
  }
  m.n += replicates;
}

/** The mean of cell `c`, exactly as `summarise` computes it (NaN for no replicates). */
export function momentsMean(m: CellMoments, c: number): number {
  return m.n > 0 ? (m.sum[c]! + m.compensation[c]!) / m.n : NaN;
}
