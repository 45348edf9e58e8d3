/**
 * Bounds checks of the flatbuffers in an Arrow file's headers (the footer, each message's
 * metadata) before apache-arrow decodes them: its decoder trusts every vector length, so one
 * flipped byte can make it build millions of objects until the process runs out of memory (the
 * corrupt-file tests found this). Checked: every table, vector and string named by the Arrow
 * schema (Message.fbs, Schema.fbs, File.fbs) lies inside the buffer.
 */

class Bounds {
  constructor(private readonly b: Uint8Array) {}
  private fail(what: string, at: number): never {
    throw new Error(`damaged header: ${what} at byte ${at} runs past its ${this.b.length}-byte buffer`);
  }
  private need(at: number, n: number, what: string): void {
    if (!(Number.isSafeInteger(at) && at >= 0 && at + n <= this.b.length)) this.fail(what, at);
  }
  u32(at: number, what = 'an offset'): number {
    this.need(at, 4, what);
    return (this.b[at]! | (this.b[at + 1]! << 8) | (this.b[at + 2]! << 16)) + this.b[at + 3]! * 2 ** 24;
  }
  private i32(at: number): number {
    this.need(at, 4, 'a vtable offset');
    return this.b[at]! | (this.b[at + 1]! << 8) | (this.b[at + 2]! << 16) | (this.b[at + 3]! << 24);
  }
  private u16(at: number): number {
    this.need(at, 2, 'a vtable entry');
    return this.b[at]! | (this.b[at + 1]! << 8);
  }
  /** A little-endian int64 inside the buffer, as a number; NaN when not a safe non-negative integer. */
  i64(at: number, what: string): number {
    const v = this.u32(at, what) + this.u32(at + 4, what) * 2 ** 32;
    return Number.isSafeInteger(v) ? v : NaN;
  }
  u8(at: number): number {
    this.need(at, 1, 'a byte field');
    return this.b[at]!;
  }
  /** A table at `pos`: the position of field `i`, or 0 when absent. */
  table(pos: number): (i: number) => number {
    const vt = pos - this.i32(pos);
    const vlen = this.u16(vt);
    this.need(vt, vlen, 'a vtable');
    return (i) => {
      if (4 + 2 * i >= vlen) return 0;
      const off = this.u16(vt + 4 + 2 * i);
      return off === 0 ? 0 : pos + off;
    };
  }
  /** The target of the offset stored at `at`. */
  ref(at: number): number {
    return at + this.u32(at);
  }
  /** A vector at `pos` of `size`-byte elements: checks it fits; returns its first element and length. */
  vector(pos: number, size: number, what: string): { start: number; length: number } {
    const length = this.u32(pos, what);
    this.need(pos + 4, length * size, what);
    return { start: pos + 4, length };
  }
}

function checkKeyValues(b: Bounds, field: number): void {
  if (field === 0) return;
  const v = b.vector(b.ref(field), 4, 'the custom metadata');
  for (let k = 0; k < v.length; k++) {
    const kv = b.table(b.ref(v.start + 4 * k));
    for (const f of [kv(0), kv(1)]) if (f !== 0) b.vector(b.ref(f), 1, 'a metadata string');
  }
}

function checkField(b: Bounds, pos: number, depth: number): void {
  if (depth > 64) throw new Error('damaged header: fields nested more than 64 deep');
  const f = b.table(pos);
  if (f(0) !== 0) b.vector(b.ref(f(0)), 1, 'a field name');
  if (f(5) !== 0) {
    const children = b.vector(b.ref(f(5)), 4, 'the children of a field');
    for (let k = 0; k < children.length; k++) checkField(b, b.ref(children.start + 4 * k), depth + 1);
  }
  checkKeyValues(b, f(6));
}

function checkSchema(b: Bounds, pos: number): void {
  const s = b.table(pos);
  if (s(1) !== 0) {
    const fields = b.vector(b.ref(s(1)), 4, 'the schema fields');
    for (let k = 0; k < fields.length; k++) checkField(b, b.ref(fields.start + 4 * k), 0);
  }
  checkKeyValues(b, s(2));
}

