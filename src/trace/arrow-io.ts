/**
 * Canonical trace <-> Arrow IPC file.
 *
 * Layout (schema version 1): one row per request. Top-level columns are REQUEST_COLUMNS;
 * `steps` is List<Struct<STEP_COLUMNS>> (empty list when the source has no per-step data),
 * `nodes` is List<Struct<NODE_COLUMNS>> (null when the request has no per-node trees), and
 * `oracle_committed_tokens` is List<Int32> indexed by output position (null without an oracle).
 * Schema metadata: specreplay.schema_version, specreplay.meta, specreplay.trees,
 * specreplay.acceptance_models (JSON). Any Arrow reader opens it; `pyarrow`:
 * `pa.ipc.open_file(path).read_all()`, then `.flatten()` / `explode` the list columns.
 */
import * as fs from 'node:fs';
import * as arrow from '../schema/arrow.js';
import { arrowField, columnToData, dataToColumn } from '../schema/arrow-columns.js';
import { type Column, type ColumnTable } from '../schema/columns.js';
import {
  META_KEYS,
  NODE_COLUMNS,
  ORACLE_COLUMNS,
  REQUEST_COLUMNS,
  REQUEST_INDEX,
  SCHEMA_VERSION,
  STEP_COLUMNS,
  type ColumnSpec,
  type TraceMeta,
} from '../schema/trace-schema.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { claimOutputFile, type OutputOptions } from '../util/output-guard.js';
import { FLAT_NODE_SPECS, FLAT_ORACLE_SPECS, FLAT_STEP_SPECS, requestOffsets, type Trace } from './trace.js';
import { messages } from '../config/messages.js';
import { TraceFileError } from './trace-file-error.js';
import { emptyColumn, PartsCollector, type ColumnCollector } from '../schema/column-collect.js';
import { traceChecksum } from './checksum.js';
import { writeBatchesToFd } from '../schema/arrow-fd-writer.js';
import { openFileBatches, type FileBatches } from './arrow-file-reader.js';
import { readAcceptanceModels, readMeta, readTrees } from './meta-check.js';

export { TraceFileError };

/** Nested rows (steps + nodes + oracle positions) per record batch. */
const BATCH_NESTED_ROWS = 1 << 18;

const stepStruct = new arrow.Struct(STEP_COLUMNS.map(arrowField));
const nodeStruct = new arrow.Struct(NODE_COLUMNS.map(arrowField));
const stepsType = new arrow.List(new arrow.Field('item', stepStruct, false));
const nodesType = new arrow.List(new arrow.Field('item', nodeStruct, false));
const oracleType = new arrow.List(new arrow.Field('item', new arrow.Int32(), false));

export function traceSchema(trace: Trace): arrow.Schema {
  const strings = [JSON.stringify(trace.meta), JSON.stringify(trace.trees), JSON.stringify(trace.acceptanceModels)];
  const metadata = new Map<string, string>([
    [META_KEYS.schemaVersion, String(SCHEMA_VERSION)],
    [META_KEYS.meta, strings[0]!],
    [META_KEYS.trees, strings[1]!],
    [META_KEYS.acceptanceModels, strings[2]!],
    [META_KEYS.checksum, traceChecksum(trace, strings)],
  ]);
  const fields = [
    ...REQUEST_COLUMNS.map(arrowField),
    new arrow.Field('steps', stepsType, false),
    new arrow.Field('nodes', nodesType, true),
    new arrow.Field('oracle_committed_tokens', oracleType, true),
  ];
  return new arrow.Schema(fields, metadata);
}

/** List Data for requests [r0, r1) over a flat table grouped by request (offsets from `requestOffsets`). */
function listData(
  type: arrow.List,
  offsets: Int32Array,
  r0: number,
  r1: number,
  child: arrow.Data,
  present: ((r: number) => boolean) | null,
): arrow.Data {
  const n = r1 - r0;
  const base = offsets[r0]!;
  const valueOffsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) valueOffsets[i] = offsets[r0 + i]! - base;
  if (present === null) return arrow.makeData({ type, length: n, valueOffsets, child, nullCount: 0 });
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (present(r0 + i)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return arrow.makeData({ type, length: n, valueOffsets, child, nullBitmap: bitmap, nullCount });
}

