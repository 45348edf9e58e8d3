/**
 * Column tables: the in-memory form of a logical table, one typed array per column.
 *
 * Hot paths (validation, replay) read `values` directly. Nullable numeric columns carry a
 * byte-per-row validity array (`valid[i] === 1` means present); a non-nullable column has
 * `valid === null`. Conversion to and from Arrow lives in `arrow-columns.ts`.
 */
import type { ColumnSpec, ColumnType } from './trace-schema.js';

export interface Int32Column {
  readonly type: 'int32';
  readonly values: Int32Array;
  readonly valid: Uint8Array | null;
}
export interface Float64Column {
  readonly type: 'float64';
  readonly values: Float64Array;
  readonly valid: Uint8Array | null;
}
export interface Utf8Column {
  readonly type: 'utf8';
  readonly values: readonly (string | null)[];
}
export interface BoolColumn {
  readonly type: 'bool';
  readonly values: Uint8Array;
}
export type Column = Int32Column | Float64Column | Utf8Column | BoolColumn;

export interface ColumnTable {
  readonly length: number;
  readonly specs: readonly ColumnSpec[];
  readonly columns: Readonly<Record<string, Column>>;
}

/** Value at row i as a plain JS value (null when absent). For tests, writers and inspect, not hot loops. */
export function cell(col: Column, i: number): number | string | boolean | null {
  switch (col.type) {
    case 'int32':
    case 'float64':
      return col.valid !== null && col.valid[i] === 0 ? null : col.values[i];
    case 'utf8':
      return col.values[i];
    case 'bool':
      return col.values[i] === 1;
  }
}

export function int32(table: ColumnTable, name: string): Int32Column {
  const col = table.columns[name];
  if (col === undefined || col.type !== 'int32') throw new Error(`no int32 column '${name}'`);
  return col;
}
export function float64(table: ColumnTable, name: string): Float64Column {
  const col = table.columns[name];
  if (col === undefined || col.type !== 'float64') throw new Error(`no float64 column '${name}'`);
  return col;
}
export function utf8(table: ColumnTable, name: string): Utf8Column {
  const col = table.columns[name];
  if (col === undefined || col.type !== 'utf8') throw new Error(`no utf8 column '${name}'`);
  return col;
}
export function bool(table: ColumnTable, name: string): BoolColumn {
  const col = table.columns[name];
  if (col === undefined || col.type !== 'bool') throw new Error(`no bool column '${name}'`);
  return col;
}

/** True when any row of a nullable column holds a value. */
export function hasAnyValue(col: Column): boolean {
  switch (col.type) {
    case 'int32':
    case 'float64':
      if (col.valid === null) return col.values.length > 0;
      for (let i = 0; i < col.valid.length; i++) if (col.valid[i] === 1) return true;
      return false;
    case 'utf8':
      return col.values.some((v) => v !== null);
    case 'bool':
      return col.values.length > 0;
  }
}

/** Rows as plain objects, in column order (slow path: tests, writers, small tables). */
export function rowObject(table: ColumnTable, i: number): Record<string, number | string | boolean | null> {
  const out: Record<string, number | string | boolean | null> = {};
  for (const spec of table.specs) out[spec.name] = cell(table.columns[spec.name]!, i);
  return out;
}

// ---------------------------------------------------------------------------------------
// Builders: growable typed arrays, doubling; `finish()` returns views trimmed to length.

/** Storage a builder may be given to fill in place (e.g. views of a SharedArrayBuffer). */
export interface ColumnStorage {
  readonly values: Int32Array | Float64Array | Uint8Array;
  readonly valid: Uint8Array | null;
}

abstract class NumericBuilder<A extends Int32Array | Float64Array> {
  protected buf: A;
  protected validBuf: Uint8Array | null;
  length = 0;
  constructor(
    protected readonly make: (n: number) => A,
    readonly nullable: boolean,
    capacity: number,
    initial?: ColumnStorage,
  ) {
    this.buf = initial ? (initial.values as A) : make(capacity);
    this.validBuf = nullable ? (initial?.valid ?? new Uint8Array(capacity)) : null;
  }
  /** True while the column still lives in the storage it was given (it has not regrown). */
  inPlace(storage: ColumnStorage): boolean {
    return this.buf === storage.values && (this.validBuf === null || this.validBuf === storage.valid);
  }
  protected grow(): void {
    const cap = this.buf.length * 2;
    const next = this.make(cap);
    next.set(this.buf);
    this.buf = next;
    if (this.validBuf !== null) {
      const v = new Uint8Array(cap);
      v.set(this.validBuf);
      this.validBuf = v;
    }
  }
  /** Appends a value; null (or undefined) only on nullable columns. */
  push(v: number | null | undefined): void {
    if (this.length === this.buf.length) this.grow();
    if (v === null || v === undefined) {
      if (this.validBuf === null) throw new Error('null pushed to a non-nullable column');
      this.buf[this.length++] = 0;
    } else {
      this.buf[this.length] = v;
      if (this.validBuf !== null) this.validBuf[this.length] = 1;
      this.length++;
    }
  }
  /** Value at row i already pushed (null if absent). */
  get(i: number): number | null {
    return this.validBuf !== null && this.validBuf[i] === 0 ? null : this.buf[i];
  }
  protected views(): { values: A; valid: Uint8Array | null } {
    const values = this.buf.subarray(0, this.length) as A;
    let valid: Uint8Array | null = null;
    if (this.validBuf !== null) {
      valid = this.validBuf.subarray(0, this.length);
      // A nullable column with every row present needs no validity array.
      if (valid.indexOf(0) === -1) valid = null;
    }
    return { values, valid };
  }
}

