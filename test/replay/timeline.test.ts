/** Timelines researchers can read: Chrome trace-event format, args on every event, counters, every policy of a request in one file. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { replay } from '../../src/replay/replay.js';
import { writeRunDir } from '../../src/replay/run-dir.js';
import { ROOT, tmpDir } from '../helpers.js';

const EAGLE = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');

interface Event {
  name: unknown;
  ph: unknown;
  pid: unknown;
  tid: unknown;
  cat?: unknown;
  ts?: unknown;
  dur?: unknown;
  args?: Record<string, unknown>;
}

/** The Chrome trace event format's rules for the event types written here. */
function checkFormat(events: Event[]): void {
  for (const e of events) {
    expect(typeof e.name).toBe('string');
    expect(['X', 'M', 'C']).toContain(e.ph);
    expect(Number.isInteger(e.pid)).toBe(true);
    expect(Number.isInteger(e.tid)).toBe(true);
    if (e.ph === 'X') {
      expect(typeof e.ts === 'number' && e.ts >= 0).toBe(true);
      expect(typeof e.dur === 'number' && e.dur >= 0).toBe(true);
    }
    if (e.ph === 'C') {
      expect(typeof e.ts).toBe('number');
      for (const v of Object.values(e.args ?? {})) expect(typeof v).toBe('number');
    }
    if (e.ph === 'M') expect(['process_name', 'thread_name', 'process_sort_index']).toContain(e.name);
  }
}

describe('timelines', () => {
  it('one file per request with every policy as a process; args on every event; counters end at the request tokens', async () => {
    const { trace } = await ingestFile(EAGLE, 'spec-bench', { tree: 'eagle-mc_sim_7b_63' });
    const result = replay({ trace, platform: 'gemv-pim', policies: ['ar-npu', 'sd-gemv-pim'], timeline: ['81/0'] });
    const dir = path.join(tmpDir(), 'run');
    writeRunDir(dir, result, { specreplay: 'test' });
    const file = path.join(dir, 'timelines', 'requests', '81%2F0.json');
    const t = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents: Event[]; otherData: { policies: string[] } };
    checkFormat(t.traceEvents);
    expect(t.otherData.policies).toEqual(['ar-npu', 'sd-gemv-pim']);
    const processes = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args?.['name']]);
    expect(processes).toEqual([[1, 'ar-npu 81/0'], [2, 'sd-gemv-pim 81/0']]);
    const phases = t.traceEvents.filter((e) => e.ph === 'X' && (e.tid as number) < 10);
    const operators = t.traceEvents.filter((e) => e.ph === 'X' && (e.tid as number) >= 10);
    expect(phases.length).toBeGreaterThan(0);
    for (const e of phases) {
      for (const k of ['policy', 'request_id', 'step', 'drafted', 'accepted', 'committed', 'phase_time_ns', 'phase_energy_pj']) expect(e.args, `${String(e.name)} lacks ${k}`).toHaveProperty(k);
    }
    for (const e of operators) for (const k of String(e.cat).endsWith(' operator') ? ['policy', 'phase', 'repeat', 'bytes', 'macs'] : ['policy', 'phase', 'operator', 'time_ns']) expect(e.args, `${String(e.name)} lacks ${k}`).toHaveProperty(k);
    // sd-gemv-pim's PIM work appears on its own track: the GEMV operators the NPU phase hands to PIM.
    const names = (pid: number) => t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid).map((e) => e.args?.['name']);
    // On a track per PIM channel group: gemv-pim's 12 PIM channels hold every GEMV's weights.
    expect(names(2)).toContain('pim ch 0-11');
    expect(names(1)).not.toContain('pim ch 0-11'); // ar-npu runs everything on the NPU
    const pimOps = operators.filter((e) => e.pid === 2 && e.cat === 'pim operator');
    expect(pimOps.length).toBeGreaterThan(0);
    for (const e of pimOps) expect(e.args?.['pim_channels']).toBe('0-11 of 12');
    // A PIM GEMV's time broken down, nested inside it (mode switches, input broadcast, bank passes, output read-back),
    // and its read-back also on the bus's operator track.
    const gemv = pimOps.find((e) => e.args?.['macs'] !== 0)!;
    const parts = t.traceEvents.filter((e) => e.ph === 'X' && e.pid === 2 && e.tid === gemv.tid && e.cat === 'pim segment' && e.args?.['operator'] === gemv.name && (e.ts as number) >= (gemv.ts as number) && (e.ts as number) < (gemv.ts as number) + (gemv.dur as number));
    expect(parts.map((e) => String(e.name).replace(/ \(\d+\)$/, ''))).toEqual(['mode switch in', 'broadcast input', 'bank passes', 'read output', 'mode switch out']);
    expect(parts.reduce((s, e) => s + (e.dur as number), 0)).toBeCloseTo(gemv.dur as number, 2);
    expect(names(2)).toContain('bus operators');
    expect(t.traceEvents.some((e) => e.pid === 2 && e.cat === 'bus transfer' && e.name === `read output (${String(gemv.name)})`)).toBe(true);
    // Within a phase the operators add up to the phase's time.
    const firstVerify = phases.find((e) => e.pid === 2 && e.name === 'verify')!;
    const inside = operators.filter((e) => e.pid === 2 && String(e.cat).endsWith(' operator') && e.cat !== 'bus operator' && e.args?.['phase'] === 'verify' && (e.ts as number) >= (firstVerify.ts as number) - 1e-6 && (e.ts as number) < (firstVerify.ts as number) + (firstVerify.dur as number) - 1e-6);
    expect(inside.reduce((s, e) => s + (e.dur as number), 0) / (firstVerify.dur as number)).toBeCloseTo(1, 5);
    // The committed-tokens counter rises to the request's decoded tokens, for each policy.
    const req = result.policies[0]!.requests;
    const decoded = (req.columns['decoded_tokens'] as { values: Int32Array }).values[0]!;
    for (const pid of [1, 2]) {
      const counts = t.traceEvents.filter((e) => e.ph === 'C' && e.pid === pid && e.name === 'committed tokens').map((e) => Number(e.args!['tokens']));
      expect(counts.every((v, i) => i === 0 || v >= counts[i - 1]!)).toBe(true);
      expect(counts.at(-1)).toBe(decoded);
    }
    // Power and bandwidth counters per device, finite and non-negative.
    const power = t.traceEvents.filter((e) => e.ph === 'C' && e.name === 'npu power (W)').map((e) => Number(e.args!['W']));
    expect(power.some((w) => w > 0)).toBe(true);
    expect(power.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
    const bw = t.traceEvents.filter((e) => e.ph === 'C' && e.name === 'npu DRAM bandwidth (GB/s)').map((e) => Number(e.args!['GB/s']));
    expect(bw.some((g) => g > 0 && g < 1000)).toBe(true);
    // The per-policy files stay (the report's occupancy chart reads them).
    expect(fs.existsSync(path.join(dir, 'timelines', 'sd-gemv-pim', '81%2F0.json'))).toBe(true);
  });
});

