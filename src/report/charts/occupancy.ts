/** NPU / PIM / GPU / bus occupancy over the first milliseconds of one request: a Gantt row per resource and policy. */
import { deviceScale } from '../theme.js';
import { chart, type ChartSpec } from './spec.js';

export interface BusyInterval {
  readonly policy: string;
  readonly resource: string;
  readonly label: string;
  readonly start_ms: number;
  readonly end_ms: number;
}

export function occupancyTimeline(requestId: string, intervals: readonly BusyInterval[], windowMs: number): ChartSpec {
  const data = intervals.filter((i) => i.start_ms < windowMs).map((i) => ({ ...i, end_ms: Math.min(i.end_ms, windowMs), lane: `${i.policy} · ${i.resource}` }));
  return chart('occupancy', `Device occupancy, request ${requestId}`, `busy intervals in the first ${windowMs.toFixed(0)} ms; gaps are idle time`, { busy: data }, {
    data: { name: 'busy' },
    width: 520,
    height: { step: 18 },
    mark: { type: 'bar', cornerRadius: 1 },
    encoding: {
      y: { field: 'lane', type: 'nominal', title: null, sort: null },
      x: { field: 'start_ms', type: 'quantitative', title: 'time from request start (ms)' },
      x2: { field: 'end_ms' },
      color: { field: 'resource', type: 'nominal', title: 'resource', scale: deviceScale(data.map((d) => d.resource)) },
      tooltip: [{ field: 'label', type: 'nominal' }, { field: 'start_ms', type: 'quantitative', format: '.3f' }, { field: 'end_ms', type: 'quantitative', format: '.3f' }],
    },
  });
}

/** Intervals from a run directory's Chrome-trace timelines (timelines/<policy>/<request>.json). */
/** The phases of a timeline file (operator events, on the operator tracks, are left to Perfetto). */
export function intervalsFromChromeTrace(policy: string, trace: { traceEvents: { ph: string; tid?: number; cat?: string; name: string; ts?: number; dur?: number; args?: { name?: string } }[] }): BusyInterval[] {
  const lanes = new Map<number, string>();
  for (const e of trace.traceEvents) if (e.ph === 'M' && e.name === 'thread_name' && e.tid !== undefined) lanes.set(e.tid, e.args?.name ?? String(e.tid));
  return trace.traceEvents
    .filter((e) => e.ph === 'X' && e.ts !== undefined && e.dur !== undefined && !(e.cat ?? '').endsWith(' operator'))
    .map((e) => ({ policy, resource: lanes.get(e.tid!) ?? String(e.tid), label: e.name, start_ms: e.ts! / 1000, end_ms: (e.ts! + e.dur!) / 1000 }));
}
