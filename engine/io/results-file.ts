/**
 * The long results file: an Arrow IPC file (replicate, year, area, metric, value) written
 * as a stream of record batches as replicates arrive, so memory stays bounded, into a temporary
 * file that is renamed over the target only when complete. Record batches hold one area's
 * replicates in blocks of OUTPUT_BLOCK counted from the run's first replicate, so the bytes do
 * not depend on how the work was split between threads or chunks.
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { AsyncByteQueue, RecordBatchFileWriter, Schema } from './arrow.js';
import { VALUES_SCHEMA, valuesBatch, type RunDictionaries } from '../run/encode.js';
import type { CellSpec } from '../run/types.js';
import { metadataMap, type RunMetadata } from './run-metadata.js';

/** Replicates per record batch. */
export const OUTPUT_BLOCK = 1000;

/** An open results file. */
export interface ResultsFile {
  /**
   * Appends an area's replicates `from …` (values replicate-major): areas in run order, each
   * area's replicates in order without gaps. Resolves once the file can take more (the disk
   * keeps up); the values must not be modified afterwards (they are written as they are).
   */
  write(
    area: string,
    cells: readonly CellSpec[],
    from: number,
    values: Float64Array,
  ): Promise<void>;
  /** Ends the current area: writes its last, partial block. */
  endArea(): Promise<void>;
  /** Appends a whole area (`write` then `endArea`). */
  writeArea(
    area: string,
    cells: readonly CellSpec[],
    from: number,
    values: Float64Array,
  ): Promise<void>;
  /** Finishes the file and moves it into place. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is left untouched. */
  abort(): Promise<void>;
}

/**
 * The Arrow writer's byte sink: each piece of the file goes straight to the file stream (Arrow
 * would otherwise queue them in memory until read).
 */
class FileSink extends AsyncByteQueue {
  private readonly out: WriteStream;

  constructor(out: WriteStream) {
    super();
    this.out = out;
  }

  override write(value: Uint8Array): void {
    this.out.write(value);
  }
}

/**
 * Opens `path` for a run with the given dictionaries (every area and metric of the run) and its
 * self-description in the schema metadata.
 */
export function openResultsFile(
  path: string,
  dictionaries: RunDictionaries,
  metadata?: RunMetadata,
): ResultsFile {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const schema = new Schema(
    VALUES_SCHEMA.fields,
    metadata ? metadataMap(metadata) : new Map<string, string>(),
  );
  const out = createWriteStream(tempPath);
  let failure: Error | undefined;
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', (error) => {
      failure = error;
      reject(error);
    });
  });
  closed.catch(() => undefined);
  const writer = new RecordBatchFileWriter();
  writer.reset(new FileSink(out), schema);
  /** The current area's replicates not yet written (fewer than a block), from `carryFrom`. */
  let carry: { area: string; cells: readonly CellSpec[]; from: number; values: Float64Array[] } = {
    area: '',
    cells: [],
    from: 0,
    values: [],
  };
  let carried = 0;
  const batch = (area: string, cells: readonly CellSpec[], from: number, v: Float64Array): void => {
    writer.write(valuesBatch(dictionaries, area, cells, from, v, schema));
  };
  /** Writes the carried replicates as one batch. */
  const flushCarry = (): void => {
    if (carried === 0) return;
    const n = carry.cells.length;
    const block = new Float64Array(carried * n);
    let at = 0;
    for (const part of carry.values) {
      block.set(part, at);
      at += part.length;
    }
    batch(carry.area, carry.cells, carry.from, block);
    carry = { ...carry, values: [] };
    carried = 0;
  };
  const drained = async (): Promise<void> => {
    if (failure) throw failure;
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), closed]);
  };
  const file: ResultsFile = {
    async write(area, cells, from, values) {
      const n = cells.length;
      const replicates = values.length / n;
      if (carried > 0 && carry.area !== area) flushCarry();
      if (carried === 0) carry = { area, cells, from, values: [] };
      let r = 0;
      // Complete the carried block, then whole blocks straight from the values.
      if (carried > 0) {
        const take = Math.min(OUTPUT_BLOCK - carried, replicates);
        carry.values.push(values.subarray(0, take * n));
        carried += take;
        r = take;
        if (carried === OUTPUT_BLOCK) flushCarry();
      }
      for (; r + OUTPUT_BLOCK <= replicates; r += OUTPUT_BLOCK)
        batch(area, cells, from + r, values.subarray(r * n, (r + OUTPUT_BLOCK) * n));
      if (r < replicates) {
        if (carried === 0) carry = { area, cells, from: from + r, values: [] };
        carry.values.push(values.subarray(r * n));
        carried += replicates - r;
      }
      await drained();
    },
    async endArea() {
      flushCarry();
      await drained();
    },
    async writeArea(area, cells, from, values) {
      await file.write(area, cells, from, values);
      await file.endArea();
    },
    async commit() {
      flushCarry();
      writer.finish();
      out.end();
      await closed;
      renameSync(tempPath, path);
    },
    async abort() {
      out.destroy();
      await closed.catch(() => undefined);
      rmSync(tempPath, { force: true });
    },
  };
  return file;
}
