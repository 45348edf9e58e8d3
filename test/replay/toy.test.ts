/**
 * Hand-computed case: a 3-step chain trace on a two-device toy platform (drafting on PIM at
 * 10 ns per drafted token, verification on the NPU at 100 ns + 5 ns per verified token),
 * every step's time checked against arithmetic written here.
 */
import { describe, expect, it } from 'vitest';
import { buildAcceptance, type Outcome } from '../../src/kernel/acceptance.js';
import { Engine, RESOURCES } from '../../src/kernel/engine.js';
import { RequestRun } from '../../src/kernel/request-run.js';
import { Pricer } from '../../src/energy/pricer.js';
import { StepSink } from '../../src/replay/step-sink.js';
import { runSync } from '../../src/replay/sync-runner.js';
import { phaseCost, type DraftShape, type PhaseCost, type PhaseCostSource, type Placement } from '../../src/kernel/phase-cost.js';
import { ENERGY_TABLES } from '../../src/energy/tables.js';
import { cell } from '../../src/schema/columns.js';
import { makeTrace } from '../helpers.js';
import type { SyncPolicy } from '../../src/policy/interface.js';

const busy = (r: 'npu' | 'pim', ns: number) => {
  const b = new Float64Array(RESOURCES.length);
  b[RESOURCES.indexOf(r)] = ns;
  return b;
};
const toy: PhaseCostSource = {
  draftPhase(shape: DraftShape): PhaseCost {
    const k = shape.kind === 'chain' ? shape.k : 0;
    return phaseCost(10 * k, busy('pim', 10 * k), 'pim', { pim_macs_int8: k }, k);
  },
  verify(tokens: number): PhaseCost {
    return phaseCost(100 + 5 * tokens, busy('npu', 100 + 5 * tokens), 'npu', { npu_macs_int8: tokens }, tokens);
  },
};
const place: Placement = { id: 'toy', device: () => 'npu' };

// Steps: drafted 3 accepted 2 (commit 3), drafted 3 accepted 3 (commit 4), drafted 2 accepted 0 (commit 1): 8 tokens.
const trace = makeTrace({
  requests: [{ question_id: 'q', turn: 0, output_tokens: 8, steps: [
    { step: 0, draft_tokens: 3, accepted_tokens: 2, committed_tokens: 3 },
    { step: 1, draft_tokens: 3, accepted_tokens: 3, committed_tokens: 4 },
    { step: 2, draft_tokens: 2, accepted_tokens: 0, committed_tokens: 1 },
  ] }],
});

function run(policy: SyncPolicy) {
  const acc = buildAcceptance(trace, { depthMatch: () => 0.5, depthSource: 'test', rank: { id: 't', source: 't', probs: () => [0.5] } }, 1)[0]!;
  const pricer = new Pricer({ ...ENERGY_TABLES['ahasd-mobile'], static_mw: { npu: { pj: 2, source: 'toy: 2 mW' } } }, ['npu']);
  const sink = new StepSink('toy', pricer);
  const r = new RequestRun(0, 'q/0', acc, 10, new Engine(true), toy, new Map(), pricer, sink);
  const outcomes: Outcome[] = [];
  runSync(r, policy, (_v, _p, o) => outcomes.push(o));
  r.finish();
  return { tables: sink.finish(), outcomes, run: r };
}

describe('toy platform, 3-step chain trace', () => {
  it('recorded drafting: each step = 10 ns x drafted on PIM, then 100 + 5 x (drafted + 1) ns on the NPU', () => {
    const { tables } = run({ kind: 'sync', plan: () => ({ draft: { kind: 'recorded' }, draft_placement: place, verify_placement: place }) });
    const s = tables.steps;
    const col = (n: string) => Array.from({ length: s.length }, (_, i) => cell(s.columns[n]!, i));
    // step 0: draft 0..30, verify 30..150; step 1: draft 150..180, verify 180..300; step 2: draft 300..320, verify 320..435
    expect(col('draft_start_ns')).toEqual([0, 150, 300]);
    expect(col('draft_end_ns')).toEqual([30, 180, 320]);
    expect(col('verify_start_ns')).toEqual([30, 180, 320]);
    expect(col('verify_end_ns')).toEqual([150, 300, 435]);
    expect(col('committed_tokens')).toEqual([3, 4, 1]);
    expect(col('position')).toEqual([0, 3, 7]);
    expect(col('context_tokens')).toEqual([10, 13, 17]);
    expect(col('imputed')).toEqual([false, false, false]);
    // energy: dynamic (drafted + verified tokens) + static 2 mW x step duration
    expect(col('energy_pj')).toEqual([3 + 4 + 2 * 150, 3 + 4 + 2 * 150, 2 + 3 + 2 * 135]);
    expect(cell(tables.requests.columns['time_ns']!, 0)).toBe(435);
    expect(cell(tables.requests.columns['tokens_per_s']!, 0)).toBeCloseTo(8e9 / 435, 6);
    expect(cell(tables.requests.columns['pim_busy_ns']!, 0)).toBe(30 + 30 + 20);
    expect(cell(tables.requests.columns['npu_busy_ns']!, 0)).toBe(120 + 120 + 115);
  });

  it('chains of 1 token (counterfactual): matches at positions 0,1 then a mismatch: 2, 1, then imputed past the record', () => {
    const { outcomes, tables } = run({ kind: 'sync', plan: () => ({ draft: { kind: 'chain', k: 1 }, draft_placement: place, verify_placement: place }) });
    // positions 0,1 match; 2 is the correction (mismatch) of step 0; 3..5 match (step 1 fully accepted), 6 = bonus (unknown)
    expect(outcomes.slice(0, 3).map((o) => o.committed)).toEqual([2, 1, 2]);
    expect(outcomes.slice(0, 3).every((o) => !o.imputed)).toBe(true);
    const total = outcomes.reduce((s, o) => s + o.committed, 0);
    expect(total).toBe(8);
    // every step: 10 ns draft + 110 ns verify
    const ends = Array.from({ length: tables.steps.length }, (_, i) => cell(tables.steps.columns['verify_end_ns']!, i));
    expect(ends.slice(0, 3)).toEqual([120, 240, 360]);
  });

  it('autoregressive: 8 steps of 105 ns', () => {
    const { tables } = run({ kind: 'sync', plan: () => ({ draft: { kind: 'none' }, draft_placement: place, verify_placement: place }) });
    expect(tables.steps.length).toBe(8);
    expect(cell(tables.requests.columns['time_ns']!, 0)).toBe(8 * 105);
  });
});
