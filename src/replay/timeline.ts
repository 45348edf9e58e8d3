/**
 * Chrome / Perfetto trace-event JSON of a request's NPU / PIM / GPU / crossbar / bus activity:
 * one complete event ("ph": "X") per busy interval on a track per device, times in us. Every
 * event carries args: the phase's time, energy, busy time per device and bytes moved, and its
 * step's counts (step, position, drafted, accepted, committed, imputed). Counter tracks ("ph":
 * "C") give the committed tokens and the dynamic energy over time, and per device the dynamic
 * power and the DRAM bandwidth of each phase while it runs (the phase's averages). `chromeTrace` is one policy;
 * `chromeTraceAll` puts every policy of the request in one file, a process per policy, so
 * Perfetto (ui.perfetto.dev) or chrome://tracing shows them side by side.
 *
 * Operators: for the phases the platform's coster prices (the synchronous runner), each
 * operator is an event on its device's operator track ("pim operators" shows the GEMVs an NPU
 * phase hands to PIM), in decomposition order, an operator's repeats over the layers drawn as
 * one event. A policy's own cost function (LP-Spec's DAU split) and AHASD's asynchronous schedule
 * show their phases per device, without operators.
 */
import { RESOURCES, type Engine, type Interval, type Resource } from './engine.js';
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
const OPERATOR_TID = 10;

/**
 * Records a phase's operators as events from `start`, in decomposition order, each on its
 * device: the operators of a phase run one after another (a layer's projections, attention and
 * FFN; an operator's repeats over the layers drawn as one event).
 */
export function layOutOperators(engine: Engine, ops: readonly { name: string; device: Resource; time_ns: number; repeat: number; bytes: number; macs: number }[], start: number, end: number, phase: string): void {
  if (engine.operators === null) return;
  const timed = ops.filter((op) => op.time_ns > 0);
  let t = start;
  timed.forEach((op, k) => {
    // The last operator ends exactly at the phase's end (summing in another order rounds differently).
    const stop = k === timed.length - 1 ? end : Math.min(t + op.time_ns, end);
    engine.operators!.push({ resource: op.device, start_ns: t, end_ns: stop, label: op.name, args: { phase, repeat: op.repeat, bytes: op.bytes, macs: op.macs } });
    t = stop;
  });
}

function events(pid: number, policy: string, requestId: string, intervals: readonly Interval[]): object[] {
  const out: object[] = [{ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: `${policy} ${requestId}` } }, { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } }];
  // Phases on a track per device (tid = the device's index); operators on the device's operator
  // track beneath (tid = 10 + index).
  const tid = (iv: Interval) => RESOURCES.indexOf(iv.resource) + (iv.operator ? OPERATOR_TID : 0);
  const used = new Set(intervals.map(tid));
  RESOURCES.forEach((r, i) => {
    if (used.has(i)) out.push({ name: 'thread_name', ph: 'M', pid, tid: i, args: { name: r } });
    if (used.has(OPERATOR_TID + i)) out.push({ name: 'thread_name', ph: 'M', pid, tid: OPERATOR_TID + i, args: { name: `${r} operators` } });
  });
  for (const iv of intervals) {
    out.push({ name: iv.label, cat: iv.operator ? `${iv.resource} operator` : iv.resource, ph: 'X', pid, tid: tid(iv), ts: us(iv.start_ns), dur: us(iv.end_ns - iv.start_ns), args: { policy, request_id: requestId, ...(iv.args ?? {}) } });
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
  // Per device: the dynamic power and the DRAM bandwidth of each phase while it runs (0 between phases).
  for (const iv of intervals) {
    if (iv.operator || iv.args === undefined) continue;
    const dur = iv.end_ns - iv.start_ns;
    const pj = Number(iv.args['phase_energy_pj'] ?? NaN);
    const phaseNs = Number(iv.args['phase_time_ns'] ?? NaN);
    if (!(dur > 0 && phaseNs > 0)) continue;
    const bytes = Number(iv.args['dram_external_bytes'] ?? 0) + Number(iv.args['dram_internal_bytes'] ?? 0);
    const w = Number.isFinite(pj) ? pj / phaseNs / 1000 : 0; // pJ per ns = mW
    out.push({ name: `${iv.resource} power (W)`, ph: 'C', pid, tid: 0, ts: us(iv.start_ns), args: { W: w } });
    out.push({ name: `${iv.resource} power (W)`, ph: 'C', pid, tid: 0, ts: us(iv.end_ns), args: { W: 0 } });
    out.push({ name: `${iv.resource} DRAM bandwidth (GB/s)`, ph: 'C', pid, tid: 0, ts: us(iv.start_ns), args: { 'GB/s': bytes / phaseNs } });
    out.push({ name: `${iv.resource} DRAM bandwidth (GB/s)`, ph: 'C', pid, tid: 0, ts: us(iv.end_ns), args: { 'GB/s': 0 } });
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
