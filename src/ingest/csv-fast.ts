/**
 * A byte-level fast path for a plain range of a canonical CSV file (no quotes, one record per
 * line, `\n` or `\r\n` endings, no blank lines, every record as wide as the header): fields are
 * cut at commas and the numeric ones parsed from the bytes into their columns, with no string
 * per field. Anything else — a quote, a lone `\r`, a blank line, a record of another width —
 * makes it give up (return false) before the caller parses the same range with csv-parse, so
 * every table and every error stays what csv-parse gives. A field the fast parse does not take
 * (an exponent, more than 15 digits, `NaN`, a bad value) goes through the column's own writer
 * as text: the same value, or the same located error.
 */
import * as fs from 'node:fs';
import type { Int32Builder } from '../schema/columns.js';
import type { FieldWriter } from './csv-columns.js';

/** How the fast path writes one column. */
export type FastColumn =
  | { readonly kind: 'int32'; readonly push: (v: number) => void; readonly slow: FieldWriter }
  | { readonly kind: 'float64'; readonly push: (v: number) => void; readonly slow: FieldWriter }
  | { readonly kind: 'bool'; readonly push: (v: boolean) => void; readonly slow: FieldWriter }
  | { readonly kind: 'text'; readonly slow: FieldWriter };

export interface FastRange {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** Fields per record (the header's width). */
  readonly width: number;
  /** The writer of each field by its place in the record (null: a field no column takes). */
  readonly columns: readonly (FastColumn | null)[];
  /** The id column's place, where its codes go, and the code of an id (the range's dictionary). */
  readonly idAt: number;
  readonly codes: Int32Builder;
  readonly intern: (id: string) => number;
  /** Called once per record after its fields (columns the header lacks). */
  readonly afterRecord: () => void;
  /** The longest line the csv-parse path accepts. */
  readonly maxLineBytes: number;
  /** Newlines read (what the csv-parse path reports for a range). */
  newlines: number;
}

const CHUNK = 1 << 20;
const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
/** 10^k, exact for k <= 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** True when the range has no quote and no `\r` outside a `\r\n` (the fast path's input). */
export function plainRange(path: string, start: number, end: number): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK + 1);
    for (let pos = start; pos < end; pos += CHUNK) {
      // One byte past the chunk, to see what follows a \r at its end.
      const n = fs.readSync(fd, buf, 0, Math.min(CHUNK + 1, end - pos), pos);
      const view = buf.subarray(0, n);
      const own = Math.min(n, CHUNK);
      const q = view.indexOf(QUOTE);
      if (q >= 0 && q < own) return false;
      for (let i = view.indexOf(CR); i >= 0 && i < own; i = view.indexOf(CR, i + 1)) if (i + 1 >= n || view[i + 1] !== LF) return false;
    }
    return true;
  } finally {
    fs.closeSync(fd);
  }
}

