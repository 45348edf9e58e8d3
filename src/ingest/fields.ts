/**
 * Typed field access on parsed JSON with located errors: a missing or mistyped field names
 * the line, the record and the field path.
 */
import { messages } from '../config/messages.js';
import type { Diagnostics, Location } from './diagnostics.js';
import { TRACE_LIMITS } from '../schema/trace-schema.js';

export class Fields {
  constructor(
    private readonly diag: Diagnostics,
    private readonly line: number,
    private readonly record: string | undefined,
    private readonly nonFinite: ReadonlyMap<string, string> = new Map(),
  ) {}

  loc(field: string): Location {
    return { line: this.line, record: this.record, field };
  }

  fail(field: string, detail: string): never {
    return this.diag.error('field', this.loc(field), detail);
  }

  /** The value at `field` of `obj` (path used for messages). */
  private get(obj: Record<string, unknown>, key: string, path: string, required: boolean): unknown {
    const v = obj[key];
    if (v === undefined && required) this.fail(path, messages.missingField);
    return v;
  }

  object(obj: Record<string, unknown>, key: string, path = key): Record<string, unknown> {
    const v = this.get(obj, key, path, true);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, messages.wrongType('an object', v));
    return v as Record<string, unknown>;
  }

  array(obj: Record<string, unknown>, key: string, path = key): unknown[] {
    const v = this.get(obj, key, path, true);
    if (!Array.isArray(v)) this.fail(path, messages.wrongType('a list', v));
    return v;
  }

  optionalArray(obj: Record<string, unknown>, key: string, path = key): unknown[] | null {
    const v = this.get(obj, key, path, false);
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v)) this.fail(path, messages.wrongType('a list', v));
    return v;
  }

  string(obj: Record<string, unknown>, key: string, path = key): string {
    const v = this.get(obj, key, path, true);
    if (typeof v !== 'string') this.fail(path, messages.wrongType('a string', v));
    return v;
  }

  optionalString(obj: Record<string, unknown>, key: string, path = key): string | null {
    const v = this.get(obj, key, path, false);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.fail(path, messages.wrongType('a string', v));
    return v;
  }

  /** A whole number >= 0 at path (value already extracted). */
  count(v: unknown, path: string): number {
    if (v === null && this.nonFinite.has(path)) this.fail(path, messages.nanRequired(this.nonFinite.get(path)!));
    if (typeof v !== 'number') this.fail(path, messages.wrongType('a whole number', v));
    if (!Number.isInteger(v)) this.fail(path, messages.notInteger(v));
    if (v < 0) this.fail(path, messages.negative(v));
    if (v > TRACE_LIMITS.int32_max) this.fail(path, messages.int32Range(v));
    return v;
  }

  /** A list of whole numbers >= 0. */
  counts(obj: Record<string, unknown>, key: string, path = key): number[] {
    return this.array(obj, key, path).map((v, i) => this.count(v, `${path}[${i}]`));
  }

  /** A finite number, or null with a warning when the source wrote a bare NaN/Infinity. */
  optionalNumber(v: unknown, path: string): number | null {
    if (v === undefined || v === null) {
      const token = this.nonFinite.get(path);
      if (token !== undefined) this.diag.warn('nan', this.loc(path), messages.nanValue(token), messages.nanRepair);
      return null;
    }
    if (typeof v !== 'number') this.fail(path, messages.wrongType('a number', v));
    return v;
  }

  /** A finite number (required). */
  number(v: unknown, path: string): number {
    if (v === null && this.nonFinite.has(path)) this.fail(path, messages.nanRequired(this.nonFinite.get(path)!));
    if (typeof v !== 'number') this.fail(path, messages.wrongType('a number', v));
    return v;
  }

  /** Question ids are numbers or strings in the wild; both become strings. */
  id(obj: Record<string, unknown>, key: string): string {
    const v = this.get(obj, key, key, true);
    if (typeof v !== 'string' && typeof v !== 'number') this.fail(key, messages.wrongType('a string or number id', v));
    return String(v);
  }
}
