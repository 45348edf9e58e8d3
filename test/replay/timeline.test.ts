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
    for (const e of operators) for (const k of ['policy', 'phase', 'repeat', 'bytes', 'macs']) expect(e.args, `${String(e.name)} lacks ${k}`).toHaveProperty(k);
    // sd-gemv-pim's PIM work appears on its own track: the GEMV operators the NPU phase hands to PIM.
    const names = (pid: number) => t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid).map((e) => e.args?.['name']);
    expect(names(2)).toContain('pim operators');
    expect(names(1)).not.toContain('pim operators'); // ar-npu runs everything on the NPU
    expect(operators.filter((e) => e.pid === 2 && e.cat === 'pim operator').length).toBeGreaterThan(0);
    // Within a phase the operators add up to the phase's time.
    const firstVerify = phases.find((e) => e.pid === 2 && e.name === 'verify')!;
    const inside = operators.filter((e) => e.pid === 2 && e.args?.['phase'] === 'verify' && (e.ts as number) >= (firstVerify.ts as number) - 1e-6 && (e.ts as number) < (firstVerify.ts as number) + (firstVerify.dur as number) - 1e-6);
    expect(inside.reduce((s, e) => s + (e.dur as number), 0) / (firstVerify.dur as number)).toBeCloseTo(1, 6);
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