/**
 * A value that does not fit a 32-bit column (never stored wrapped). `field` and `line` are filled
 * in by the callers that know them; the ingester turns it into a located IngestError.
 */
export class ColumnRangeError extends Error {
  override readonly name = 'ColumnRangeError';
  field: string | undefined;
  line: number | undefined;
  constructor(readonly value: number) {
    super(`${value} does not fit a 32-bit integer column`);
  }
}

export class Int32Builder extends NumericBuilder<Int32Array> {
  readonly type = 'int32' as const;
  constructor(nullable: boolean, capacity = 1024, initial?: ColumnStorage) {
    super((n) => new Int32Array(n), nullable, capacity, initial);
  }
  override push(v: number | null | undefined): void {
    if (v !== null && v !== undefined && (v | 0) !== v) throw new ColumnRangeError(v);
    super.push(v);
  }
  finish(): Int32Column {
    return { type: 'int32', ...this.views() };
  }
}

export class Float64Builder extends NumericBuilder<Float64Array> {
  readonly type = 'float64' as const;
  constructor(nullable: boolean, capacity = 1024, initial?: ColumnStorage) {
    super((n) => new Float64Array(n), nullable, capacity, initial);
  }
  finish(): Float64Column {
    return { type: 'float64', ...this.views() };
  }
}

export class Utf8Builder {
  readonly type = 'utf8' as const;
  private readonly values: (string | null)[] = [];
  constructor(readonly nullable: boolean) {}
  get length(): number {
    return this.values.length;
  }
  push(v: string | null | undefined): void {
    if (v === null || v === undefined) {
      if (!this.nullable) throw new Error('null pushed to a non-nullable column');
      this.values.push(null);
    } else this.values.push(v);
  }
  get(i: number): string | null {
    return this.values[i] ?? null;
  }
  finish(): Utf8Column {
    return { type: 'utf8', values: this.values };
  }
}

export class BoolBuilder {
  readonly type = 'bool' as const;
  readonly nullable = false;
  private buf: Uint8Array;
  length = 0;
  constructor(capacity = 1024, initial?: ColumnStorage) {
    this.buf = (initial?.values as Uint8Array | undefined) ?? new Uint8Array(Math.max(16, capacity));
  }
  inPlace(storage: ColumnStorage): boolean {
    return this.buf === storage.values;
  }
  push(v: boolean | number): void {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v ? 1 : 0;
  }
  get(i: number): boolean {
    return this.buf[i] === 1;
  }
  finish(): BoolColumn {
    return { type: 'bool', values: this.buf.subarray(0, this.length) };
  }
}

export type ColumnBuilder = Int32Builder | Float64Builder | Utf8Builder | BoolBuilder;

export function makeBuilder(type: ColumnType, nullable: boolean, capacity = 1024, initial?: ColumnStorage): ColumnBuilder {
  const cap = Math.max(16, capacity);
  switch (type) {
    case 'int32':
      return new Int32Builder(nullable, cap, initial);
    case 'float64':
      return new Float64Builder(nullable, cap, initial);
    case 'utf8':
      return new Utf8Builder(nullable);
    case 'bool':
      return new BoolBuilder(cap, initial);
  }
}

/** A builder for a whole table: one column builder per spec, accessible by name. */
export class TableBuilder<Name extends string = string> {
  readonly cols: Record<Name, ColumnBuilder>;
  /** @param capacity rows to allocate up front (a good estimate avoids regrowing large columns) */
  constructor(
    readonly specs: readonly ColumnSpec[],
    capacity = 1024,
    storage?: Readonly<Record<string, ColumnStorage>>,
  ) {
    const cols = {} as Record<string, ColumnBuilder>;
    for (const s of specs) cols[s.name] = makeBuilder(s.type, s.nullable, capacity, storage?.[s.name]);
    this.cols = cols as Record<Name, ColumnBuilder>;
  }
  get length(): number {
    return this.cols[this.specs[0]!.name as Name].length;
  }
  int(name: Name): Int32Builder {
    return this.cols[name] as Int32Builder;
  }
  f64(name: Name): Float64Builder {
    return this.cols[name] as Float64Builder;
  }
  str(name: Name): Utf8Builder {
    return this.cols[name] as Utf8Builder;
  }
  flag(name: Name): BoolBuilder {
    return this.cols[name] as BoolBuilder;
  }
  /** Appends one row from an object (slow path). Missing keys are null. */
  pushRow(row: Partial<Record<Name, number | string | boolean | null>>): void {
    for (const s of this.specs) {
      const b = this.cols[s.name as Name];
      const v = row[s.name as Name];
      if (b.type === 'bool') b.push(v === true || v === 1);
      else if (b.type === 'utf8') b.push(v === null || v === undefined ? null : String(v));
      else {
        try {
          b.push(v === null || v === undefined ? null : (v as number));
        } catch (e) {
          if (e instanceof ColumnRangeError) e.field ??= s.name;
          throw e;
        }
      }
    }
  }
  finish(): ColumnTable {
    const columns: Record<string, Column> = {};
    const length = this.length;
    for (const s of this.specs) {
      const b = this.cols[s.name as Name];
      if (b.length !== length) throw new Error(`column '${s.name}' has ${b.length} rows, expected ${length}`);
      columns[s.name] = b.finish();
    }
    return { length, specs: this.specs, columns };
  }
}

/** An empty table with the given columns. */
export function emptyTable(specs: readonly ColumnSpec[]): ColumnTable {
  return new TableBuilder(specs).finish();
}
