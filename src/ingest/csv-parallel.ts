/**
 * CSV tables parsed by byte ranges: a file is cut at line boundaries into ranges (`planRanges`)
 * and each range is parsed (csv-worker.ts: the byte-level fast path, else csv-parse) straight
 * into shared typed columns at its rows' offset; string columns come back with each range's
 * answer, and `assembleRanges` makes the table. Errors and warnings keep their true line
 * numbers. canonical CSV parses steps.csv and a big nodes.csv's ranges on the calling thread and
 * a worker together (`RangePool.parseShared`), a small steps.csv as one range on the calling
 * thread; anything the ranges cannot take (blank lines, quoted newlines) goes to the
 * single-thread csv-parse path, which gives the same table.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { parse as parseSync } from 'csv-parse/sync';
import { messages } from '../config/messages.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import { CSV_OPTIONS, countNewlines, onlyNulOrSpace } from './csv-source.js';
import { claimNext, idDictionary, parseRangeFastOnly, unlocatedFailure, type ClaimReply, type ClaimRequest, type CsvWorkerInput, type CsvWorkerOutput } from './csv-worker.js';
import type { Diagnostics, IngestError } from './diagnostics.js';
import { replyError, type ValidateReply, type ValidateRequest } from './validate-thread.js';

/** A nodes.csv this big or bigger is parsed by ranges on the calling thread and a worker (a smaller one by the serial reader). */
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
  /** The id column's value per row, as an index into `ids` (shared memory, the caller's to reuse). */
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

/** A job for a range worker: ranges to claim, or (once the files are parsed) a trace to validate. */
type WorkerJob = ClaimRequest | ValidateRequest;
/** What a worker answers: its claimed ranges' outputs, a validation's reply, or (either job) a thread that died or failed. */
type WorkerReply = CsvWorkerOutput | ClaimReply | ValidateReply;

/** A worker thread started ahead of its jobs: `post` hands it one (one at a time), `cancel` stops it. */
interface RangeWorker {
  post(job: WorkerJob): Promise<WorkerReply>;
  cancel(): void;
}