/** Checks an Arrow file footer (File.fbs: schema, dictionary and record batch blocks). */
export function checkFooter(buf: Uint8Array): void {
  const b = new Bounds(buf);
  const footer = b.table(b.u32(0));
  if (footer(1) !== 0) checkSchema(b, b.ref(footer(1)));
  if (footer(2) !== 0) b.vector(b.ref(footer(2)), 24, 'the dictionary blocks');
  if (footer(3) !== 0) b.vector(b.ref(footer(3)), 24, 'the record batch blocks');
  checkKeyValues(b, footer(4));
}

/**
 * The file offsets of the record batches a footer lists (File.fbs: Block { offset: long,
 * metaDataLength: int, bodyLength: long }, 24 bytes), after checking the whole footer.
 */
export function footerRecordBatchOffsets(buf: Uint8Array): number[] {
  checkFooter(buf);
  const b = new Bounds(buf);
  const footer = b.table(b.u32(0));
  if (footer(3) === 0) return [];
  const v = b.vector(b.ref(footer(3)), 24, 'the record batch blocks');
  const out: number[] = [];
  for (let k = 0; k < v.length; k++) {
    const offset = b.i64(v.start + 24 * k, 'a record batch offset');
    if (Number.isNaN(offset)) throw new Error(`damaged header: record batch ${k}'s offset is not a file position`);
    out.push(offset);
  }
  return out;
}

/** What the reader needs of a message header (Message.fbs), read after `checkMessage`. */
export interface MessageHeader {
  /** MessageHeader union: 1 Schema, 2 DictionaryBatch, 3 RecordBatch (0 when absent). */
  readonly type: number;
  /** The body's bytes; NaN when it is not a safe integer. */
  readonly bodyLength: number;
  /** A record batch's row count and its field nodes' lengths (NaN where not a safe integer). */
  readonly rows: number;
  readonly nodeLengths: readonly number[];
}

/**
 * Checks a message's metadata and reads its type, body length and (for a record batch) the
 * row counts, from the flatbuffer itself: apache-arrow's decoded header keeps the field nodes
 * under a name its single-file build does not preserve.
 */
export function readMessageHeader(buf: Uint8Array): MessageHeader {
  checkMessage(buf);
  const b = new Bounds(buf);
  const msg = b.table(b.u32(0));
  const type = msg(1) === 0 ? 0 : b.u8(msg(1));
  const bodyLength = msg(3) === 0 ? 0 : b.i64(msg(3), 'the body length');
  const nodeLengths: number[] = [];
  let rows = 0;
  if (type === 3 && msg(2) !== 0) {
    const rb = b.table(b.ref(msg(2)));
    rows = rb(0) === 0 ? 0 : b.i64(rb(0), 'the row count');
    if (rb(1) !== 0) {
      const v = b.vector(b.ref(rb(1)), 16, 'the field nodes');
      for (let k = 0; k < v.length; k++) nodeLengths.push(b.i64(v.start + 16 * k, 'a field node'));
    }
  }
  return { type, bodyLength, rows, nodeLengths };
}

/** Checks a message's metadata (Message.fbs; a schema or a record batch header). */
export function checkMessage(buf: Uint8Array): void {
  const b = new Bounds(buf);
  const msg = b.table(b.u32(0));
  const type = msg(1) === 0 ? 0 : b.u8(msg(1));
  if (msg(2) === 0) return;
  const header = b.ref(msg(2));
  if (type === 1) checkSchema(b, header);
  else if (type === 3) {
    const rb = b.table(header);
    if (rb(1) !== 0) b.vector(b.ref(rb(1)), 16, 'the field nodes');
    if (rb(2) !== 0) b.vector(b.ref(rb(2)), 16, 'the buffers');
    if (rb(4) !== 0) b.vector(b.ref(rb(4)), 8, 'the variadic buffer counts');
  }
  checkKeyValues(b, msg(4));
}
