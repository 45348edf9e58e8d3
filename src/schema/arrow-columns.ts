/**
 * Column tables <-> Arrow Data, without row objects: numeric columns are zero-copy views,
 * validity is packed/unpacked between Arrow's bitmaps and the byte-per-row form.
 */
import * as arrow from './arrow.js';
import type { Column, ColumnTable } from './columns.js';
import type { ColumnSpec, ColumnType } from './trace-schema.js';

export function arrowType(type: ColumnType): arrow.DataType {
  switch (type) {
    case 'int32':
      return new arrow.Int32();
    case 'float64':
      return new arrow.Float64();
    case 'utf8':
      return new arrow.Utf8();
    case 'bool':
      return new arrow.Bool();
  }
}

export function arrowField(spec: ColumnSpec): arrow.Field {
  return new arrow.Field(spec.name, arrowType(spec.type), spec.nullable);
}

/** Set bits per byte value. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let c = 0;
  for (let x = b; x !== 0; x >>= 1) c += x & 1;
  return c;
});

/** Rows [start, end) of a byte-per-row column that are 0 (absent), counted from its packed bits. */
function zerosOf(bits: Uint8Array, n: number): number {
  let set = 0;
  for (let o = 0; o < bits.length; o++) set += POPCOUNT[bits[o]!]!;
  return n - set;
}

