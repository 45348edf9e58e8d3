/**
 * CSV records from text (pure) or from a file (streaming), parsed with csv-parse. Both paths
 * hand the same sink the header and then each record with its line number. A tail of NUL
 * bytes (a file truncated while being written) ends the input at the last complete line.
 */
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { messages } from '../config/messages.js';
import type { Diagnostics } from './diagnostics.js';

export interface CsvSink {
  header(columns: readonly string[]): void;
  /** One record; `line` is 1-based (records are one line each in the formats read here). */
  record(fields: readonly string[], line: number): void;
}

const OPTIONS = { relax_column_count: false, skip_empty_lines: true, bom: true } as const;

function csvFailure(diag: Diagnostics, e: unknown): never {
  const err = e as { message?: string; lines?: number };
  return diag.error('csv', err.lines !== undefined ? { line: err.lines } : {}, messages.csvSyntax(err.message ?? String(e)));
}

/** Cuts `text` at a NUL tail; returns the usable text and the line of the NUL (null if none). */
function cutAtNul(text: string, diag: Diagnostics, lineBase: number): { text: string; nulLine: number | null; column: number } {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return { text, nulLine: null, column: 0 };
  if (text.slice(nul).replace(/[\u0000\s]/g, '') !== '') {
    diag.error('nul-inside', { line: lineBase + countLines(text, nul) }, messages.nulInside(nul + 1));
  }
  const lastNewline = text.lastIndexOf('\n', nul);
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
  const cut = cutAtNul(text, diag, 1);
  let records: string[][];
  try {
    records = parseSync(cut.text, OPTIONS) as string[][];
  } catch (e) {
    csvFailure(diag, e);
  }
  if (records.length === 0) diag.error('empty', {}, messages.emptyFile);
  deliver(records, sink);
  if (cut.nulLine !== null) diag.warn('nul-truncated', { line: cut.nulLine }, messages.nulBytes(cut.column), messages.nulRepair);
}

export async function feedCsvFile(path: string, sink: CsvSink, diag: Diagnostics): Promise<void> {
  let nul = null as { line: number; column: number } | null;
  // Yields whole lines only, so a NUL tail can never cut a record in the middle unnoticed.
  async function* chunks(): AsyncGenerator<string> {
    let lines = 1;
    let carry = '';
    for await (const chunk of fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
      if (nul !== null) {
        if (chunk.replace(/[\u0000\s]/g, '') !== '') diag.error('nul-inside', { line: nul.line }, messages.nulInside(nul.column));
        continue;
      }
      const text = carry + chunk;
      const cut = cutAtNul(text, diag, lines);
      if (cut.nulLine !== null) {
        nul = { line: cut.nulLine, column: cut.column };
        carry = '';
        if (cut.text.length > 0) yield cut.text;
        continue;
      }
      const lastNewline = text.lastIndexOf('\n');
      const whole = text.slice(0, lastNewline + 1);
      carry = text.slice(lastNewline + 1);
      lines += countLines(whole, whole.length);
      if (whole.length > 0) yield whole;
    }
    if (carry.length > 0) yield carry;
  }
  const parser = Readable.from(chunks()).pipe(parse(OPTIONS));
  let line = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      line++;
      if (line === 1) sink.header(rec);
      else sink.record(rec, line);
    }
  } catch (e) {
    if ((e as Error).name === 'IngestError') throw e;
    csvFailure(diag, e);
  }
  if (line === 0) diag.error('empty', {}, messages.emptyFile);
  if (nul !== null) diag.warn('nul-truncated', { line: nul.line }, messages.nulBytes(nul.column), messages.nulRepair);
}
