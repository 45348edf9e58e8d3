/**
 * A byte-level fast path for a plain range of a canonical CSV file (no quotes, one record per
 * line, `\n` or `\r\n` endings, no blank lines, every record as wide as the header): fields are
 * cut at commas and the numeric ones parsed from the bytes straight into their rows of the
 * column storage, with no string per field. Anything else (a quote, a lone `\r`, a blank line, a
 * record of another width) makes it give up (return -1) before the caller parses the same range
 * with csv-parse, so every table and every error stays what csv-parse gives. A field the fast parse does not take
 * (an exponent, more than 15 digits, `NaN`, a bad value) goes through the column's own writer
 * as text: the same value, or the same located error.
 */
import * as fs from 'node:fs';
import type { FieldWriter } from './csv-columns.js';

/** A builder whose length the fast path sets (the rows it wrote in place). */
interface Rows {
  length: number;
}

/**
 * How the fast path writes one column: numbers and booleans straight into the column's rows
 * (`values`, and `valid` for a nullable column); a field it does not take goes to `slow` (the
 * column's own text writer) with the builder's length set to the row, so it lands in place.
 */
export type FastColumn =
  | { readonly kind: 'int32'; readonly values: Int32Array; readonly valid: Uint8Array | null; readonly builder: Rows; readonly slow: FieldWriter }
  | { readonly kind: 'float64'; readonly values: Float64Array; readonly valid: Uint8Array | null; readonly builder: Rows; readonly slow: FieldWriter }
  | { readonly kind: 'bool'; readonly values: Uint8Array; readonly builder: Rows; readonly slow: FieldWriter }
  | { readonly kind: 'text'; readonly slow: FieldWriter };

