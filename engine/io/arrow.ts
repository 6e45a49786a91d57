/**
 * apache-arrow, loaded through its CommonJS build (the package's own `require` entry): Node loads
 * it in about half the time of its ES modules (146 files), a cost every run and every worker
 * thread pays at start. Types come from the package as usual (`import type * as Arrow`).
 */
import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';

const arrow = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;

export const {
  AsyncByteQueue,
  Dictionary,
  Field,
  Float64,
  Int16,
  Int32,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} = arrow;