function structData(type: arrow.Struct, table: ColumnTable, specs: readonly ColumnSpec[], start: number, end: number): arrow.Data {
  const children = specs.map((s) => columnToData(table.columns[s.name]!, start, end));
  return arrow.makeData({ type, length: end - start, children, nullCount: 0 });
}

/** The trace as Arrow record batches (numeric columns are zero-copy views). */
export function* traceBatches(trace: Trace, batchRows = BATCH_NESTED_ROWS): Generator<arrow.RecordBatch> {
  const schema = traceSchema(trace);
  const nReq = trace.requests.length;
  const stepOff = requestOffsets(trace.steps, nReq);
  const nodeOff = trace.nodes ? requestOffsets(trace.nodes, nReq) : null;
  const oracleOff = trace.oracle ? requestOffsets(trace.oracle, nReq) : null;
  const nodeOwners = nodeOff ? requestsWithRows(trace.nodes!, nReq) : null;
  const oracleOwners = oracleOff ? requestsWithRows(trace.oracle!, nReq) : null;
  const nested = (r: number): number =>
    stepOff[r + 1]! - stepOff[r]! + (nodeOff ? nodeOff[r + 1]! - nodeOff[r]! : 0) + (oracleOff ? oracleOff[r + 1]! - oracleOff[r]! : 0);

  let r0 = 0;
  while (r0 < nReq || (nReq === 0 && r0 === 0)) {
    let r1 = r0;
    let rows = 0;
    while (r1 < nReq && (r1 === r0 || rows + nested(r1) <= batchRows)) rows += nested(r1++);
    const children: arrow.Data[] = REQUEST_COLUMNS.map((s) => columnToData(trace.requests.columns[s.name]!, r0, r1));
    children.push(listData(stepsType, stepOff, r0, r1, structData(stepStruct, trace.steps, STEP_COLUMNS, stepOff[r0]!, stepOff[r1]!), null));
    children.push(
      nodeOff
        ? listData(nodesType, nodeOff, r0, r1, structData(nodeStruct, trace.nodes!, NODE_COLUMNS, nodeOff[r0]!, nodeOff[r1]!), (r) => nodeOwners![r] === 1)
        : nullList(nodesType, r1 - r0, arrow.makeData({ type: nodeStruct, length: 0, children: NODE_COLUMNS.map((s) => columnToData(emptyColumn(s), 0, 0)), nullCount: 0 })),
    );
    children.push(
      oracleOff
        ? listData(oracleType, oracleOff, r0, r1, columnToData(trace.oracle!.columns['committed_tokens']!, oracleOff[r0]!, oracleOff[r1]!), (r) => oracleOwners![r] === 1)
        : nullList(oracleType, r1 - r0, arrow.makeData({ type: new arrow.Int32(), length: 0, data: new Int32Array(0), nullCount: 0 })),
    );
    const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: r1 - r0, children, nullCount: 0 });
    yield new arrow.RecordBatch(schema, data);
    if (nReq === 0) break;
    r0 = r1;
  }
}

/** Which requests own at least one row in a grouped table (a request with an empty tree list is still "present"). */
function requestsWithRows(table: ColumnTable, nReq: number): Uint8Array {
  const out = new Uint8Array(nReq);
  const idx = (table.columns[REQUEST_INDEX] as { values: Int32Array }).values;
  for (let i = 0; i < table.length; i++) out[idx[i]!] = 1;
  return out;
}

function nullList(type: arrow.List, n: number, child: arrow.Data): arrow.Data {
  return arrow.makeData({ type, length: n, valueOffsets: new Int32Array(n + 1), child, nullBitmap: new Uint8Array((n + 7) >> 3), nullCount: n });
}


/** Serializes a trace to Arrow IPC file bytes. */
export function toArrowIPC(trace: Trace, batchRows = BATCH_NESTED_ROWS): Uint8Array {
  const writer = new arrow.RecordBatchFileWriter();
  for (const b of traceBatches(trace, batchRows)) writer.write(b);
  return writer.finish().toUint8Array(true);
}

/** Writes a trace as an Arrow IPC file atomically (temporary file, then rename). */
/**
 * Writes a trace file atomically. `validated`: the trace's validation, if still running (the
 * file is written meanwhile and put in place only once it resolves; see `writeFileAtomic`).
 */
