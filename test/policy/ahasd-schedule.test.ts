/**
 * AHASD's asynchronous schedule on hand-built rounds: how much drafting it hides behind the
 * NPU's verification, that a rejection abandons the queued drafts at the moment it is fed back
 * (no PIM work after it), and when TVC pre-verifies on PIM.
 */
import { describe, expect, it } from 'vitest';
import { ahasdRounds } from '../../src/ingest/from-ahasd-rounds.js';
import { replay } from '../../src/replay/replay.js';
import type { Interval } from '../../src/kernel/engine.js';
import { float64, int32 } from '../../src/schema/columns.js';

/** Rounds of 4 drafted tokens; `accepted(r)` tokens accepted in round r. */
function rounds(n: number, accepted: (r: number) => number, entropy = 3) {
  const rows = ['round,draft_length,avg_entropy,accepted_length'];
  for (let r = 0; r < n; r++) rows.push(`${r},4,${entropy},${accepted(r)}`);
  return ahasdRounds.fromText(rows.join('\n') + '\n', 'hand.csv', { target: 'opt-6.7b', draft: 'opt-1.3b', traceId: 'hand' });
}

// The artifact's NPU sits on a 16-channel HBM2 proxy [AHASD-ART configs/baselines/_base_systolic_c4_128x128_hbm2.json];
// with 64 x16 channels the NPU's verification takes about as long as PIM's drafting, which
// is where overlapping them matters.
const FAST_NPU = ['dram.channels=64'];
const COMMON = ['workload.precision=int8', 'workload.prompt_tokens=128', 'ahasd.draft_rule=recorded'];

function run(trace: ReturnType<typeof rounds>, sets: string[], platform = FAST_NPU) {
  const r = replay({ trace, platform: 'ahasd', policies: ['ahasd'], sets: [...COMMON, ...platform, ...sets], timeline: 'all' }).policies[0]!;
  const intervals = [...r.timelines.values()][0]!;
  return { summary: r.summary, steps: r.steps, intervals };
}

const on = (iv: readonly Interval[], res: string, label?: RegExp) => iv.filter((i) => i.resource === res && (label === undefined || label.test(i.label)));
const total = (iv: readonly Interval[]) => iv.reduce((s, i) => s + (i.end_ns - i.start_ns), 0);
/** Time during which a draft on PIM and a verification on the NPU run at once. */
function overlap(iv: readonly Interval[]): number {
  let o = 0;
  for (const d of on(iv, 'pim', /^draft/)) for (const v of on(iv, 'npu', /^verify/)) o += Math.max(0, Math.min(d.end_ns, v.end_ns) - Math.max(d.start_ns, v.start_ns));
  return o;
}

describe('ahasd: asynchronous drafting', () => {
  const full = rounds(24, () => 4);
  it('every round fully accepted: drafting runs while the NPU verifies, and the request ends sooner than drafting then verifying', () => {
    const sync = run(full, ['ahasd.async=off', 'ahasd.edc=off', 'ahasd.tvc=off']);
    const async = run(full, ['ahasd.edc=off', 'ahasd.tvc=off']);
    expect(overlap(sync.intervals)).toBe(0);
    const hidden = overlap(async.intervals);
    const drafting = total(on(async.intervals, 'pim', /^draft/));
    expect(hidden).toBeGreaterThan(0.3 * drafting);
    const end = (iv: readonly Interval[]) => Math.max(...iv.map((i) => i.end_ns));
    // The schedule is shorter by at least the drafting it hid behind the NPU (drafts whose first
    // token missed the bonus are redone, so it need not be shorter by all of it).
    expect(end(async.intervals)).toBeLessThan(end(sync.intervals) - 0.5 * hidden);
    expect(async.summary.tokens_per_s).toBeGreaterThan(sync.summary.tokens_per_s);
  });
  it('a rejection abandons the queued drafts when it is fed back: no PIM work runs across a rejecting verification\'s end', () => {
    const mixed = rounds(24, (r) => (r % 3 === 2 ? 1 : 4));
    const { intervals, steps } = run(mixed, ['ahasd.edc=off', 'ahasd.tvc=off']);
    const drafted = int32(steps, 'draft_tokens').values;
    const accepted = int32(steps, 'accepted_tokens').values;
    const vEnd = float64(steps, 'verify_end_ns').values;
    const wasted = int32(steps, 'wasted_draft_tokens').values;
    const pim = on(intervals, 'pim');
    let rejections = 0;
    for (let i = 0; i < drafted.length; i++) {
      if (accepted[i]! >= drafted[i]!) continue;
      rejections++;
      const t = vEnd[i]!;
      for (const p of pim) expect(p.start_ns < t - 1e-6 && p.end_ns > t + 1e-6).toBe(false);
    }
    expect(rejections).toBeGreaterThan(4);
    // Drafts abandoned after running are counted as wasted tokens.
    expect(wasted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('ahasd: TVC', () => {
  it('fires only when EDC stops drafting while the NPU is still busy: pre-verification on PIM between two GTSU switches', () => {
    // Two rejections in every five rounds at high entropy teach EDC's pattern table to stop; full acceptances keep the queue filling.
    const trace = rounds(40, (r) => (r % 5 < 2 ? 0 : 4), 9);
    const tvc = run(trace, ['ahasd.h_max=10'], []);
    const pre = on(tvc.intervals, 'pim', /^pre-verify/);
    const switches = on(tvc.intervals, 'pim', /^gtsu switch/);
    expect(pre.length).toBeGreaterThan(0);
    expect(switches.length).toBe(2 * pre.length);
    const off = run(trace, ['ahasd.h_max=10', 'ahasd.tvc=off'], []);
    expect(on(off.intervals, 'pim', /^pre-verify/).length).toBe(0);
    // Every pre-verification starts while a verification is running on the NPU.
    const verifies = on(tvc.intervals, 'npu', /^verify/);
    for (const p of pre) expect(verifies.some((v) => v.start_ns <= p.start_ns && p.start_ns < v.end_ns + 1e-6)).toBe(true);
  });
});
