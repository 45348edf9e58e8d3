/**
 * CSV tables parsed by byte ranges: the file is cut at line boundaries into one range per
 * core and each range is parsed (csv-worker.ts: the byte-level fast path, else csv-parse) in a
 * worker thread straight into shared typed columns at its rows' offset; string columns come
 * back with each range's answer. Errors and warnings keep their true line numbers. Used for
 * big nodes.csv files on worker threads, and for steps.csv as one range on the calling thread;
 * anything the ranges cannot take (blank lines, quoted newlines) goes to the single-thread
 * csv-parse path, which gives the same table.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { parse as parseSync } from 'csv-parse/sync';
import { messages } from '../config/messages.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import { CSV_OPTIONS, countNewlines, onlyNulOrSpace } from './csv-source.js';
import { idDictionary, parseRange, type CsvWorkerInput, type CsvWorkerOutput } from './csv-worker.js';
import type { Diagnostics } from './diagnostics.js';

/** Files smaller than this are parsed on the calling thread. */
export const PARALLEL_MIN_BYTES = 16 << 20;

const WORKER_URL = new URL('./csv-worker.js', import.meta.url);

/** True when compiled workers are available (not when running TypeScript sources directly). */
export function parallelAvailable(): boolean {
  return fs.existsSync(fileURLToPath(WORKER_URL));
}

export interface ParallelTable {
  readonly header: readonly string[];
  /** Columns of `specs` (the id column excluded). */
  readonly table: ColumnTable;
  /** The id column's value per row, as an index into `ids`. */
  readonly idCodes: Int32Array;
  readonly ids: readonly string[];
  /** Source line of every row. */
  readonly lines: Int32Array;
}

/** Bytes per read of the file scans (NUL tail, newline counts, range cuts). */
const BLOCK = 1 << 20;
/** One scratch buffer for the scans (a fresh buffer per block would pile up until GC). */
const SCRATCH = Buffer.allocUnsafe(BLOCK);

/** Bytes [pos, pos + len) of the file; a view of the scratch buffer when it fits (valid until the next read). */
function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = len <= SCRATCH.length ? SCRATCH : Buffer.alloc(len);
  const n = fs.readSync(fd, buf, 0, len, pos);
  return buf.subarray(0, n);
}

/** Position of the first NUL byte of the file, or -1. */
function firstNul(fd: number, size: number): number {
  for (let pos = 0; pos < size; pos += BLOCK) {
    const z = readAt(fd, pos, BLOCK).indexOf(0);
    if (z >= 0) return pos + z;
  }
  return -1;
}

/** Position of the last newline before `offset` (-1 if none). */
function lastNewlineBefore(fd: number, offset: number): number {
  for (let end = offset; end > 0; end -= BLOCK) {
    const start = Math.max(0, end - BLOCK);
    const i = readAt(fd, start, end - start).lastIndexOf(10);
    if (i >= 0) return start + i;
  }
  return -1;
}

/** Position just after the first newline at or after `pos` (or `limit`). */
function nextLineStart(fd: number, pos: number, limit: number): number {
  for (let p = pos; p < limit; p += 1 << 16) {
    const i = readAt(fd, p, Math.min(1 << 16, limit - p)).indexOf(10);
    if (i >= 0) return p + i + 1;
  }
  return limit;
}

function lineOfOffset(fd: number, offset: number): number {
  let lines = 1;
  for (let pos = 0; pos < offset; pos += BLOCK) {
    const buf = readAt(fd, pos, Math.min(BLOCK, offset - pos));
    lines += countNewlines(buf, 0, buf.length);
  }
  return lines;
}

/** The code a range reports when its thread died before answering (out of memory, killed). */
export const WORKER_DIED = 'worker-died';

/** A worker thread started ahead of its range: `run` hands it the range, `cancel` stops it unused. */
export interface RangeWorker {
  run(input: CsvWorkerInput): Promise<CsvWorkerOutput>;
  cancel(): void;
}

