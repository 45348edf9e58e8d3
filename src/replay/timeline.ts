/**
 * Chrome / Perfetto trace-event JSON of a request's NPU / PIM / GPU / crossbar / bus activity:
 * one complete event ("ph": "X") per busy interval on a track per device, times in us. Every
 * event carries args: the phase's time, energy, busy time per device and bytes moved, and its
 * step's counts (step, position, drafted, accepted, committed, imputed). Counter tracks ("ph":
 * "C") give the committed tokens and the dynamic energy over time. `chromeTrace` is one policy;
 * `chromeTraceAll` puts every policy of the request in one file, a process per policy, so
 * Perfetto (ui.perfetto.dev) or chrome://tracing shows them side by side.
 *
 * Not drawn yet: operator-level events. A phase whose operators run on two devices in turn
 * (an NPU phase with GEMV operators on PIM) is one event on its main device; the other device's
 * busy time is in its args (`pim_busy_ns`).
 */
import { RESOURCES, type Interval } from './engine.js';
import type { PhaseCost } from './phase-cost.js';

/** The args a phase's intervals carry. */
export function phaseArgs(p: PhaseCost): Record<string, unknown> {
  const out: Record<string, unknown> = { phase_time_ns: p.time_ns, phase_energy_pj: p.energy_pj };
  RESOURCES.forEach((r, i) => {
    if (p.busy[i]! > 0) out[`${r}_busy_ns`] = p.busy[i];
  });
  for (const [action, count] of Object.entries(p.actions)) if (action.endsWith('_bytes')) out[action] = count;
  return out;
}

const us = (ns: number) => ns / 1000;

function events(pid: number, policy: string, requestId: string, intervals: readonly Interval[]): object[] {
  const out: object[] = [{ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: `${policy} ${requestId}` } }, { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } }];
  const used = new Set(intervals.map((iv) => iv.resource));
  RESOURCES.forEach((r, i) => {
    if (used.has(r)) out.push({ name: 'thread_name', ph: 'M', pid, tid: i, args: { name: r } });
  });
  for (const iv of intervals) {
    out.push({ name: iv.label, cat: iv.resource, ph: 'X', pid, tid: RESOURCES.indexOf(iv.resource), ts: us(iv.start_ns), dur: us(iv.end_ns - iv.start_ns), args: { policy, request_id: requestId, ...(iv.args ?? {}) } });
  }
  // Counters: committed tokens and dynamic energy, stepped when each step's last interval ends.
  const steps = new Map<number, { end: number; committed: number; energy: number }>();
  for (const iv of intervals) {
    const s = iv.args?.['step'];
    if (typeof s !== 'number') continue;
    const cur = steps.get(s);
    const committed = Number(iv.args?.['committed'] ?? 0);
    const energy = Number(iv.args?.['step_energy_pj'] ?? 0);
    if (cur === undefined || iv.end_ns > cur.end) steps.set(s, { end: iv.end_ns, committed, energy });
  }
  let tokens = 0;
  let mj = 0;
  for (const [, st] of [...steps].sort((a, b) => a[1].end - b[1].end)) {
    tokens += st.committed;
    mj += st.energy / 1e9;
    out.push({ name: 'committed tokens', ph: 'C', pid, tid: 0, ts: us(st.end), args: { tokens } });
    out.push({ name: 'dynamic energy (mJ)', ph: 'C', pid, tid: 0, ts: us(st.end), args: { mJ: mj } });
  }
  return out;
}

export function chromeTrace(policy: string, requestId: string, intervals: readonly Interval[]): object {
  return { traceEvents: events(1, policy, requestId, intervals), displayTimeUnit: 'ns', otherData: { policy, request_id: requestId } };
}

/** Every policy's timeline of one request in one file: a process per policy, in the run's policy order. */
export function chromeTraceAll(requestId: string, perPolicy: readonly (readonly [string, readonly Interval[]])[]): object {
  return {
    traceEvents: perPolicy.flatMap(([policy, intervals], k) => events(k + 1, policy, requestId, intervals)),
    displayTimeUnit: 'ns',
    otherData: { request_id: requestId, policies: perPolicy.map(([p]) => p) },
  };
}
