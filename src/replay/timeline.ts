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
 * Operators: every operator of a phase is an event on its device's operator track, in
 * decomposition order (an operator's repeats over the layers drawn as one event), with nested
 * events for where its time goes where the device model breaks it down (a PIM operator's
 * mode switches, input broadcast, bank passes, output read-back). PIM operators are drawn on a
 * track per channel group, the channels they are spread over (all PIM channels, or SpecPIM's
 * draft and target shares); their transfers over the external bus also appear on the bus's
 * operator track. Policies with their own cost functions give
 * their operators too: LP-Spec's DAU split draws each FC kernel's NPU and PIM shares side by
 * side, then the non-linear operators and the gathers; AHASD's asynchronous schedule draws each
 * device's operators inside that device's share of a phase.
 */
import { RESOURCES, type Interval } from '../kernel/engine.js';
import type { PhaseCost } from '../kernel/phase-cost.js';

/** The args a phase's intervals carry. */
export function phaseArgs(p: PhaseCost): Record<string, unknown> {
  const out: Record<string, unknown> = { phase_time_ns: p.time_ns, phase_energy_pj: p.energy_pj };
  RESOURCES.forEach((r, i) => {
    if (p.busy[i]! > 0) out[`${r}_busy_ns`] = p.busy[i];
  });
  for (const [action, count] of Object.entries(p.actions)) if (action.endsWith('_bytes')) out[action] = count;
  return out;
}

/** A Chrome trace-event file. */
export interface ChromeTrace {
  readonly traceEvents: object[];
  readonly displayTimeUnit: string;
  readonly otherData: Readonly<Record<string, unknown>>;
}

/** Microseconds to the nanosecond (start and end rounded alike, so nested events stay nested). */
const roundUs = (ns: number) => Math.round(ns) / 1000;
const OPERATOR_TID = 10;

const GROUP_TID = 20;

const groupName = (first: number, count: number) => (count === 1 ? `pim ch ${first}` : `pim ch ${first}-${first + count - 1}`);

function events(pid: number, policy: string, requestId: string, intervals: readonly Interval[]): object[] {
  const out: object[] = [{ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: `${policy} ${requestId}` } }, { name: 'process_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: pid } }];
  const threads = new Map<number, string>();
  const groups = new Map<string, number>();
  const busOps = OPERATOR_TID + RESOURCES.indexOf('bus');
  const x = (name: string, cat: string, tid: number, start: number, end: number, args: Record<string, unknown>) =>
    out.push({ name, cat, ph: 'X', pid, tid, ts: roundUs(start), dur: (Math.round(end) - Math.round(start)) / 1000, args: { policy, request_id: requestId, ...args } });
  for (const iv of intervals) {
    const i = RESOURCES.indexOf(iv.resource);
    if (!iv.operator) {
      // Phases on a track per device (tid = the device's index).
      threads.set(i, iv.resource);
      x(iv.label, iv.resource, i, iv.start_ns, iv.end_ns, { ...(iv.args ?? {}) });
      continue;
    }
    // Operators on the device's operator track (tid = 10 + index); a PIM operator on the track
    // of the channel group it runs on (tid = 20 + the group's order of appearance): the models
    // spread an operator evenly over its channels, so a group is a set of channels that run
    // the same operators (all of them, or e.g. SpecPIM's draft and target shares).
    let tid = OPERATOR_TID + i;
    if (iv.pim_channels !== undefined) {
      const { first, count } = iv.pim_channels;
      const key = `${first}+${count}`;
      tid = groups.get(key) ?? GROUP_TID + groups.size;
      groups.set(key, tid);
      threads.set(tid, groupName(first, count));
    } else threads.set(tid, `${iv.resource} operators`);
    x(iv.label, `${iv.resource} operator`, tid, iv.start_ns, iv.end_ns, { ...(iv.args ?? {}) });
    // Its segments nested inside it (its repeats' totals), stretched by the rounding that fits
    // it to its phase, or cut where the operator was (abandoned speculative work).
    const total = (iv.segments ?? []).reduce((s, g) => s + g.time_ns, 0);
    const drawn = iv.end_ns - iv.start_ns;
    const scale = total > 0 && drawn >= total * (1 - 1e-9) ? drawn / total : 1;
    let t = iv.start_ns;
    for (const seg of iv.segments ?? []) {
      const d = Math.min(seg.time_ns * scale, iv.end_ns - t);
      if (d <= 0) continue;
      x(seg.name, `${iv.resource} segment`, tid, t, t + d, { operator: iv.label, phase: iv.args?.['phase'], time_ns: d });
      // Transfers over the external bus also on the bus's operator track.
      if (seg.bus) {
        threads.set(busOps, 'bus operators');
        x(`${seg.name} (${iv.label})`, 'bus transfer', busOps, t, t + d, { operator: iv.label, phase: iv.args?.['phase'], time_ns: d });
      }
      t += d;
    }
  }
  for (const [tid, name] of [...threads].sort((a, b) => a[0] - b[0])) out.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name } });
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
    out.push({ name: `${iv.resource} power (W)`, ph: 'C', pid, tid: 0, ts: roundUs(iv.start_ns), args: { W: w } });
    out.push({ name: `${iv.resource} power (W)`, ph: 'C', pid, tid: 0, ts: roundUs(iv.end_ns), args: { W: 0 } });
    out.push({ name: `${iv.resource} DRAM bandwidth (GB/s)`, ph: 'C', pid, tid: 0, ts: roundUs(iv.start_ns), args: { 'GB/s': bytes / phaseNs } });
    out.push({ name: `${iv.resource} DRAM bandwidth (GB/s)`, ph: 'C', pid, tid: 0, ts: roundUs(iv.end_ns), args: { 'GB/s': 0 } });
  }
  let tokens = 0;
  let mj = 0;
  for (const [, st] of [...steps].sort((a, b) => a[1].end - b[1].end)) {
    tokens += st.committed;
    mj += st.energy / 1e9;
    out.push({ name: 'committed tokens', ph: 'C', pid, tid: 0, ts: roundUs(st.end), args: { tokens } });
    out.push({ name: 'dynamic energy (mJ)', ph: 'C', pid, tid: 0, ts: roundUs(st.end), args: { mJ: mj } });
  }
  return out;
}

/** One policy's timeline (the run directory's per-policy files hold its phases; the per-request file, every operator). */
export function chromeTrace(policy: string, requestId: string, intervals: readonly Interval[]): ChromeTrace {
  return { traceEvents: events(1, policy, requestId, intervals), displayTimeUnit: 'ns', otherData: { policy, request_id: requestId } };
}

/** Every policy's timeline of one request in one file: a process per policy, in the run's policy order. */
export function chromeTraceAll(requestId: string, perPolicy: readonly (readonly [string, readonly Interval[]])[]): ChromeTrace {
  return {
    traceEvents: perPolicy.flatMap(([policy, intervals], k) => events(k + 1, policy, requestId, intervals)),
    displayTimeUnit: 'ns',
    otherData: { request_id: requestId, policies: perPolicy.map(([p]) => p) },
  };
}

/** A trace's JSON, one event per line (timelines run to many thousands of events). */
export function traceJson(trace: ChromeTrace): string {
  const { traceEvents, ...rest } = trace;
  const head = JSON.stringify(rest);
  return `{"traceEvents": [\n${traceEvents.map((e) => JSON.stringify(e)).join(',\n')}\n],\n${head.slice(1, -1)}}\n`;
}