/** Starts a range worker (`url`: the worker module; tests pass others). */
function startWorker(url: URL): RangeWorker {
  // An 8 MiB young generation holds the records of a few 16 KiB chunks (CHUNK_BYTES), so
  // csv-parse's per-field strings die young; measured on 1M node rows: 4 MiB is slower,
  // 16 MiB no faster and 4-8 MiB more resident. The old generation is left unbounded (the
  // request-id dictionary grows with the file).
  const w = new Worker(url, { workerData: { csvWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  let pending: ((o: WorkerReply) => void) | null = null;
  let dead: string | null = null;
  const diedOutput = (detail: string) => unlocatedFailure(WORKER_DIED, detail);
  const answer = (o: WorkerReply) => {
    const r = pending;
    pending = null;
    r?.(o);
  };
  w.on('message', answer);
  const died = (detail: string) => {
    dead ??= detail;
    answer(diedOutput(detail));
  };
  w.once('error', (e) => died(String(e)));
  w.once('exit', (code) => died(`exit code ${code}`));
  const post = (job: WorkerJob): Promise<WorkerReply> => {
    if (dead !== null) return Promise.resolve(diedOutput(dead));
    return new Promise((resolve) => {
      pending = resolve;
      w.postMessage(job);
    });
  };
  return {
    post,
    cancel() {
      dead ??= 'stopped';
      void w.terminate();
    },
  };
}

/** A worker's own failure (a bug, not the file's) is thrown on this thread. */
function rethrowInternal(reply: WorkerReply): void {
  if (!reply.ok && reply.code === 'internal') throw new Error((reply as { detail: string }).detail);
}

/** True for the answer of a thread that died or was stopped before answering. */
function diedReply(o: WorkerReply): boolean {
  return !o.ok && 'newlines' in o && o.code === WORKER_DIED;
}

/**
 * Worker threads for canonical CSV: started before the files' ranges are known (a thread takes
 * 50-130 ms to start), they parse ranges beside the calling thread (`parseShared`), then one
 * validates the trace while the caller writes it (`validate`). A job goes to the first idle
 * thread, in the order the jobs were handed in.
 */
export class RangePool {
  private readonly idle: RangeWorker[];
  private readonly waiting: { readonly job: WorkerJob; readonly resolve: (o: WorkerReply) => void }[] = [];
  private readonly all: RangeWorker[];
  constructor(threads: number, url: URL = WORKER_URL) {
    this.all = Array.from({ length: threads }, () => startWorker(url));
    this.idle = [...this.all];
  }
  /**
   * Parses ranges (of one file or several) on this thread and the pool's first free thread
   * together: each takes the next unclaimed range, so both end within a range of each other
   * and a late thread start costs only the ranges this thread took meanwhile. This thread runs
   * the fast path alone (a range it cannot take fails, and the caller reads the file serially).
   * Outputs in the inputs' order. (`next`: the shared counter of ranges taken; tests pass one.)
   */
  async parseShared(inputs: readonly CsvWorkerInput[], next = new Int32Array(new SharedArrayBuffer(4))): Promise<CsvWorkerOutput[]> {
    const theirs = this.all.length > 0 ? this.post({ kind: 'claim', inputs, next }) : null;
    const outs: (CsvWorkerOutput | undefined)[] = new Array(inputs.length);
    let mine = 0;
    for (let i = claimNext(next); i < inputs.length; i = claimNext(next), mine++) outs[i] = parseRangeFastOnly(inputs[i]!);
    // A thread that took no range (it was still starting) is not waited for.
    if (theirs !== null && mine < inputs.length) {
      const reply = await theirs;
      rethrowInternal(reply);
      if ('claimed' in reply) for (const [i, out] of reply.claimed) outs[i] = out;
    }
    // Ranges a thread that died had claimed have no output.
    return Array.from(outs, (o) => o ?? unlocatedFailure(WORKER_DIED, 'the thread that took this range died')); // (map skips the holes)
  }
  /** Validates a trace on a thread: null when it is valid, the IngestError of its first violation, or `died` when no thread could answer. */
  async validate(req: Omit<ValidateRequest, 'kind'>): Promise<IngestError | null | 'died'> {
    const reply = await this.post({ kind: 'validate', ...req });
    if (diedReply(reply)) return 'died';
    rethrowInternal(reply);
    return replyError(reply as ValidateReply);
  }
  private post(job: WorkerJob): Promise<WorkerReply> {
    // A pool without threads (one core) answers as a dead thread: the caller does the job.
    if (this.all.length === 0) return Promise.resolve(unlocatedFailure(WORKER_DIED, 'no thread'));
    return new Promise((resolve) => {
      this.waiting.push({ job, resolve });
      this.next();
    });
  }
  private next(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.shift()!;
      const job = this.waiting.shift()!;
      void w.post(job.job).then((out) => {
        // A thread that died answers every later job the same way: it is not used again
        // unless it is the last one (then the waiting jobs get its answer).
        if (!diedReply(out) || this.idle.length === 0) this.idle.push(w);
        job.resolve(out);
        this.next();
      });
    }
  }
  /** Stops every thread (jobs still waiting or running answer as from a thread that died). */
  close(): void {
    for (const w of this.all) w.cancel();
  }
}

const BYTES = { int32: 4, float64: 8, bool: 1, utf8: 0 } as const;

/** Newlines in [start, end) of the file; -1 when a NUL byte is there. */
function newlinesIn(fd: number, start: number, end: number): number {
  let n = 0;
  for (let pos = start; pos < end; pos += BLOCK) {
    const buf = readAt(fd, pos, Math.min(BLOCK, end - pos));
    if (buf.indexOf(0) >= 0) return -1;
    n += countNewlines(buf, 0, buf.length);
  }
  return n;
}

/** [headerEnd, dataEnd) cut at line starts into at most `count` ranges, with their rows; null when a NUL byte is in it. */
function cutRanges(fd: number, headerEnd: number, dataEnd: number, count: number): { start: number; end: number; rows: number }[] | null {
  const out: { start: number; end: number; rows: number }[] = [];
  let start = headerEnd;
  for (let k = 1; k <= count && start < dataEnd; k++) {
    const end = k === count ? dataEnd : nextLineStart(fd, Math.max(start, headerEnd + Math.floor(((dataEnd - headerEnd) * k) / count)), dataEnd);
    if (end > start) {
      const newlines = newlinesIn(fd, start, end);
      if (newlines < 0) return null;
      const lastByte = readAt(fd, end - 1, 1)[0];
      out.push({ start, end, rows: newlines + (lastByte === 10 ? 0 : 1) });
    }
    start = end;
  }
  return out;
}

/**
 * Parses the CSV at `path` (header + records) as one range on the calling thread, by the fast
 * path alone, into the columns of `specs`: for a file too small to pay for a thread. Null when
 * the fast path cannot take it or finds an error: the caller then parses the file serially,
 * which words the error. `bindHeader` validates the header (it throws).
 */
export function parseCsvInThread(path: string, specs: readonly ColumnSpec[], idColumn: string, diag: Diagnostics, bindHeader: (header: readonly string[]) => void): ParallelTable | null {
  const plan = planRanges(path, specs, idColumn, diag, bindHeader, 1);
  return assembleRanges(plan, plan.inputs.map(parseRangeFastOnly));
}

/** A file cut at line boundaries into ranges, its shared storage allocated: each range's job. */
export interface RangePlan {
  readonly specs: readonly ColumnSpec[];
  readonly diag: Diagnostics;
  readonly header: readonly string[];
  readonly total: number;
  readonly ranges: readonly { readonly start: number; readonly end: number; readonly rows: number; readonly offset: number }[];
  readonly storage: CsvWorkerInput['storage'];
  readonly codes: SharedArrayBuffer;
  readonly inputs: readonly CsvWorkerInput[];
}

/**
 * Reads the header (validated by `bindHeader`, which throws), cuts the file into at most
 * `count` ranges of whole lines, counts each range's lines and allocates the shared columns.
 */
export function planRanges(path: string, specs: readonly ColumnSpec[], idColumn: string, diag: Diagnostics, bindHeader: (header: readonly string[]) => void, count: number): RangePlan {
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
    // Ranges cut and their lines counted in one pass; a NUL byte met on the way (the file was
    // truncated while written) ends the data at the last whole line before it, and the ranges
    // are cut again.
    let cut = readAt(fd, 0, headerEnd).indexOf(0) < 0 ? cutRanges(fd, headerEnd, size, count) : null;
    if (cut === null) {
      const z = firstNul(fd, size);
      const lineStart = lastNewlineBefore(fd, z) + 1;
      const line = lineOfOffset(fd, z);
      const column = z - lineStart + 1;
      for (let pos = z; pos < size; pos += BLOCK) {
        if (!onlyNulOrSpace(readAt(fd, pos, Math.min(BLOCK, size - pos)))) diag.error('nul-inside', { line }, messages.nulInside(column));
      }
      diag.warn('nul-truncated', { line }, messages.nulBytes(column), messages.nulRepair);
      cut = cutRanges(fd, headerEnd, lineStart, count)!;
    }
    for (const r of cut) {
      ranges.push({ ...r, offset: total });
      total += r.rows;
    }
  } finally {
    fs.closeSync(fd);
  }
  const storage: Record<string, { values: SharedArrayBuffer; valid: SharedArrayBuffer | null }> = {};
  for (const s of specs) if (s.type !== 'utf8') storage[s.name] = { values: new SharedArrayBuffer(Math.max(1, total * BYTES[s.type])), valid: s.nullable ? new SharedArrayBuffer(Math.max(1, total)) : null };
  const codes = new SharedArrayBuffer(Math.max(4, total * 4));
  const inputs = ranges.map((r) => ({ path, start: r.start, end: r.end, fileName: diag.file, strict: diag.strict, header, specs, idColumn, rowOffset: r.offset, rowCount: r.rows, storage, codes }));
  return { specs, diag, header, total, ranges, storage, codes, inputs };
}

/**
 * The table from every range's output (in the plan's order), or null when a range failed (a
 * located error, rows moved, a range the fast path could not take, a thread that died): the
 * caller then parses the file serially.
 */
export function assembleRanges(plan: RangePlan, outs: readonly CsvWorkerOutput[]): ParallelTable | null {
  const { specs, diag, header, total, ranges, storage, codes } = plan;
  // Line bases: the header is line 1; range k starts after the newlines of ranges < k.
  const bases = ranges.map((r) => 1 + r.offset);
  for (const o of outs) {
    if (o.ok) continue;
    rethrowInternal(o);
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
  const lines = new Int32Array(new SharedArrayBuffer(total * 4)); // shared: a validation thread reads it without a copy
  ok.forEach((o, k) => {
    const remap = o.dict.map(code);
    const { offset, rows } = ranges[k]!;
    const base = bases[k]! - offset + 1;
    for (let i = offset; i < offset + rows; i++) lines[i] = base + i;
    // A range whose ids all come first here keeps its codes (the first range always does).
    if (remap.every((c, j) => c === j)) return;
    for (let i = offset; i < offset + rows; i++) idCodes[i] = remap[idCodes[i]!]!;
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