function packBits(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start;
  const out = new Uint8Array((n + 7) >> 3);
  // Eight rows to a byte without a branch per row (0/1 bytes; any other non-zero counts as 1).
  const whole = n >> 3;
  for (let o = 0; o < whole; o++) {
    const j = start + (o << 3);
    out[o] =
      (bytes[j] !== 0 ? 1 : 0) |
      (bytes[j + 1] !== 0 ? 2 : 0) |
      (bytes[j + 2] !== 0 ? 4 : 0) |
      (bytes[j + 3] !== 0 ? 8 : 0) |
      (bytes[j + 4] !== 0 ? 16 : 0) |
      (bytes[j + 5] !== 0 ? 32 : 0) |
      (bytes[j + 6] !== 0 ? 64 : 0) |
      (bytes[j + 7] !== 0 ? 128 : 0);
  }
  for (let i = whole << 3; i < n; i++) if (bytes[start + i] !== 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

function unpackBits(bits: Uint8Array, offset: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let i = 0;
  if ((offset & 7) === 0) {
    // Byte-aligned: eight rows per bitmap byte (an all-absent byte is already zeros).
    const first = offset >> 3;
    const whole = n >> 3;
    for (let o = 0; o < whole; o++) {
      const b = bits[first + o]!;
      if (b === 0) continue;
      const k = o << 3;
      out[k] = b & 1;
      out[k + 1] = (b >> 1) & 1;
      out[k + 2] = (b >> 2) & 1;
      out[k + 3] = (b >> 3) & 1;
      out[k + 4] = (b >> 4) & 1;
      out[k + 5] = (b >> 5) & 1;
      out[k + 6] = (b >> 6) & 1;
      out[k + 7] = b >> 7;
    }
    i = whole << 3;
  }
  for (; i < n; i++) {
    const j = offset + i;
    out[i] = (bits[j >> 3]! >> (j & 7)) & 1;
  }
  return out;
}

/** Rows [start, end) of a column as Arrow Data. */
export function columnToData(col: Column, start: number, end: number): arrow.Data {
  const length = end - start;
  switch (col.type) {
    case 'int32':
    case 'float64': {
      const type = col.type === 'int32' ? new arrow.Int32() : new arrow.Float64();
      const data = col.values.subarray(start, end);
      if (col.valid === null) return arrow.makeData({ type, length, data, nullCount: 0 } as never);
      // Packed once; the absent rows counted from the packed bytes (a pass over the rows fewer).
      const nullBitmap = packBits(col.valid, start, end);
      const nullCount = zerosOf(nullBitmap, length);
      if (nullCount === 0) return arrow.makeData({ type, length, data, nullCount: 0 } as never);
      return arrow.makeData({ type, length, data, nullBitmap, nullCount } as never);
    }
    case 'bool':
      return arrow.makeData({ type: new arrow.Bool(), length, data: packBits(col.values, start, end), nullCount: 0 });
    case 'utf8':
      return utf8Data(col.values, start, end);
  }
}

/**
 * Arrow Utf8 data of `values[start, end)`, encoded straight into one offsets array and one byte
 * buffer (apache-arrow's generic builder made about 400 bytes of garbage per string: 200 MB for
 * a 500,000-step table). A run of equal strings (a policy id, a request id per step) is
 * measured once.
 */
function utf8Data(values: readonly (string | null)[], start: number, end: number): arrow.Data<arrow.Utf8> {
  const n = end - start;
  const offsets = new Int32Array(n + 1);
  let nulls = 0;
  let bytes = 0;
  let last: string | null = null;
  let lastLength = 0;
  for (let i = 0; i < n; i++) {
    const s = values[start + i];
    if (s === null || s === undefined) nulls++;
    else {
      if (s !== last) {
        last = s;
        lastLength = Buffer.byteLength(s, 'utf8');
      }
      bytes += lastLength;
    }
    offsets[i + 1] = bytes;
  }
  const data = Buffer.alloc(bytes);
  let bitmap: Uint8Array | undefined;
  if (nulls > 0) bitmap = new Uint8Array((n + 7) >> 3);
  // A run of equal strings (a policy id, a request id per step) is encoded once, then its
  // bytes are doubled in place (a few copies per run, not one per row).
  for (let i = 0; i < n; ) {
    const s = values[start + i];
    if (s === null || s === undefined) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && values[start + j] === s) j++;
    if (bitmap !== undefined) for (let k = i; k < j; k++) bitmap[k >> 3]! |= 1 << (k & 7);
    const at = offsets[i]!;
    const total = offsets[j]! - at;
    if (total > 0) {
      let done = data.write(s, at, 'utf8');
      while (done < total) {
        const len = Math.min(done, total - done);
        data.copyWithin(at + done, at, at + len);
        done += len;
      }
    }
    i = j;
  }
  const u8 = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return arrow.makeData({ type: new arrow.Utf8(), length: n, valueOffsets: offsets, data: u8, nullCount: nulls, ...(bitmap ? { nullBitmap: bitmap } : {}) });
}

/**
 * The strings of Arrow Utf8 data, decoded from its offsets and bytes (Arrow's vector iterator
 * took about 100 ns a row). A value whose bytes equal the previous value's reuses its string
 * (request and tree ids repeat row after row). Invalid UTF-8 decodes to U+FFFD, as Arrow's
 * decoder does; a leading byte-order mark is kept (Arrow's decoder drops it).
 */
function utf8Values(data: arrow.Data<arrow.Utf8>): (string | null)[] {
  const n = data.length;
  if (data.nullCount === n) return new Array<string | null>(n).fill(null);
  const out = new Array<string | null>(n);
  // valueOffsets is sliced to this Data's rows; the validity bitmap keeps data.offset.
  const offs = data.valueOffsets;
  const bytes = data.values;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bits = data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0 ? data.nullBitmap : null;
  const bit0 = data.offset;
  let prev: string | null = null;
  let prevA = 0;
  let prevLen = -1;
  for (let i = 0; i < n; i++) {
    if (bits !== null) {
      const j = bit0 + i;
      if (((bits[j >> 3]! >> (j & 7)) & 1) === 0) {
        out[i] = null;
        continue;
      }
    }
    const a = offs[i]!;
    const len = offs[i + 1]! - a;
    if (len === prevLen && prev !== null) {
      let same = true;
      for (let k = 0; k < len; k++) {
        if (bytes[a + k] !== bytes[prevA + k]) {
          same = false;
          break;
        }
      }
      if (same) {
        out[i] = prev;
        continue;
      }
    }
    prev = len === 0 ? '' : buf.toString('utf8', a, a + len);
    prevA = a;
    prevLen = len;
    out[i] = prev;
  }
  return out;
}

/** A column from Arrow Data of the spec's type. */
export function dataToColumn(data: arrow.Data, spec: ColumnSpec): Column {
  const n = data.length;
  const checkType = (ok: boolean): void => {
    if (!ok) throw new Error(`column '${spec.name}' has Arrow type ${String(data.type)}, expected ${spec.type}`);
  };
  const validity = (): Uint8Array | null =>
    n > 0 && data.nullCount === n
      ? new Uint8Array(n) // every row absent (a column the trace does not record): no bits to read
      : data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0
        ? unpackBits(data.nullBitmap, data.offset, n)
        : null;
  switch (spec.type) {
    case 'int32': {
      checkType(arrow.DataType.isInt(data.type) && (data.type as arrow.Int).bitWidth === 32 && (data.type as arrow.Int).isSigned);
      // Arrow slices fixed-width value buffers on slice(); the validity bitmap keeps data.offset.
      const values = (data.values as Int32Array).subarray(0, n);
      return { type: 'int32', values, valid: validity() };
    }
    case 'float64': {
      checkType(arrow.DataType.isFloat(data.type) && (data.type as arrow.Float).precision === arrow.Precision.DOUBLE);
      const values = (data.values as Float64Array).subarray(0, n);
      return { type: 'float64', values, valid: validity() };
    }
    case 'bool': {
      checkType(arrow.DataType.isBool(data.type));
      return { type: 'bool', values: unpackBits(data.values as Uint8Array, data.offset, n) };
    }
    case 'utf8': {
      checkType(arrow.DataType.isUtf8(data.type));
      return { type: 'utf8', values: utf8Values(data as arrow.Data<arrow.Utf8>) };
    }
  }
}

/** Concatenates columns of one type (used when a file holds several record batches). */
export function concatColumns(parts: readonly Column[], spec: ColumnSpec): Column {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((s, p) => s + p.values.length, 0);
  switch (spec.type) {
    case 'int32':
    case 'float64': {
      const values = spec.type === 'int32' ? new Int32Array(total) : new Float64Array(total);
      const anyNull = parts.some((p) => (p as { valid: Uint8Array | null }).valid !== null);
      const valid = anyNull ? new Uint8Array(total).fill(1) : null;
      let at = 0;
      for (const p of parts) {
        const q = p as { values: Int32Array | Float64Array; valid: Uint8Array | null };
        values.set(q.values as never, at);
        if (valid !== null && q.valid !== null) valid.set(q.valid, at);
        at += q.values.length;
      }
      return spec.type === 'int32'
        ? { type: 'int32', values: values as Int32Array, valid }
        : { type: 'float64', values: values as Float64Array, valid };
    }
    case 'bool': {
      const values = new Uint8Array(total);
      let at = 0;
      for (const p of parts) {
        values.set(p.values as Uint8Array, at);
        at += p.values.length;
      }
      return { type: 'bool', values };
    }
    case 'utf8':
      return { type: 'utf8', values: parts.flatMap((p) => p.values as unknown as (string | null)[]) };
  }
}

/** A flat column table as an Arrow Table (for users who want apache-arrow objects). */
export function toArrowTable(table: ColumnTable): arrow.Table {
  const fields = table.specs.map(arrowField);
  const children = table.specs.map((s) => columnToData(table.columns[s.name]!, 0, table.length));
  const schema = new arrow.Schema(fields);
  const data = arrow.makeData({ type: new arrow.Struct(fields), length: table.length, children, nullCount: 0 });
  return new arrow.Table([new arrow.RecordBatch(schema, data)]);
}
