/**
 * Which copy of apache-arrow this process uses, and the names the project takes from it.
 *
 * A program importing the library (`src/index.ts`, which imports `arrow-modules.ts` first) uses
 * the package's ES modules, the same classes as its own `import 'apache-arrow'`, so tables pass
 * between them (apache-arrow tells its types apart with `instanceof`). Any other process (the
 * CLI, a sweep's threads, the benchmarks) loads the package's published single-file build
 * (`Arrow.esnext.min.js`, the same release): 14-19 ms, against 100-140 ms for the ES module
 * entry of about 150 files on a 2-core machine, more than parsing the bundled traces. Files are
 * the same bytes either way (tested). The choice is made without a top-level await: notebooks
 * load the library with `require`, which refuses a module graph that awaits.
 *
 * Only what the project uses is re-exported; each class is a value and the type of the same
 * name, so `arrow.Table` reads as it does with `import * as arrow from 'apache-arrow'`. Only
 * apache-arrow's public API is used: the single-file build renames everything else.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as A from 'apache-arrow';
import { ARROW_SLOT } from './arrow-slot.js';

const require = createRequire(import.meta.url);
/** The single-file build beside the package's CommonJS entry (the exports map hides its path). */
const ARROW_BUNDLE = path.join(path.dirname(require.resolve('apache-arrow')), 'Arrow.esnext.min.js');
const registered = (globalThis as Record<symbol, unknown>)[ARROW_SLOT] as typeof A | undefined;
/** Whether this process took the single-file build. */
export const ARROW_FROM_BUNDLE = registered === undefined;
const lib: typeof A = registered ?? (require(ARROW_BUNDLE) as typeof A);

/* eslint-disable @typescript-eslint/no-explicit-any -- the defaults are apache-arrow's own */
export const Data = lib.Data;
export type Data<T extends A.DataType = A.DataType> = A.Data<T>;
export const Table = lib.Table;
export type Table<T extends A.TypeMap = any> = A.Table<T>;
export const Schema = lib.Schema;
export type Schema<T extends A.TypeMap = any> = A.Schema<T>;
export const Field = lib.Field;
export type Field<T extends A.DataType = any> = A.Field<T>;
export const RecordBatch = lib.RecordBatch;
export type RecordBatch<T extends A.TypeMap = any> = A.RecordBatch<T>;
export const RecordBatchFileWriter = lib.RecordBatchFileWriter;
export type RecordBatchFileWriter<T extends A.TypeMap = any> = A.RecordBatchFileWriter<T>;
export const RecordBatchReader = lib.RecordBatchReader;
export const AsyncByteQueue = lib.AsyncByteQueue;
export type AsyncByteQueue = A.AsyncByteQueue;
export const DataType = lib.DataType;
export type DataType<T extends A.Type = A.Type> = A.DataType<T>;
export const Struct = lib.Struct;
export type Struct<T extends A.TypeMap = any> = A.Struct<T>;
export const List = lib.List;
export type List<T extends A.DataType = any> = A.List<T>;
export const Int = lib.Int;
export type Int = A.Int;
export const Int32 = lib.Int32;
export type Int32 = A.Int32;
export const Float = lib.Float;
export const Float64 = lib.Float64;
export type Float64 = A.Float64;
export type Float = A.Float;
export const Utf8 = lib.Utf8;
export type Utf8 = A.Utf8;
export const Bool = lib.Bool;
export type Bool = A.Bool;
export const Precision = lib.Precision;
export const makeData = lib.makeData;
export const makeVector = lib.makeVector;
export const tableToIPC = lib.tableToIPC;
export const tableFromIPC = lib.tableFromIPC;