export async function writeTraceFile(path: string, trace: Trace, opts: OutputOptions = {}, validated?: Promise<void>): Promise<void> {
  claimOutputFile(path, 'arrow-trace', opts);
  // Each chunk goes to the file as it is made (apache-arrow's writer would queue the whole file).
  await writeFileAtomic(path, (fd) => writeBatchesToFd(fd, traceBatches(trace)), validated);
}

// ---------------------------------------------------------------------------------------

/**
 * Reads a trace from Arrow IPC bytes (file or stream format). Every defect of the file — not
 * Arrow, truncated, metadata that is not the schema's, a checksum that does not match — is one
 * TraceFileError naming the file.
 */
export function fromArrowIPC(bytes: Uint8Array, file = '<bytes>'): Trace {
  let table: arrow.Table;
  try {
    table = arrow.tableFromIPC(bytes);
  } catch (e) {
    throw new TraceFileError(messages.notArrow(file, (e as Error).message));
  }
  return traceFromBatches(table.schema.metadata, table.batches, file);
}

/** The trace from a file's schema metadata and record batches: metadata checked, checksum verified. */
function traceFromBatches(md: Map<string, string>, batches: Iterable<arrow.RecordBatch>, file: string, collectors?: Collectors): Trace {
  const version = md.get(META_KEYS.schemaVersion);
  if (version === undefined) throw new TraceFileError(messages.notTrace(file));
  if (Number(version) !== SCHEMA_VERSION) throw new TraceFileError(messages.schemaVersion(file, version, SCHEMA_VERSION));
  const strings = [md.get(META_KEYS.meta), md.get(META_KEYS.trees), md.get(META_KEYS.acceptanceModels)];
  const meta = readMeta(file, META_KEYS.meta, strings[0]);
  const trees = readTrees(file, META_KEYS.trees, strings[1]);
  const acceptanceModels = readAcceptanceModels(file, META_KEYS.acceptanceModels, strings[2]);
  let trace: Trace;
  try {
    trace = assembleTrace(batches, file, meta, trees, acceptanceModels, collectors);
  } catch (e) {
    if (e instanceof TraceFileError) throw e;
    throw new TraceFileError(messages.corruptArrow(file, (e as Error).message));
  }
  const stored = md.get(META_KEYS.checksum);
  if (stored !== undefined) {
    const got = traceChecksum(trace, strings.map((s) => s ?? ''));
    if (got !== stored) throw new TraceFileError(messages.checksumMismatch(file));
  }
  return trace;
}

/** How the flat tables' columns are collected: per table, one collector per column spec. */
export type Collectors = (table: 'requests' | 'steps' | 'nodes' | 'oracle', specs: readonly ColumnSpec[]) => ColumnCollector[];
const partsCollectors: Collectors = (_table, specs) => specs.map((s) => new PartsCollector(s));

