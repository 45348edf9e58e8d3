/**
 * Validation of a built trace on a worker thread (canonical CSV's range threads, idle once the
 * files are parsed), so the caller checksums and writes the trace meanwhile. The trace's big
 * columns live in shared memory and are not copied. The answer is the first violation as data
 * (an IngestError does not cross threads) or nothing.
 */
import type { Trace } from '../trace/trace.js';
import { IngestError, Diagnostics, type Location } from './diagnostics.js';
import type { SourceLines } from './trace-builder.js';
import { validateTrace } from './validate.js';

export interface ValidateRequest {
  readonly kind: 'validate';
  readonly trace: Trace;
  readonly lines: SourceLines;
  readonly file: string;
  readonly strict: boolean;
}

export type ValidateReply = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly file: string; readonly loc: Location; readonly detail: string };

export function validateRequest(req: ValidateRequest): ValidateReply {
  try {
    validateTrace(req.trace, new Diagnostics(req.file, req.strict), req.lines);
    return { ok: true };
  } catch (e) {
    if (e instanceof IngestError) return { ok: false, code: e.code, file: e.file, loc: e.loc, detail: e.detail };
    throw e;
  }
}

/** The IngestError a reply stands for (null: the trace is valid). */
export function replyError(reply: ValidateReply): IngestError | null {
  return reply.ok ? null : new IngestError(reply.file, reply.loc, reply.code, reply.detail);
}
