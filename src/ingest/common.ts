/** Shared steps of every adapter: trace id, tree resolution, validation and metadata. */
import * as path from 'node:path';
import { messages } from '../config/messages.js';
import type { TreeTemplate } from '../schema/trace-schema.js';
import type { Trace } from '../trace/trace.js';
import { bundledTrees } from './bundled-trees.js';
import { Diagnostics } from './diagnostics.js';
import type { IngestOptions, PendingTrace } from './format.js';
import { makeMeta, type MetaInput, type SourceLines, type TraceBuilder } from './trace-builder.js';
import { validateTrace } from './validate.js';

export function baseName(file: string): string {
  return path.basename(file);
}

/** The file name without directory and extension(s) like .jsonl / .json / .csv. */
export function stem(file: string): string {
  return baseName(file).replace(/\.(jsonl|json|csv|arrow|txt)$/i, '');
}

export function newDiagnostics(file: string, opts: IngestOptions | undefined): Diagnostics {
  return new Diagnostics(baseName(file), opts?.strict ?? false);
}

/** The bundled tree template named by --tree (null when not given); unknown ids are an error. */
export function resolveTree(opts: IngestOptions | undefined, diag: Diagnostics): TreeTemplate | null {
  if (opts?.tree === undefined) return null;
  const t = bundledTrees().get(opts.tree);
  if (t === undefined) diag.error('tree', { field: '--tree' }, messages.unknownTree(opts.tree, [...bundledTrees().keys()]));
  return t;
}

/** Validates a built trace (throws the first violation as an IngestError). */
export type Validator = (trace: Trace, diag: Diagnostics, lines: SourceLines) => Promise<void>;

/** The built trace and its metadata (options override what the source says), not yet validated. */
function built(builder: TraceBuilder, meta: MetaInput, diag: Diagnostics, opts: IngestOptions | undefined): { draft: Trace; lines: SourceLines; trace: Trace } {
  const merged: MetaInput = {
    ...meta,
    trace_id: opts?.traceId ?? meta.trace_id,
    method: opts?.method ?? meta.method ?? null,
    target_model: opts?.target ?? meta.target_model ?? null,
    draft_model: opts?.draft ?? meta.draft_model ?? null,
    dataset: opts?.dataset ?? meta.dataset ?? null,
    // A source the input states itself (a canonical meta record) is kept as it is.
    source: { ...(meta.source ?? { file: diag.file }), ...(opts?.source ?? {}) },
  };
  const draft = builder.finish(makeMeta({ ...merged, warnings: [] }));
  // Validation only throws (it records no warning), so the metadata is final before it runs.
  return { draft: draft.trace, lines: draft.lines, trace: { ...draft.trace, meta: makeMeta(merged, diag.summary()) } };
}

/** Validates the built trace and stamps the metadata (options override what the source says). */
export function finishTrace(builder: TraceBuilder, meta: MetaInput, diag: Diagnostics, opts: IngestOptions | undefined): Trace {
  const { draft, lines, trace } = built(builder, meta, diag, opts);
  validateTrace(draft, diag, lines);
  return trace;
}

/**
 * As `finishTrace`, with the validation handed to `validate` (a worker thread): the caller may
 * write the trace meanwhile, but must not publish it before `validated` resolves.
 */
export function finishTracePending(builder: TraceBuilder, meta: MetaInput, diag: Diagnostics, opts: IngestOptions | undefined, validate: Validator): PendingTrace {
  const { draft, lines, trace } = built(builder, meta, diag, opts);
  const validated = validate(draft, diag, lines);
  validated.catch(() => undefined); // reported where it is awaited
  return { trace, validated };
}
