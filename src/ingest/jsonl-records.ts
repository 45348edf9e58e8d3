/**
 * JSON Lines records with the defects real files have: NUL-padded truncated tails, bare
 * NaN, blank lines, duplicated ids. Each good record is handed on with its line number.
 */
import { messages } from '../config/messages.js';
import type { Diagnostics } from './diagnostics.js';
import { parseJsonLenient } from './json-lenient.js';

export interface JsonRecord {
  readonly value: Record<string, unknown>;
  readonly line: number;
  /** Fields whose value was a bare NaN/Infinity (read as null), path -> token. */
  readonly nonFinite: ReadonlyMap<string, string>;
}

export class JsonlRecords {
  private truncatedAt: { line: number; column: number } | null = null;
  private readonly seen = new Map<string, number>();

  /**
   * @param idField top-level field whose duplicates are dropped with a warning (null: no check)
   */
  constructor(
    private readonly diag: Diagnostics,
    private readonly idField: string | null,
    private readonly onRecord: (rec: JsonRecord) => void,
  ) {}

  line = (text: string, lineNo: number): void => {
    const nul = text.indexOf('\u0000');
    if (this.truncatedAt !== null) {
      // After a NUL tail only NULs (and blank lines) may follow.
      if (text.replace(/[\u0000\s]/g, '') !== '') {
        this.diag.error('nul-inside', { line: this.truncatedAt.line }, messages.nulInside(this.truncatedAt.column));
      }
      return;
    }
    if (nul >= 0) {
      this.truncatedAt = { line: lineNo, column: nul + 1 };
      return;
    }
    if (text.trim() === '') return;
    let parsed;
    try {
      parsed = parseJsonLenient(text);
    } catch (e) {
      this.diag.error('json', { line: lineNo }, messages.notJson((e as Error).message));
    }
    const value = parsed.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.diag.error('json', { line: lineNo }, messages.wrongType('a JSON object per line', value));
    }
    const rec = value as Record<string, unknown>;
    if (this.idField !== null) {
      const id = rec[this.idField];
      if (id === undefined || id === null) this.diag.error('missing', { line: lineNo, field: this.idField }, messages.missingField);
      const key = String(id);
      const first = this.seen.get(key);
      if (first !== undefined) {
        this.diag.warn('duplicate-id', { line: lineNo, field: this.idField }, messages.duplicateId(key, first), messages.duplicateRepair);
        return;
      }
      this.seen.set(key, lineNo);
    }
    this.onRecord({ value: rec, line: lineNo, nonFinite: parsed.nonFinite });
  };

  /** Call after the last line: reports a NUL-truncated tail as a warning (the partial record is dropped). */
  end(): void {
    if (this.truncatedAt !== null) {
      this.diag.warn('nul-truncated', { line: this.truncatedAt.line }, messages.nulBytes(this.truncatedAt.column), messages.nulRepair);
    }
  }
}
