/** Per-policy summaries and policy comparisons from result tables, against hand arithmetic. */
import { describe, expect, it } from 'vitest';
import { summarizePolicies } from '../../src/stats/summary.js';
import { comparePolicies } from '../../src/stats/compare.js';
import { TableBuilder } from '../../src/schema/columns.js';
import { REQUEST_RESULT_COLUMNS, STEP_RESULT_COLUMNS } from '../../src/schema/result-columns.js';
import { RESOURCES } from '../../src/kernel/engine.js';

/** @param prefill tokens per request produced by prefill (REST: 1), not counted as decoded */
function tables(prefill = 0) {
  const q = new TableBuilder(REQUEST_RESULT_COLUMNS);
  const s = new TableBuilder(STEP_RESULT_COLUMNS);
  // Two requests x two policies. a: 10 tokens in 1 s / 2 J and 20 tokens in 2 s / 4 J; b twice as fast, same energy.
  const rows = [
    ['a', 'r0', 10, 1e9, 2e12, 2],
    ['a', 'r1', 20, 2e9, 4e12, 4],
    ['b', 'r0', 10, 0.5e9, 2e12, 1],
    ['b', 'r1', 20, 1e9, 4e12, 2],
  ] as const;
  rows.forEach(([policy, id, out, ns, pj, steps], i) => {
    q.str('policy').push(policy);
    q.str('request_id').push(id);
    q.int('request_index').push(i % 2);
    q.int('output_tokens').push(out);
    q.int('decoded_tokens').push(out - prefill);
    q.int('steps').push(steps);
    q.int('imputed_steps').push(0);
    q.f64('time_ns').push(ns);
    q.f64('energy_pj').push(pj);
    q.f64('tokens_per_s').push(out / (ns * 1e-9));
    q.f64('tokens_per_j').push(out / (pj * 1e-12));
    for (const r of RESOURCES) q.f64(`${r}_busy_ns`).push(r === 'npu' ? ns / 2 : 0);
    for (let k = 0; k < steps; k++) {
      s.str('policy').push(policy);
      s.str('request_id').push(id);
      for (const c of ['request_index', 'step', 'position', 'context_tokens', 'draft_tokens', 'accepted_tokens', 'committed_tokens', 'wasted_draft_tokens']) s.int(c).push(k);
      s.flag('imputed').push(k === 0 && policy === 'a');
      const per = ns / steps;
      s.f64('t_start_ns').push(k * per);
      s.f64('t_end_ns').push((k + 1) * per);
      for (const c of ['draft_start_ns', 'draft_end_ns', 'verify_start_ns', 'verify_end_ns', 'energy_pj', ...RESOURCES.map((r) => `${r}_busy_ns`)]) s.f64(c).push(0);
    }
  });
  return { requests: q.finish(), steps: s.finish() };
}

describe('per-policy summary', () => {
  it('aggregates tokens/s, tokens/J, J/token, EDP, latency percentiles, tokens/step, imputed share, utilization', () => {
    const { requests, steps } = tables();
    const [a, b] = summarizePolicies(requests, steps);
    expect(a!.policy).toBe('a');
    expect(a!.tokens_per_s).toBeCloseTo(30 / 3, 12);
    expect(a!.tokens_per_j).toBeCloseTo(30 / 6, 12);
    expect(a!.energy_per_token_j).toBeCloseTo(6 / 30, 12);
    expect(a!.edp_j_s).toBeCloseTo((6 / 30) * (3 / 30), 12);
    expect(a!.steps).toBe(6);
    expect(a!.committed_per_step).toBe(5);
    expect(a!.imputed_share).toBeCloseTo(2 / 6, 12);
    expect(a!.step_latency_p50_ns).toBe(5e8); // every step of a lasts 0.5 s
    expect(a!.utilization).toEqual({ npu: 0.5 });
    expect(a!.idle_share).toEqual({ npu: 0.5 });
    expect(b!.tokens_per_s).toBeCloseTo(20, 12);
  });

  it("rates count decoded tokens: a token produced by prefill is not the decoder's", () => {
    const { requests, steps } = tables(1);
    const [a] = summarizePolicies(requests, steps);
    expect(a!.output_tokens).toBe(30);
    expect(a!.tokens_per_s).toBeCloseTo(28 / 3, 12);
    expect(a!.energy_per_token_j).toBeCloseTo(6 / 28, 12);
    expect(a!.committed_per_step).toBeCloseTo(28 / 6, 12);
  });
});

describe('policy comparison', () => {
  it('speedup 2 on every request, energy efficiency 1; unknown baselines are named', () => {
    const { requests } = tables();
    const rows = comparePolicies(requests, 'a', 1, 500);
    const speed = rows.find((r) => r.metric === 'tokens_per_s')!;
    expect(speed.policy).toBe('b');
    expect(speed.geomean_ratio).toBeCloseTo(2, 12);
    expect([speed.ci.lo, speed.ci.hi]).toEqual([2, 2]);
    expect(speed.favour_policy).toBe(2);
    expect(rows.find((r) => r.metric === 'tokens_per_j')!.ties).toBe(2);
    expect(() => comparePolicies(requests, 'c', 1)).toThrow(/baseline 'c': not in this run; its policies: a, b/);
  });
});