export interface FastRange {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** Fields per record (the header's width). */
  readonly width: number;
  /** The writer of each field by its place in the record (null: a field no column takes). */
  readonly columns: readonly (FastColumn | null)[];
  /** The id column's place, the range's rows of id codes, and the code of an id (the range's dictionary). */
  readonly idAt: number;
  readonly codes: Int32Array;
  readonly intern: (id: string) => number;
  /** Called once per record after its fields (columns the header lacks), if any. */
  readonly afterRecord: (() => void) | null;
  /** The longest line the csv-parse path accepts. */
  readonly maxLineBytes: number;
  /** Newlines read (what the csv-parse path reports for a range). */
  newlines: number;
}

const CHUNK = 1 << 20;
/** The read buffer of `parseFast` (a fresh 1 MiB per range was garbage for the collector). */
const SCRATCH = Buffer.allocUnsafe(CHUNK);
const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
/** 10^k, exact for k <= 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * True when buf[from, to) has no quote and every `\r` in it is followed by `\n` (the fast path's
 * input): a `\r` at `to - 1` is judged by the byte after it, unless `atEnd` (nothing follows).
 * A `\r` at `to - 1` with more to come is judged on the next read, where it is the byte before
 * the new ones.
 */
function plainBytes(buf: Buffer, from: number, to: number, atEnd: boolean): boolean {
  const view = buf.subarray(from, to);
  if (view.indexOf(QUOTE) >= 0) return false;
  for (let i = view.indexOf(CR); i >= 0; i = view.indexOf(CR, i + 1)) {
    if (i + 1 < view.length ? view[i + 1] !== LF : atEnd) return false;
  }
  return true;
}

/** The value of the field scanned last (NaN: one the fast parse does not take). */
const scanned = new Float64Array(1);

/**
 * Scans a field from `a` to the next comma (or `end`), reading it on the way as a whole number:
 * [-]digits, at most 10 of them, in the 32-bit range; returns where the field ends, its value in
 * `scanned[0]`.
 */
function scanWhole(buf: Buffer, a: number, end: number): number {
  let i = a;
  let neg = false;
  if (i < end && buf[i] === MINUS) {
    neg = true;
    i++;
  }
  const d0 = i;
  let v = 0;
  let ok = true;
  for (; i < end; i++) {
    const ch = buf[i]!;
    if (ch === COMMA) break;
    const c = ch - ZERO;
    if (c < 0 || c > 9) ok = false;
    else v = v * 10 + c;
  }
  const digits = i - d0;
  const x = neg ? -v : v;
  scanned[0] = ok && digits >= 1 && digits <= 10 && x <= 2147483647 && x >= -2147483648 ? x : NaN;
  return i;
}

/**
 * As `scanWhole`, for a decimal: [-]digits[.digits] with at most 15 digits in all, read as the
 * exact mantissa over an exact power of ten (one correctly rounded division: the value
 * `Number` gives).
 */
function scanDecimal(buf: Buffer, a: number, end: number): number {
  let i = a;
  let neg = false;
  if (i < end && buf[i] === MINUS) {
    neg = true;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = -1;
  let intDigits = 0;
  let ok = true;
  for (; i < end; i++) {
    const ch = buf[i]!;
    if (ch === COMMA) break;
    if (ch === DOT) {
      if (frac >= 0 || intDigits === 0) ok = false;
      else frac = 0;
      continue;
    }
    const c = ch - ZERO;
    if (c < 0 || c > 9) ok = false;
    else {
      mant = mant * 10 + c;
      digits++;
      if (frac >= 0) frac++;
      else intDigits++;
    }
  }
  if (!ok || digits === 0 || digits > 15 || frac === 0) scanned[0] = NaN;
  else {
    const v = frac > 0 ? mant / POW10[frac]! : mant;
    scanned[0] = neg ? -v : v;
  }
  return i;
}

function isBool(buf: Buffer, a: number, b: number): boolean | null {
  const n = b - a;
  if (n === 1) return buf[a] === 49 ? true : buf[a] === ZERO ? false : null;
  if (n === 4 && (buf[a] === 116 || buf[a] === 84) && buf[a + 1] === 114 && buf[a + 2] === 117 && buf[a + 3] === 101) return true;
  if (n === 5 && (buf[a] === 102 || buf[a] === 70) && buf[a + 1] === 97 && buf[a + 2] === 108 && buf[a + 3] === 115 && buf[a + 4] === 101) return false;
  return null;
}

/** A field the fast parse does not take, through the column's writer at its row. */
function slowAt(c: FastColumn, row: number, buf: Buffer, a: number, b: number, line: number): void {
  if (c.kind !== 'text') c.builder.length = row;
  c.slow(buf.toString('utf8', a, b), line);
}

const SKIP = 0;
const ID = 1;
const INT = 2;
const REAL = 3;
const BOOL = 4;
const TEXT = 5;

/** Reads one record's fields into row `row`: false when the record is not plain (or an id is empty). */
type RecordReader = (buf: Buffer, a: number, lineEnd: number, row: number, line: number) => boolean;

/** What a generated record reader is made over: the range's columns and the field helpers. */
interface RecordEnv {
  readonly columns: readonly (FastColumn | null)[];
  readonly codes: Int32Array;
  readonly intern: (id: string) => number;
  readonly scanWhole: typeof scanWhole;
  readonly scanDecimal: typeof scanDecimal;
  readonly isBool: typeof isBool;
  readonly slowAt: typeof slowAt;
  readonly scanned: Float64Array;
}

/** Record reader factories by field layout (kinds and nullability), compiled once per process. */
const READERS = new Map<string, (env: RecordEnv) => RecordReader>();

/**
 * The source of a record reader for one field layout: the fields unrolled in order, each
 * column's arrays held in its own local, so every load and store has one type (the generic loop
 * dispatched on the field's kind and stored through a column object: about 30 ns a field). The
 * generated code comes from the kinds alone (no name or value from the file is in it) and does
 * exactly what the loop in the comments of each case says.
 */
function readerSource(kinds: Int8Array, nullable: readonly boolean[]): string {
  const width = kinds.length;
  const out: string[] = ['"use strict";', 'const { columns, codes, intern, scanWhole, scanDecimal, isBool, slowAt, scanned } = env;', 'let lastId = new Uint8Array(0);', 'let lastCode = -1;'];
  for (let k = 0; k < width; k++) {
    const kind = kinds[k]!;
    if (kind === INT || kind === REAL || kind === BOOL || kind === TEXT) out.push(`const c${k} = columns[${k}];`);
    if (kind === INT || kind === REAL || kind === BOOL) out.push(`const v${k} = c${k}.values;`);
    if ((kind === INT || kind === REAL) && nullable[k]) out.push(`const m${k} = c${k}.valid;`);
  }
  out.push('return function readRecord(buf, a, lineEnd, row, line) {', 'let b; let v;');
  for (let k = 0; k < width; k++) {
    const kind = kinds[k]!;
    // Every field but the last ends at a comma, the last at the line's end.
    const misplaced = k < width - 1 ? 'b === lineEnd' : 'b !== lineEnd';
    if (kind === INT) out.push('b = scanWhole(buf, a, lineEnd);');
    else if (kind === REAL) out.push('b = scanDecimal(buf, a, lineEnd);');
    else out.push(`b = a; while (b < lineEnd && buf[b] !== ${COMMA}) b++;`);
    out.push(`if (${misplaced}) return false;`);
    if (kind === ID) {
      out.push(
        '{ const len = b - a; let same = len === lastId.length;',
        'for (let j = 0; same && j < len; j++) same = buf[a + j] === lastId[j];',
        'if (!same) { if (len === 0) return false; lastId = Uint8Array.prototype.slice.call(buf, a, b); lastCode = intern(buf.toString("utf8", a, b)); }',
        'codes[row] = lastCode; }',
      );
    } else if (kind === INT || kind === REAL) {
      out.push('v = scanned[0];');
      if (nullable[k]) out.push(`if (v === v) { v${k}[row] = v; m${k}[row] = 1; } else if (a === b) { v${k}[row] = 0; m${k}[row] = 0; } else slowAt(c${k}, row, buf, a, b, line);`);
      else out.push(`if (v === v) v${k}[row] = v; else slowAt(c${k}, row, buf, a, b, line);`);
    } else if (kind === BOOL) out.push(`v = isBool(buf, a, b); if (v === null) slowAt(c${k}, row, buf, a, b, line); else v${k}[row] = v ? 1 : 0;`);
    else if (kind === TEXT) out.push(`slowAt(c${k}, row, buf, a, b, line);`);
    out.push('a = b + 1;');
  }
  out.push('return true;', '};');
  return out.join('\n');
}

/** The record reader of a range (its layout's factory compiled on first use). */
function recordReader(r: FastRange, kinds: Int8Array): RecordReader {
  const nullable = r.columns.map((c) => (c?.kind === 'int32' || c?.kind === 'float64') && c.valid !== null);
  const key = `${kinds.join(',')}/${nullable.map(Number).join('')}`;
  let make = READERS.get(key);
  if (make === undefined) {
    make = new Function('env', readerSource(kinds, nullable)) as (env: RecordEnv) => RecordReader;
    READERS.set(key, make);
  }
  return make({ columns: r.columns, codes: r.codes, intern: r.intern, scanWhole, scanDecimal, isBool, slowAt, scanned });
}

/**
 * Parses the range's records into their rows; the number of records, or -1 when the range is
 * not plain (a quote, a lone `\r`, a blank line, a record of another width) or the rows outnumber the storage (the caller then parses the range with csv-parse
 * from scratch: nothing written here is kept). Records are numbered from 1 (as the csv-parse
 * path numbers a range's records).
 */
export function parseFast(r: FastRange): number {
  const width = r.width;
  const kinds = new Int8Array(width);
  for (let k = 0; k < width; k++) {
    const c = r.columns[k];
    kinds[k] = k === r.idAt ? ID : c === null || c === undefined ? SKIP : c.kind === 'int32' ? INT : c.kind === 'float64' ? REAL : c.kind === 'bool' ? BOOL : TEXT;
  }
  const readRecord = recordReader(r, kinds);
  const capacity = r.codes.length;
  const afterRecord = r.afterRecord;
  let row = 0;
  let newlines = 0;

  const fd = fs.openSync(r.path, 'r');
  try {
    let buf = SCRATCH; // a range is parsed synchronously: one read buffer per thread serves them all
    let carry = 0;
    let pos = r.start;
    let line = 0;
    for (;;) {
      const n = pos < r.end ? fs.readSync(fd, buf, carry, Math.min(buf.length - carry, r.end - pos), pos) : 0;
      pos += n;
      const avail = carry + n;
      const last = pos >= r.end || n === 0;
      // A quote or a lone \r: csv-parse reads the range (from the byte before the new ones: a
      // \r that ended the last read).
      if (!plainBytes(buf, Math.max(0, carry - 1), avail, last)) return -1;
      let lineStart = 0;
      while (lineStart < avail) {
        let nl = buf.indexOf(LF, lineStart);
        if (nl < 0 || nl >= avail) {
          if (!last) break;
          nl = avail; // a last line without a newline
        } else newlines++;
        let lineEnd = nl;
        if (lineEnd > lineStart && buf[lineEnd - 1] === CR) lineEnd--;
        if (lineEnd === lineStart) return -1; // a blank line: csv-parse skips it
        if (row >= capacity) return -1;
        line++;
        if (!readRecord(buf, lineStart, lineEnd, row, line)) return -1;
        if (afterRecord !== null) afterRecord();
        row++;
        lineStart = nl + 1;
      }
      if (last) {
        r.newlines = newlines;
        return row;
      }
      // Keep the unfinished line for the next read (a longer buffer if one line fills it).
      carry = avail - lineStart;
      if (carry > r.maxLineBytes) return -1; // the csv-parse path reports the long line
      if (carry === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      } else if (carry > 0) buf.copy(buf, 0, lineStart, avail);
    }
  } finally {
    fs.closeSync(fd);
  }
}
