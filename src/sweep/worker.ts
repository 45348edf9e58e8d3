/**
 * Pool thread of `specreplay sweep` (piscina): runs one task per call. The trace is opened
 * once per thread and kept for the thread's later tasks.
 */
import { loadAnyTrace } from '../ingest/open-trace.js';
import type { Trace } from '../trace/trace.js';
import { firstRequests } from '../trace/subset.js';
import { isUserError } from '../config/user-error.js';
import type { SweepTask } from './spec.js';
import { runTask, type SweepRow, type TaskOptions } from './task.js';

export interface WorkerCall {
  readonly task: SweepTask;
  readonly options: TaskOptions;
}

const traces = new Map<string, Promise<Trace>>();

/** Opens (once per thread) the trace a task names; its first N requests are a slice of the whole trace's entry. */
export function openCached(task: Pick<SweepTask, 'trace' | 'tree' | 'requests'>): Promise<Trace> {
  const key = `${task.trace}\u0000${task.tree ?? ''}\u0000${task.requests ?? ''}`;
  let t = traces.get(key);
  if (t === undefined) {
    const { requests } = task;
    t = requests === undefined ? loadAnyTrace(task.trace, 'auto', task.tree === null ? undefined : { tree: task.tree }) : openCached({ trace: task.trace, tree: task.tree }).then((w) => firstRequests(w, requests));
    traces.set(key, t);
  }
  return t;
}

/**
 * A task's rows, or its error: the message, and whether it is the user's (bad input) or
 * internal (with its stack). Error classes do not cross threads, so the thread decides.
 */
export type CallResult = { readonly ok: true; readonly rows: SweepRow[] } | { readonly ok: false; readonly user: boolean; readonly message: string };

export async function runCall(call: WorkerCall): Promise<CallResult> {
  try {
    return { ok: true, rows: runTask(call.task, await openCached(call.task), call.options) };
  } catch (e) {
    const user = isUserError(e);
    const err = e as Error;
    return { ok: false, user, message: user || err.stack === undefined ? err.message : err.stack };
  }
}

export default runCall;