/** Operator events of one policy's timeline, per track. */
function operatorTracks(t: { traceEvents: Event[] }): Map<string, Event[]> {
  const out = new Map<string, Event[]>();
  for (const e of t.traceEvents) {
    if (e.ph !== 'X' || !String(e.cat).endsWith(' operator')) continue;
    const key = `${String(e.pid)}:${String(e.tid)}`;
    out.set(key, [...(out.get(key) ?? []), e]);
  }
  return out;
}

describe('operator timelines of the policies with their own schedules', () => {
  const ANSWERS = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
  const MEDUSA = path.join(ROOT, 'traces', 'medusa-vicuna-7b-mtbench', 'medusa-vicuna-7b-v1.3-temperature-0.0-posterior_threshold-0.09-posterior_alpha-0.3.jsonl');

  async function timeline(file: string, format: string, platform: string, policies: string[], sets: string[], request: string) {
    const { trace } = await ingestFile(file, format, {});
    const result = replay({ trace, platform, policies, sets, timeline: [request] });
    const dir = path.join(tmpDir(), 'run');
    writeRunDir(dir, result, { specreplay: 'test' });
    const t = JSON.parse(fs.readFileSync(path.join(dir, 'timelines', 'requests', `${request.replace('/', '%2F')}.json`), 'utf8')) as { traceEvents: Event[] };
    checkFormat(t.traceEvents);
    return t;
  }

  /** No two operators of a track overlap (a device runs one at a time), and each lies inside one of its policy's phases. */
  function checkTracks(t: { traceEvents: Event[] }): void {
    const phases = t.traceEvents.filter((e) => e.ph === 'X' && (e.tid as number) < 10);
    for (const [key, evs] of operatorTracks(t)) {
      const sorted = [...evs].sort((a, b) => (a.ts as number) - (b.ts as number));
      for (let i = 1; i < sorted.length; i++) expect((sorted[i]!.ts as number) + 1e-3, `${key}: ${String(sorted[i]!.name)} overlaps ${String(sorted[i - 1]!.name)}`).toBeGreaterThanOrEqual((sorted[i - 1]!.ts as number) + (sorted[i - 1]!.dur as number));
      const pid = sorted[0]!.pid;
      const own = phases.filter((p) => p.pid === pid).sort((a, b) => (a.ts as number) - (b.ts as number));
      for (const e of sorted) {
        const home = own.some((p) => (p.ts as number) - 1e-3 <= (e.ts as number) && (e.ts as number) + (e.dur as number) <= (p.ts as number) + (p.dur as number) + 1e-3);
        expect(home, `${key}: ${String(e.name)} at ${String(e.ts)} lies outside every phase`).toBe(true);
      }
    }
  }

  it("lp-spec: each FC kernel's NPU and PIM shares side by side, adding up to the split phase; the gathers on the bus", async () => {
    const t = await timeline(MEDUSA, 'per-turn', 'lp-spec', ['lp-spec'], [], '100/0');
    checkTracks(t);
    const names = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.['name']);
    expect(names).toEqual(expect.arrayContaining(['npu operators', 'pim ch 0-11', 'bus operators']));
    const verify = t.traceEvents.find((e) => e.ph === 'X' && e.name === 'verify' && e.tid === 0)!;
    const [a, b] = [verify.ts as number, (verify.ts as number) + (verify.dur as number)];
    const inVerify = t.traceEvents.filter((e) => e.ph === 'X' && String(e.cat).endsWith(' operator') && e.args?.['phase'] === 'verify' && (e.ts as number) >= a - 1e-3 && (e.ts as number) < b - 1e-3);
    const qkv = inVerify.filter((e) => String(e.name).startsWith('qkv ('));
    expect(qkv.map((e) => e.cat).sort()).toEqual(['npu operator', 'pim operator']);
    expect(qkv[0]!.ts).toBe(qkv[1]!.ts); // side by side
    // The NPU's shares, its non-linear operators and the gathers fill the phase; PIM's shares end where the NPU's do.
    const npuShares = inVerify.filter((e) => e.cat === 'npu operator' && / \(npu \d+%\)$/.test(String(e.name)));
    const pimShares = inVerify.filter((e) => e.cat === 'pim operator');
    const sum = (es: Event[]) => es.reduce((s, e) => s + (e.dur as number), 0);
    expect(sum(npuShares) / sum(pimShares)).toBeCloseTo(1, 4);
    const rest = inVerify.filter((e) => !npuShares.includes(e) && !pimShares.includes(e));
    expect(rest.some((e) => e.name === 'gather PIM outputs' && e.cat === 'bus operator')).toBe(true);
    expect((sum(npuShares) + sum(rest)) / (b - a)).toBeCloseTo(1, 4);
  });

  it('ahasd: drafting operators on the PIM channels, verification operators on the NPU; abandoned drafting cut where PIM learns of the rejection', async () => {
    const t = await timeline(ANSWERS, 'spec-bench', 'ahasd', ['ahasd'], ['ahasd.entropy_model=ahasd-synthetic', 'ahasd.draft_rule=fixed', 'ahasd.max_draft=5'], '81/0');
    checkTracks(t);
    const ops = t.traceEvents.filter((e) => e.ph === 'X' && String(e.cat).endsWith(' operator'));
    expect(ops.some((e) => e.cat === 'pim operator' && e.args?.['phase'] === 'draft' && e.args?.['pim_channels'] === '0-3 of 4')).toBe(true);
    expect(ops.some((e) => e.cat === 'npu operator' && e.args?.['phase'] === 'verify')).toBe(true);
    // Every PIM operator lies inside a PIM phase (drafting rewound at a rejection is cut with it).
    const pimPhases = t.traceEvents.filter((e) => e.ph === 'X' && e.tid === 1);
    for (const e of ops.filter((o) => o.cat === 'pim operator')) {
      expect(pimPhases.some((p) => (p.ts as number) - 1e-3 <= (e.ts as number) && (e.ts as number) + (e.dur as number) <= (p.ts as number) + (p.dur as number) + 1e-3)).toBe(true);
    }
  });

  it("specpim: the draft model's PIM operators on its own channels", async () => {
    const t = await timeline(ANSWERS, 'spec-bench', 'specpim-hbm-pim', ['specpim'], ['draft.max_len=4'], '81/0');
    checkTracks(t);
    const pim = t.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'pim operator');
    expect(pim.length).toBeGreaterThan(0);
    for (const e of pim) expect(String(e.args?.['pim_channels'])).toMatch(/ of 16$/);
  });
});
