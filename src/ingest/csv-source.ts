/**
 * CSV records from text (pure) or from a file (streaming), parsed with csv-parse. Both paths
 * hand the same sink the header and then each record with its line number. A tail of NUL
 * bytes (a file truncated while being written) ends the input at the last complete line.
 */
import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { messages } from '../config/messages.js';
import type { Diagnostics } from './diagnostics.js';
import { MAX_LINE_CHARS } from './lines.js';

export interface CsvSink {
  header(columns: readonly string[]): void;
  /** One record; `line` is 1-based (records are one line each in the formats read here). */
  record(fields: readonly string[], line: number): void;
}

/**
 * Bytes read per chunk. csv-parse turns a whole chunk into records before they are drained,
 * so the chunk sets how many records are alive at once: small enough that they die in the
 * young generation instead of being promoted (measured on 1M node rows: 1 MiB chunks peaked
 * at 281 MiB RSS, 16 KiB at 168-171 MiB, same speed).
 */
export const CHUNK_BYTES = 1 << 14;

export const CSV_OPTIONS = { relax_column_count: false, skip_empty_lines: true, bom: true } as const;

function csvFailure(diag: Diagnostics, e: unknown): never {
  const err = e as { message?: string; lines?: number };
  return diag.error('csv', err.lines !== undefined ? { line: err.lines } : {}, messages.csvSyntax(err.message ?? String(e)));
}

/** Cuts `text` at a NUL tail; returns the usable text and the line of the NUL (null if none). */
function cutAtNul(text: string, diag: Diagnostics, lineBase = 1): { text: string; nulLine: number | null; column: number } {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return { text, nulLine: null, column: 0 };
  const lastNewline = text.lastIndexOf('\n', nul);
  if (text.slice(nul).replace(/[\u0000\s]/g, '') !== '') {
    diag.error('nul-inside', { line: lineBase + countLines(text, nul) }, messages.nulInside(nul - lastNewline));
  }
  return { text: text.slice(0, lastNewline + 1), nulLine: lineBase + countLines(text, nul), column: nul - lastNewline };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function deliver(records: Iterable<string[]>, sink: CsvSink): void {
  let line = 0;
  for (const rec of records) {
    line++;
    if (line === 1) sink.header(rec);
    else sink.record(rec, line);
  }
}

export function feedCsvText(text: string, sink: CsvSink, diag: Diagnostics): void {
  const cut = cutAtNul(text, diag);
  let records: string[][];
  try {
    records = parseSync(cut.text, CSV_OPTIONS) as string[][];
  } catch (e) {
    csvFailure(diag, e);
  }
  if (records.length === 0) diag.error('empty', {}, messages.emptyFile);
  deliver(records, sink);
  if (cut.nulLine !== null) diag.warn('nul-truncated', { line: cut.nulLine }, messages.nulBytes(cut.column), messages.nulRepair);
}

export function countNewlines(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, start); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

export function onlyNulOrSpace(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c !== 0 && c !== 10 && c !== 13 && c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A byte range of a CSV file holding whole records (no header), starting at line `firstLine`. */
export interface CsvRange {
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
}

/**
 * Streams a CSV file (or a byte range of it) to `sink`. Without a range the first record is
 * the header; with one every record is data and a NUL byte is an error (the caller cut the
 * NUL tail off before splitting the file). Resolves to the number of newlines read.
 */
export async function feedCsvFile(path: string, sink: CsvSink, diag: Diagnostics, range?: CsvRange, maxLineBytes = MAX_LINE_CHARS): Promise<number> {
  let nul = null as { line: number; column: number } | null;
  let newlines = 0;
  // Bytes go to csv-parse as Buffers (no string round trip), whole lines only, so a NUL
  // tail can never cut a record in the middle unnoticed. The pieces of an unfinished line are
  // kept apart and joined once (linear however long the line), up to maxLineBytes.
  async function* chunks(): AsyncGenerator<Buffer> {
    let lines = range?.firstLine ?? 1;
    let parts: Buffer[] = [];
    let partsLength = 0;
    const stream = fs.createReadStream(path, range ? { highWaterMark: CHUNK_BYTES, start: range.start, end: range.end - 1 } : { highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (nul !== null) {
        if (!onlyNulOrSpace(chunk)) diag.error('nul-inside', { line: nul.line }, messages.nulInside(nul.column));
        continue;
      }
      const firstNewline = chunk.indexOf(10);
      if (partsLength + (firstNewline < 0 ? chunk.length : firstNewline) > maxLineBytes) diag.error('limit', { line: lines }, messages.lineTooLong(maxLineBytes));
      if (firstNewline < 0 && chunk.indexOf(0) < 0) {
        parts.push(chunk);
        partsLength += chunk.length;
        continue;
      }
      const buf = parts.length > 0 ? Buffer.concat([...parts, chunk]) : chunk;
      parts = [];
      partsLength = 0;
      const z = buf.indexOf(0);
      if (z >= 0) {
        const lastNewline = buf.lastIndexOf(10, z);
        nul = { line: lines + countNewlines(buf, 0, z), column: z - lastNewline };
        if (range !== undefined || !onlyNulOrSpace(buf.subarray(z))) diag.error('nul-inside', { line: nul.line }, messages.nulInside(nul.column));
        if (lastNewline >= 0) yield buf.subarray(0, lastNewline + 1);
        continue;
      }
      const lastNewline = buf.lastIndexOf(10);
      const n = countNewlines(buf, 0, lastNewline + 1);
      lines += n;
      newlines += n;
      yield buf.subarray(0, lastNewline + 1);
      if (lastNewline + 1 < buf.length) {
        parts = [buf.subarray(lastNewline + 1)];
        partsLength = buf.length - lastNewline - 1;
      }
    }
    if (partsLength > 0) yield parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
  let failure: unknown = null;
  // Records are drained synchronously on 'readable' as csv-parse emits them: no per-record
  // promise on the hot path.
  let line = range !== undefined ? range.firstLine - 1 : 0;
  const header = range === undefined;
  const parser = parse(CSV_OPTIONS);
  parser.on('readable', () => {
    if (failure !== null) return;
    try {
      for (let rec = parser.read() as string[] | null; rec !== null; rec = parser.read() as string[] | null) {
        line++;
        if (header && line === 1) sink.header(rec);
        else sink.record(rec, line);
      }
    } catch (e) {
      failure ??= e;
    }
  });
  parser.on('error', (e) => (failure ??= e));
  try {
    for await (const chunk of chunks()) {
      if (failure !== null) break;
      parser.write(chunk);
    }
    parser.end();
    if (failure === null) await finished(parser).catch((e: unknown) => (failure ??= e));
  } catch (e) {
    failure ??= e;
  }
  if (failure !== null) {
    if ((failure as Error).name === 'IngestError') throw failure;
    csvFailure(diag, failure);
  }
  if (range !== undefined) return newlines;
  if (line === 0) diag.error('empty', {}, messages.emptyFile);
  if (nul !== null) diag.warn('nul-truncated', { line: nul.line }, messages.nulBytes(nul.column), messages.nulRepair);
  return newlines;
}

/** Rows a CSV file holds, estimated from its size and its first lines (for pre-sizing columns). */
export function estimateRows(path: string): number {
  const size = fs.statSync(path).size;
  const fd = fs.openSync(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const lines = countNewlines(head, 0, n);
    if (lines < 2 || n === size) return lines + 1;
    return Math.ceil((size / n) * lines * 1.02);
  } finally {
    fs.closeSync(fd);
  }
}
