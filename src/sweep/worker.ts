/**
 * Pool thread of `specreplay sweep` (piscina): runs one task per call. The trace is opened
 * once per thread and kept for the thread's later tasks.
 */
import { loadAnyTrace } from '../ingest/open-trace.js';
import type { Trace } from '../trace/trace.js';
import type { SweepTask } from './spec.js';
import { runTask, type SweepRow, type TaskOptions } from './task.js';

export interface WorkerCall {
  readonly task: SweepTask;
  readonly options: TaskOptions;
}

const traces = new Map<string, Promise<Trace>>();

/** Opens (once per thread) the trace a task names. */
export function openCached(task: SweepTask): Promise<Trace> {
  const key = `${task.trace}\u0000${task.tree ?? ''}`;
  let t = traces.get(key);
  if (t === undefined) traces.set(key, (t = loadAnyTrace(task.trace, 'auto', task.tree === null ? undefined : { tree: task.tree })));
  return t;
}

/** A task's rows, or its error by name and message (error classes do not cross threads). */
export type CallResult = { readonly ok: true; readonly rows: SweepRow[] } | { readonly ok: false; readonly name: string; readonly message: string };

export async function runCall(call: WorkerCall): Promise<CallResult> {
  try {
    return { ok: true, rows: runTask(call.task, await openCached(call.task), call.options) };
  } catch (e) {
    const err = e as Error;
    return { ok: false, name: err.name ?? 'Error', message: err.stack !== undefined && !USER_ERRORS.has(err.name) ? err.stack : err.message };
  }
}

/** Errors that are the user's (bad input), reported as such by the CLI. */
export const USER_ERRORS: ReadonlySet<string> = new Set(['UserError', 'IngestError', 'TraceFileError', 'UsageError']);

export default runCall;