/** Flattens the record batches of a trace file into the in-memory trace. */
export function assembleTrace(
  batches: Iterable<arrow.RecordBatch>,
  file: string,
  meta: TraceMeta,
  trees: Trace['trees'],
  acceptanceModels: Trace['acceptanceModels'],
  collectors: Collectors = partsCollectors,
): Trace {
  const reqCols = collectors('requests', REQUEST_COLUMNS);
  const reqParts: Record<string, ColumnCollector> = Object.fromEntries(REQUEST_COLUMNS.map((s, i) => [s.name, reqCols[i]!]));
  const stepParts = collectors('steps', FLAT_STEP_SPECS);
  const nodeParts = collectors('nodes', FLAT_NODE_SPECS);
  const oracleParts = collectors('oracle', FLAT_ORACLE_SPECS);
  let anyNodes = false;
  let anyOracle = false;
  let reqBase = 0;
  for (const batch of batches) {
    const n = batch.numRows;
    for (const s of REQUEST_COLUMNS) {
      const child = batch.getChild(s.name);
      if (child === null) throw new TraceFileError(messages.missingArrowColumn(file, s.name));
      reqParts[s.name]!.push(dataToColumn(child.data[0]!, s));
    }
    const nested = (name: string): arrow.Data => {
      const v = batch.getChild(name);
      if (v === null) throw new TraceFileError(messages.missingArrowColumn(file, name));
      return v.data[0]!;
    };
    const flatten = (list: arrow.Data, parts: ColumnCollector[], childCols: (child: arrow.Data) => Column[]): boolean => {
      // valueOffsets is already sliced to this Data's rows (Arrow slices offset buffers).
      const offs = list.valueOffsets as Int32Array;
      const base = offs[0]!;
      const total = offs[n]! - base;
      if (total === 0) return false;
      const idx = new Int32Array(total);
      for (let r = 0; r < n; r++) idx.fill(reqBase + r, offs[r]! - base, offs[r + 1]! - base);
      parts[0]!.push({ type: 'int32', values: idx, valid: null });
      const cols = childCols(list.children[0]!.slice(base, total));
      cols.forEach((c, i) => parts[i + 1]!.push(c));
      return true;
    };
    flatten(nested('steps'), stepParts, (child) => STEP_COLUMNS.map((s) => dataToColumn(structChild(child, s.name), s)));
    if (flatten(nested('nodes'), nodeParts, (child) => NODE_COLUMNS.map((s) => dataToColumn(structChild(child, s.name), s)))) anyNodes = true;
    if (nested('nodes').nullCount < n) anyNodes = true;
    const oracle = nested('oracle_committed_tokens');
    if (oracle.nullCount < n) anyOracle = true;
    flatten(oracle, oracleParts, (child) => {
      const committed = dataToColumn(child, ORACLE_COLUMNS[1]);
      const offs = oracle.valueOffsets as Int32Array;
      const pos = new Int32Array(committed.values.length);
      const base = offs[0]!;
      for (let r = 0; r < n; r++) {
        const a = offs[r]! - base;
        const b = offs[r + 1]! - base;
        for (let k = a; k < b; k++) pos[k] = k - a;
      }
      return [{ type: 'int32', values: pos, valid: null }, committed];
    });
    reqBase += n;
  }
  const assemble = (specs: readonly ColumnSpec[], parts: ColumnCollector[]): ColumnTable => {
    const columns: Record<string, Column> = {};
    specs.forEach((s, i) => {
      columns[s.name] = parts[i]!.finish();
    });
    return { length: columns[specs[0]!.name]!.values.length, specs, columns };
  };
  const requests = assemble(REQUEST_COLUMNS, reqCols);
  return {
    meta,
    requests,
    steps: assemble(FLAT_STEP_SPECS, stepParts),
    nodes: anyNodes ? assemble(FLAT_NODE_SPECS, nodeParts) : null,
    oracle: anyOracle ? assemble(FLAT_ORACLE_SPECS, oracleParts) : null,
    trees,
    acceptanceModels,
  };
}

function structChild(struct: arrow.Data, name: string): arrow.Data {
  const t = struct.type as arrow.Struct;
  const i = t.children.findIndex((f) => f.name === name);
  if (i < 0) throw new TraceFileError(messages.missingNestedColumn(name));
  // Struct.slice() slices its children too, so the child already covers the struct's rows.
  return struct.children[i]!;
}

/**
 * Reads a trace file. A file in the Arrow IPC file format is read one record batch at a time
 * (trace/arrow-file-reader.ts: peak memory the trace plus one batch), and a defect found on the
 * way is a TraceFileError; anything else (the stream format, not an Arrow file) is read whole
 * and decoded by `fromArrowIPC`, which words the defect.
 */
export function readTraceFile(path: string): Trace {
  let batched: FileBatches | null = null;
  try {
    batched = openFileBatches(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') throw new TraceFileError(messages.cannotRead(path, (e as Error).message));
    // A damaged Arrow file: said here, not handed to apache-arrow's whole-file reader, which can
    // loop for ever on a corrupted message header (the fuzz suite found one).
    throw new TraceFileError(messages.corruptArrow(path, (e as Error).message));
  }
  if (batched !== null) {
    // traceFromBatches words every defect met while the batches are read (as TraceFileError).
    try {
      return traceFromBatches(batched.schema.metadata, batched.batches(), path, (t, specs) => batched!.collectors(t, specs));
    } finally {
      batched.close();
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    throw new TraceFileError(messages.cannotRead(path, (e as Error).message));
  }
  return fromArrowIPC(bytes, path);
}

