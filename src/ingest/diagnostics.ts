/**
 * Located errors and warnings for ingest. Every problem names the file, the line or record,
 * and the field. Warnings carry the repair the ingester made; `strict` turns them into errors.
 */
import type { IngestWarning } from '../schema/trace-schema.js';
import { formatLocation } from '../config/messages.js';

export interface Location {
  readonly line?: number;
  readonly record?: string;
  readonly field?: string;
}

/** Bad input: a user error (exit code 1), never an internal failure. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly file: string,
    readonly loc: Location,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${formatLocation(file, loc)}${detail}`);
  }
}

/** Warnings kept per code in the trace metadata; the rest are counted. */
const KEEP_PER_CODE = 20;

export class Diagnostics {
  readonly warnings: IngestWarning[] = [];
  readonly counts = new Map<string, number>();
  constructor(
    readonly file: string,
    readonly strict = false,
  ) {}

  error(code: string, loc: Location, detail: string): never {
    throw new IngestError(this.file, loc, code, detail);
  }

  /** A usable record with a defect: repaired as `repair` says, or an error under --strict. */
  warn(code: string, loc: Location, detail: string, repair: string): void {
    if (this.strict) throw new IngestError(this.file, loc, code, `${detail} (a warning made an error by --strict; without it: ${repair})`);
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= KEEP_PER_CODE) {
      this.warnings.push({ code, message: `${formatLocation(this.file, loc)}${detail}`, repair, file: this.file, ...loc });
    }
  }

  /** Warnings for the metadata, with a summary line per code whose repeats were not kept. */
  summary(): IngestWarning[] {
    const out = [...this.warnings];
    for (const [code, n] of this.counts) {
      if (n > KEEP_PER_CODE) {
        out.push({ code, message: `${this.file}: ${n - KEEP_PER_CODE} more '${code}' warnings not listed`, repair: 'as above', file: this.file });
      }
    }
    return out;
  }

  get total(): number {
    let t = 0;
    for (const n of this.counts.values()) t += n;
    return t;
  }
}