/** Starts a range worker (`url`: the worker module; tests pass others). */
export function startWorker(url: URL = WORKER_URL): RangeWorker {
  // An 8 MiB young generation holds the records of a few 16 KiB chunks (CHUNK_BYTES), so
  // csv-parse's per-field strings die young; measured on 1M node rows: 4 MiB is slower,
  // 16 MiB no faster and 4-8 MiB more resident. The old generation is left unbounded (the
  // request-id dictionary grows with the file).
  const w = new Worker(url, { workerData: { csvWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  let answered = false;
  let resolve: (o: CsvWorkerOutput) => void = () => undefined;
  const answer = new Promise<CsvWorkerOutput>((r) => (resolve = r));
  w.once('message', (m: CsvWorkerOutput) => {
    answered = true;
    resolve(m);
    void w.terminate();
  });
  const died = (detail: string) => {
    if (!answered) resolve({ ok: false, code: WORKER_DIED, loc: {}, detail, newlines: 0 });
    answered = true;
  };
  w.once('error', (e) => died(String(e)));
  w.once('exit', (code) => died(`exit code ${code}`));
  return {
    run(input) {
      w.postMessage(input);
      return answer;
    },
    cancel() {
      answered = true;
      void w.terminate();
    },
  };
}

/** Parses one range on a worker thread (`url`: the worker module; tests pass others). */
export function runWorker(input: CsvWorkerInput, url: URL = WORKER_URL): Promise<CsvWorkerOutput> {
  return startWorker(url).run(input);
}

const BYTES = { int32: 4, float64: 8, bool: 1, utf8: 0 } as const;

/** Newlines in [start, end) of the file. */
function newlinesIn(fd: number, start: number, end: number): number {
  let n = 0;
  for (let pos = start; pos < end; pos += BLOCK) {
    const buf = readAt(fd, pos, Math.min(BLOCK, end - pos));
    n += countNewlines(buf, 0, buf.length);
  }
  return n;
}

/**
 * Parses the CSV at `path` (header + records) into the columns of `specs` with `workers`
 * threads writing into shared column storage at their rows' offsets, so nothing is copied or
 * over-allocated (or as one range on the calling thread, `inThread`). The threads start first;
 * `bindHeader` validates the header before any of them is given a range, and a failure there
 * stops them. Resolves to null when any range fails (a located error, rows that do not match
 * the line count, a range the fast path cannot take on the calling thread, a thread that died):
 * the caller then parses the file serially.
 */
export async function parseCsvParallel(
  path: string,
  specs: readonly ColumnSpec[],
  idColumn: string,
  diag: Diagnostics,
  bindHeader: (header: readonly string[]) => void,
  workers = Math.min(2, os.availableParallelism()),
  /** Parse on the calling thread (one range): for files too small to pay for a thread. */
  inThread = false,
): Promise<ParallelTable | null> {
  // The threads start while this one reads the header and counts each range's lines.
  const pool = inThread ? [] : Array.from({ length: workers }, () => startWorker());
  let used = 0;
  try {
    return await parseRanges(path, specs, idColumn, diag, bindHeader, workers, (input, k) => {
      if (inThread) return parseRange(input, true, false); // the fast path only: anything else is the serial reader's
      used = k + 1;
      return pool[k]!.run(input);
    });
  } finally {
    for (const w of pool.slice(used)) w.cancel(); // threads left without a range (or an error came first)
  }
}

async function parseRanges(
  path: string,
  specs: readonly ColumnSpec[],
  idColumn: string,
  diag: Diagnostics,
  bindHeader: (header: readonly string[]) => void,
  workers: number,
  parse: (input: CsvWorkerInput, k: number) => Promise<CsvWorkerOutput>,
): Promise<ParallelTable | null> {
  const size = fs.statSync(path).size;
  const fd = fs.openSync(path, 'r');
  let header: string[];
  const ranges: { start: number; end: number; rows: number; offset: number }[] = [];
  let total = 0;
  try {
    const headerEnd = nextLineStart(fd, 0, size);
    header = (parseSync(readAt(fd, 0, headerEnd).toString('utf8'), CSV_OPTIONS) as string[][])[0] ?? [];
    if (header.length === 0) diag.error('empty', {}, messages.emptyFile);
    bindHeader(header);
    // A NUL tail (the file was truncated while written) ends the data at the last whole line.
    let dataEnd = size;
    const z = firstNul(fd, size);
    if (z >= 0) {
      const lineStart = lastNewlineBefore(fd, z) + 1;
      const line = lineOfOffset(fd, z);
      const column = z - lineStart + 1;
      for (let pos = z; pos < size; pos += BLOCK) {
        if (!onlyNulOrSpace(readAt(fd, pos, Math.min(BLOCK, size - pos)))) diag.error('nul-inside', { line }, messages.nulInside(column));
      }
      diag.warn('nul-truncated', { line }, messages.nulBytes(column), messages.nulRepair);
      dataEnd = lineStart;
    }
    let start = headerEnd;
    for (let k = 1; k <= workers && start < dataEnd; k++) {
      const end = k === workers ? dataEnd : nextLineStart(fd, Math.max(start, headerEnd + Math.floor(((dataEnd - headerEnd) * k) / workers)), dataEnd);
      if (end > start) {
        const lastByte = readAt(fd, end - 1, 1)[0];
        const rows = newlinesIn(fd, start, end) + (lastByte === 10 ? 0 : 1);
        ranges.push({ start, end, rows, offset: total });
        total += rows;
      }
      start = end;
    }
  } finally {
    fs.closeSync(fd);
  }
  const storage: Record<string, { values: SharedArrayBuffer; valid: SharedArrayBuffer | null }> = {};
  for (const s of specs) if (s.type !== 'utf8') storage[s.name] = { values: new SharedArrayBuffer(Math.max(1, total * BYTES[s.type])), valid: s.nullable ? new SharedArrayBuffer(Math.max(1, total)) : null };
  const codes = new SharedArrayBuffer(Math.max(4, total * 4));
  const outs = await Promise.all(
    ranges.map((r, k) =>
      parse({ path, start: r.start, end: r.end, fileName: diag.file, strict: diag.strict, header, specs, idColumn, rowOffset: r.offset, rowCount: r.rows, storage, codes }, k),
    ),
  );
  // Line bases: the header is line 1; range k starts after the newlines of ranges < k.
  const bases = ranges.map((r) => 1 + r.offset);
  for (const o of outs) {
    if (o.ok) continue;
    if (o.code === 'internal') throw new Error(o.detail);
    // A located error, rows moved by blank lines or quoted newlines, a range the fast path
    // could not take, a thread that died: the caller parses the file on its own thread, so an
    // error is found and worded as the serial reader finds it (in file order, with the checks
    // that need every row, such as request grouping, in between).
    return null;
  }
  const ok = outs as Extract<CsvWorkerOutput, { ok: true }>[];
  ok.forEach((o, k) => {
    for (const w of o.warnings) diag.warn(w.code, { ...w.loc, line: w.loc.line === undefined ? undefined : w.loc.line + bases[k]! }, w.detail, w.repair);
  });
  // One dictionary of ids across ranges; lines from the bases.
  const { ids, code } = idDictionary();
  const idCodes = new Int32Array(codes, 0, total);
  const lines = new Int32Array(total);
  ok.forEach((o, k) => {
    const remap = o.dict.map(code);
    const { offset, rows } = ranges[k]!;
    for (let i = offset; i < offset + rows; i++) {
      idCodes[i] = remap[idCodes[i]!]!;
      lines[i] = bases[k]! + (i - offset) + 1;
    }
  });
  const columns: Record<string, Column> = {};
  for (const s of specs) {
    if (s.type === 'utf8') {
      columns[s.name] = { type: 'utf8', values: ok.length === 1 ? ok[0]!.text[s.name]! : ok.flatMap((o) => o.text[s.name]!) };
      continue;
    }
    const st = storage[s.name]!;
    const valid = st.valid === null ? null : new Uint8Array(st.valid, 0, total);
    const validOrNull = valid !== null && valid.indexOf(0) >= 0 ? valid : null;
    if (s.type === 'int32') columns[s.name] = { type: 'int32', values: new Int32Array(st.values, 0, total), valid: validOrNull };
    else if (s.type === 'float64') columns[s.name] = { type: 'float64', values: new Float64Array(st.values, 0, total), valid: validOrNull };
    else if (s.type === 'bool') columns[s.name] = { type: 'bool', values: new Uint8Array(st.values, 0, total) };
  }
  return { header, table: { length: total, specs, columns }, idCodes, ids, lines };
}
