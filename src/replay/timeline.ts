/**
 * Chrome / Perfetto trace-event JSON of a request's NPU / PIM / GPU / bus activity: one
 * complete event ("ph": "X") per busy interval, one thread per resource, times in us.
 * Open it at ui.perfetto.dev or chrome://tracing to see overlap and idle time.
 */
import { RESOURCES, type Interval } from './engine.js';

export function chromeTrace(policy: string, requestId: string, intervals: readonly Interval[]): object {
  const events: object[] = RESOURCES.map((r, i) => ({ name: 'thread_name', ph: 'M', pid: 1, tid: i, args: { name: r } }));
  events.push({ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: `${policy} ${requestId}` } });
  for (const iv of intervals) {
    events.push({ name: iv.label, cat: iv.resource, ph: 'X', pid: 1, tid: RESOURCES.indexOf(iv.resource), ts: iv.start_ns / 1000, dur: (iv.end_ns - iv.start_ns) / 1000 });
  }
  return { traceEvents: events, displayTimeUnit: 'ns', otherData: { policy, request_id: requestId } };
}