/** A whole number from bytes [a, b): NaN unless it is [-]digits with at most 10 digits. */
function wholeAt(buf: Buffer, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (buf[i] === MINUS) {
    neg = true;
    i++;
  }
  const digits = b - i;
  if (digits < 1 || digits > 10) return NaN;
  let v = 0;
  for (; i < b; i++) {
    const c = buf[i]! - ZERO;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

/**
 * A decimal from bytes [a, b): [-]digits[.digits] with at most 15 digits in all, as the exact
 * mantissa over an exact power of ten (one correctly rounded division: the value `Number`
 * gives); NaN for anything else (the caller parses the text instead).
 */
function decimalAt(buf: Buffer, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (buf[i] === MINUS) {
    neg = true;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = -1;
  let intDigits = 0;
  for (; i < b; i++) {
    const ch = buf[i]!;
    if (ch === DOT) {
      if (frac >= 0 || intDigits === 0) return NaN;
      frac = 0;
      continue;
    }
    const c = ch - ZERO;
    if (c < 0 || c > 9) return NaN;
    mant = mant * 10 + c;
    digits++;
    if (frac >= 0) frac++;
    else intDigits++;
  }
  if (digits === 0 || digits > 15 || frac === 0) return NaN;
  const v = frac > 0 ? mant / POW10[frac]! : mant;
  return neg ? -v : v;
}

function isBool(buf: Buffer, a: number, b: number): boolean | null {
  const n = b - a;
  if (n === 1) return buf[a] === 49 ? true : buf[a] === ZERO ? false : null;
  if (n === 4 && (buf[a] === 116 || buf[a] === 84) && buf[a + 1] === 114 && buf[a + 2] === 117 && buf[a + 3] === 101) return true;
  if (n === 5 && (buf[a] === 102 || buf[a] === 70) && buf[a + 1] === 97 && buf[a + 2] === 108 && buf[a + 3] === 115 && buf[a + 4] === 101) return false;
  return null;
}

/**
 * Parses the range's records; `false` when a record is not plain (the caller then parses the
 * range with csv-parse from scratch: nothing written here is kept). Records are numbered from 1
 * (as the csv-parse path numbers a range's records).
 */
export function parseFast(r: FastRange): boolean {
  let lastId: Buffer | null = null;
  let lastCode = -1;
  const starts = new Int32Array(r.width + 1);

  /** One record's fields into their columns; false when it is not for the fast path. */
  const record = (buf: Buffer, line: number): boolean => {
    for (let k = 0; k < r.width; k++) {
      const a = starts[k]!;
      const b = starts[k + 1]! - 1;
      if (k === r.idAt) {
        if (lastId === null || b - a !== lastId.length || buf.compare(lastId, 0, lastId.length, a, b) !== 0) {
          const id = buf.toString('utf8', a, b);
          if (id === '') return false; // the csv-parse path reports it
          lastId = Buffer.from(buf.subarray(a, b));
          lastCode = r.intern(id);
        }
        r.codes.push(lastCode);
        continue;
      }
      const col = r.columns[k];
      if (col === null || col === undefined) continue;
      switch (col.kind) {
        case 'int32': {
          const v = wholeAt(buf, a, b);
          if (Number.isNaN(v) || v > 2147483647 || v < -2147483648) col.slow(buf.toString('utf8', a, b), line);
          else col.push(v);
          break;
        }
        case 'float64': {
          const v = decimalAt(buf, a, b);
          if (Number.isNaN(v)) col.slow(buf.toString('utf8', a, b), line);
          else col.push(v);
          break;
        }
        case 'bool': {
          const v = isBool(buf, a, b);
          if (v === null) col.slow(buf.toString('utf8', a, b), line);
          else col.push(v);
          break;
        }
        case 'text':
          col.slow(buf.toString('utf8', a, b), line);
      }
    }
    r.afterRecord();
    return true;
  };

  const fd = fs.openSync(r.path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let carry = 0;
    let pos = r.start;
    let line = 0;
    for (;;) {
      const n = pos < r.end ? fs.readSync(fd, buf, carry, Math.min(buf.length - carry, r.end - pos), pos) : 0;
      pos += n;
      const avail = carry + n;
      const last = pos >= r.end || n === 0;
      let lineStart = 0;
      while (lineStart < avail) {
        let nl = buf.indexOf(LF, lineStart);
        if (nl < 0 || nl >= avail) {
          if (!last) break;
          nl = avail; // a last line without a newline
        } else r.newlines++;
        let lineEnd = nl;
        if (lineEnd > lineStart && buf[lineEnd - 1] === CR) lineEnd--;
        if (lineEnd === lineStart) return false; // a blank line: csv-parse skips it
        line++;
        // Field k is bytes [starts[k], starts[k + 1] - 1): a comma or the line end follows it.
        let f = 0;
        starts[0] = lineStart;
        for (let i = buf.indexOf(COMMA, lineStart); i >= 0 && i < lineEnd; i = buf.indexOf(COMMA, i + 1)) {
          if (++f >= r.width) return false;
          starts[f] = i + 1;
        }
        if (f !== r.width - 1) return false;
        starts[r.width] = lineEnd + 1;
        if (!record(buf, line)) return false;
        lineStart = nl + 1;
      }
      if (last) return true;
      // Keep the unfinished line for the next read (a longer buffer if one line fills it).
      carry = avail - lineStart;
      if (carry > r.maxLineBytes) return false; // the csv-parse path reports the long line
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
