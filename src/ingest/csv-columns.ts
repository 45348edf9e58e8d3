/**
 * Typed CSV columns: binds a header to column specs once, then converts each field into its
 * column builder without row objects. Empty fields are null (an error for required columns);
 * `NaN` in a nullable float column is null with a warning.
 */
import { messages } from '../config/messages.js';
import type { ColumnBuilder, TableBuilder } from '../schema/columns.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import type { Diagnostics } from './diagnostics.js';

/** Parses a whole number; NaN when the text is not one. */
export function parseWhole(s: string): number {
  const n = s.length;
  if (n === 0 || n > 10) return n > 10 && /^-?\d+$/.test(s) ? Number(s) : NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
    if (n === 1) return NaN;
  }
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

const NAN_TEXT = new Set(['NaN', 'nan', 'NAN']);

export interface BoundColumn {
  readonly index: number;
  readonly write: FieldWriter;
}

/**
 * Maps header names to specs. `required` names must be present; names outside `specs` are
 * an error (a misspelt column must not be silently ignored).
 */
export function bindHeader(header: readonly string[], specs: readonly ColumnSpec[], required: readonly string[], diag: Diagnostics): Map<string, number> {
  const at = new Map<string, number>();
  const known = specs.map((s) => s.name);
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (at.has(name)) diag.error('header', { line: 1, field: name }, messages.duplicateColumn(name));
    if (!known.includes(name)) diag.error('header', { line: 1, field: name }, messages.unknownColumn(name, known));
    at.set(name, i);
  });
  for (const r of required) if (!at.has(r)) diag.error('header', { line: 1, field: r }, messages.missingColumn(r, required));
  return at;
}

export type FieldWriter = (text: string | undefined, line: number) => void;

/**
 * A converter from CSV text to column `spec`, bound once per column so the per-field work is
 * a single type-specific call. Located errors on bad values.
 */
export function fieldWriter(b: ColumnBuilder, spec: ColumnSpec, diag: Diagnostics): FieldWriter {
  const empty = (line: number): void => {
    if (!spec.nullable) diag.error('field', { line, field: spec.name }, messages.missingField);
    if (b.type === 'bool') b.push(false);
    else (b as { push(v: null): void }).push(null);
  };
  switch (b.type) {
    case 'int32':
      return (s, line) => {
        if (s === undefined || s === '') return empty(line);
        const v = parseWhole(s);
        if (Number.isNaN(v)) diag.error('field', { line, field: spec.name }, messages.notInteger(s));
        if (v > 2147483647 || v < -2147483648) diag.error('field', { line, field: spec.name }, messages.int32Range(s));
        b.push(v);
      };
    case 'float64':
      return (s, line) => {
        if (s === undefined || s === '') return empty(line);
        const v = Number(s);
        if (Number.isNaN(v)) {
          if (NAN_TEXT.has(s) && spec.nullable) {
            diag.warn('nan', { line, field: spec.name }, messages.nanValue(s), messages.nanRepair);
            return b.push(null);
          }
          diag.error('field', { line, field: spec.name }, messages.wrongType('a number', s));
        }
        b.push(v);
      };
    case 'bool':
      return (s, line) => {
        if (s === undefined || s === '') return empty(line);
        if (s === '1' || s === 'true' || s === 'True') return b.push(true);
        if (s === '0' || s === 'false' || s === 'False') return b.push(false);
        diag.error('field', { line, field: spec.name }, messages.wrongType('0/1 or true/false', s));
      };
    case 'utf8':
      return (s, line) => (s === undefined || s === '' ? empty(line) : b.push(s));
  }
}

/** The columns of `table` that the header lacks (each record pushes `pushAbsent` into them). */
export function missingColumns(table: TableBuilder, present: ReadonlySet<string>): ColumnBuilder[] {
  return table.specs.filter((s) => !present.has(s.name)).map((s) => table.cols[s.name]!);
}

/** Pushes null (false for a bool column) into each of `absent`: one record's missing columns. */
export function pushAbsent(absent: readonly ColumnBuilder[]): void {
  for (let k = 0; k < absent.length; k++) {
    const b = absent[k]!;
    if (b.type === 'bool') b.push(false);
    else (b as { push(v: null): void }).push(null);
  }
}
