/**
 * The apache-arrow names the engine uses, loaded when this module is (through its CommonJS
 * build: see `arrowLibrary`).
 */
import { arrowLibrary } from './arrow-library.js';

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
} = arrowLibrary();
