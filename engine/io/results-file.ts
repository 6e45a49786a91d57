/**
 * The long results file: an Arrow IPC file (replicate, year, area, metric, value) written
 * as a stream of record batches, so memory stays bounded, into a temporary file that is renamed
 * over the target only when complete. Record batches hold one area's replicates in blocks of
 * OUTPUT_BLOCK counted from the run's first replicate, so the bytes do not depend on how the
 * work was split between threads or chunks.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { RecordBatchFileWriter, Schema } from 'apache-arrow';
import { VALUES_SCHEMA, valuesBatch, type RunDictionaries } from '../run/encode.js';
import type { CellSpec } from '../run/types.js';
import { metadataMap, type RunMetadata } from './run-metadata.js';

/** Replicates per record batch. */
export const OUTPUT_BLOCK = 1000;

/** An open results file. */
export interface ResultsFile {
  /** Appends an area's replicates `from …` (values replicate-major); areas in run order. */
  writeArea(area: string, cells: readonly CellSpec[], from: number, values: Float64Array): void;
  /** Finishes the file and moves it into place. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is left untouched. */
  abort(): Promise<void>;
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
  const writer = new RecordBatchFileWriter();
  writer.reset(undefined, schema);
  const source = writer.toNodeStream();
  const sink = createWriteStream(tempPath);
  const done = pipeline(source, sink);
  return {
    writeArea(area, cells, from, values) {
      const nCells = cells.length;
      const replicates = values.length / nCells;
      for (let start = 0; start < replicates; start += OUTPUT_BLOCK) {
        const end = Math.min(replicates, start + OUTPUT_BLOCK);
        writer.write(
          valuesBatch(
            dictionaries,
            area,
            cells,
            from + start,
            values.subarray(start * nCells, end * nCells),
            schema,
          ),
        );
      }
    },
    async commit() {
      writer.finish();
      await done;
      renameSync(tempPath, path);
    },
    async abort() {
      // Destroying both ends settles the pipeline at once; the writer itself is dropped.
      source.destroy();
      sink.destroy();
      await done.catch(() => undefined);
      rmSync(tempPath, { force: true });
    },
  };
}
