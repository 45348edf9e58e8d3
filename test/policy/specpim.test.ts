/** SpecPIM's design-space exploration on hand-made spaces and on the platform models (papers.md 2). */
import { describe, expect, it } from 'vitest';
import { exploreDesigns } from '../../src/policy/specpim/specpim.js';
import { expectedCommitted, traceProfile, constantProfile } from '../../src/policy/specpim/profile.js';
import { exhaustive, genetic, paretoFront } from '../../src/policy/specpim/search.js';
import { allMappings, designName, designs, spaceSize, type Design, type SpaceSpec } from '../../src/policy/specpim/space.js';
import type { DesignMetrics } from '../../src/policy/specpim/evaluate.js';
import { score } from '../../src/policy/specpim/evaluate.js';
import { policyParams } from '../../src/policy/registry.js';
import { resolvePlatform } from '../../src/platform/platforms.js';
import { resolveReplayConfig } from '../../src/kernel/config.js';
import { PhaseCoster } from '../../src/kernel/phase-cost.js';
import { resolveModels } from '../../src/kernel/workload.js';
import { replay } from '../../src/replay/replay.js';
import type { PolicyContext } from '../../src/policy/interface.js';
import { makeTrace } from '../helpers.js';

const metrics = (design: Design, tokens_per_s: number, tokens_per_j = 1): DesignMetrics => ({
  design, step_time_ns: 1e9 / tokens_per_s, step_energy_pj: 1e12 / tokens_per_j, committed_per_step: 1, tokens_per_s, tokens_per_j, edp_j_s: 1 / (tokens_per_s * tokens_per_j),
});

/** A synthetic landscape with one known optimum: draft on PIM, target FC on PIM, attention on the host, k = 3, 2 draft channels. */
function landscape(d: Design): DesignMetrics {
  let s = 100 - 10 * Math.abs(d.draft_len - 3) - 3 * Math.abs(d.draft_channels - 2);
  if (d.draft_fc !== 'pim') s -= 7;
  if (d.target_fc !== 'pim') s -= 11;
  if (d.target_attn !== 'host') s -= 5;
  if (d.draft_attn !== 'host') s -= 2;
  return metrics(d, s);
}

const ARCH = { alus: 1, freq_mhz: 300, lanes: 16 };

describe('the design space', () => {
  it('enumerates mapping x draft length x channel split, with a split only when both models use PIM', () => {
    const spec: SpaceSpec = { channels: 4, archs: [ARCH], draft_lens: [0, 1, 2], mappings: allMappings() };
    const all = [...designs(spec)];
    // k = 0: 4 target mappings; k >= 1: 9 mappings with both models on PIM x 3 splits + 7 others.
    expect(all.length).toBe(4 + 2 * (9 * 3 + 7));
    expect(spaceSize(spec)).toBe(all.length);
    expect(new Set(all.map((d) => designName(d, 4))).size).toBe(all.length);
    // The architecture space multiplies it: each PIM organisation is a separate set of designs.
    const two = { ...spec, archs: [ARCH, { ...ARCH, alus: 4 }] };
    expect(spaceSize(two)).toBe(2 * all.length);
    for (const d of all) {
      const draftPim = d.draft_len > 0 && (d.draft_fc === 'pim' || d.draft_attn === 'pim');
      const targetPim = d.target_fc === 'pim' || d.target_attn === 'pim';
      if (draftPim && targetPim) expect(d.draft_channels).toBeGreaterThanOrEqual(1), expect(d.draft_channels).toBeLessThanOrEqual(3);
      else expect(d.draft_channels).toBe(draftPim ? 4 : 0);
    }
  });
});

describe('the searches', () => {
  const spec: SpaceSpec = { channels: 8, archs: [ARCH], draft_lens: [1, 2, 3, 4, 5, 6, 7, 8], mappings: allMappings() };
  it('the exhaustive search finds the known optimum', () => {
    const r = exhaustive(spec, landscape, 'throughput');
    expect(r.method).toBe('exhaustive');
    expect(r.evaluated).toBe(spaceSize(spec));
    expect(r.best.design).toEqual({ draft_fc: 'pim', draft_attn: 'host', target_fc: 'pim', target_attn: 'host', draft_channels: 2, draft_len: 3, arch: ARCH });
  });
  it('the genetic search finds the same optimum evaluating a fraction of the space, deterministically per seed', () => {
    const opts = { population: 16, generations: 25, elite: 4, mutation: 0.8, seed: 7 };
    const a = genetic(spec, landscape, 'throughput', opts);
    const b = genetic(spec, landscape, 'throughput', opts);
    expect(a.best.design).toEqual({ draft_fc: 'pim', draft_attn: 'host', target_fc: 'pim', target_attn: 'host', draft_channels: 2, draft_len: 3, arch: ARCH });
    expect(a.evaluated).toBeLessThan(a.space_size);
    expect(b.evaluated).toBe(a.evaluated);
    expect(designName(b.best.design, 8)).toBe(designName(a.best.design, 8));
  });
  it('the Pareto front keeps exactly the non-dominated designs', () => {
    const d = (k: number): Design => ({ draft_fc: 'host', draft_attn: 'host', target_fc: 'host', target_attn: 'host', draft_channels: 0, draft_len: k, arch: ARCH });
    const pts = [metrics(d(1), 10, 5), metrics(d(2), 20, 4), metrics(d(3), 15, 3), metrics(d(4), 5, 6), metrics(d(5), 20, 2)];
    expect(paretoFront(pts).map((m) => m.design.draft_len)).toEqual([4, 1, 2]);
  });
  it('objectives: energy ranks by tokens/J, edp by the lowest energy-delay product', () => {
    const d: Design = { draft_fc: 'host', draft_attn: 'host', target_fc: 'host', target_attn: 'host', draft_channels: 0, draft_len: 1, arch: ARCH };
    const fast = metrics(d, 20, 1);
    const frugal = metrics(d, 5, 3);
    expect(score(fast, 'throughput')).toBeGreaterThan(score(frugal, 'throughput'));
    expect(score(frugal, 'energy')).toBeGreaterThan(score(fast, 'energy'));
    expect(score(fast, 'edp')).toBeGreaterThan(score(frugal, 'edp')); // 1/20 < 1/15
  });
});

describe('the acceptance profile', () => {
  const steps = (d: number, a: number, n: number) => Array.from({ length: n }, () => ({ draft_tokens: d, accepted_tokens: a, committed_tokens: a + 1 }));
  it('product-limit: a step that stopped drafting is not a rejection', () => {
    const rows = [...steps(3, 3, 10), ...steps(3, 1, 10), ...steps(3, 0, 10), ...steps(2, 2, 10)].map((s, i) => ({ step: i, ...s }));
    const out = rows.reduce((s, r) => s + r.committed_tokens, 0);
    const t = makeTrace({ requests: [{ question_id: 'q', turn: 0, output_tokens: out, steps: rows }] });
    const p = traceProfile(t);
    // h1 = 30/40 (all drafted one token); h2 = 20/30 (drafted >= 2 and accepted >= 1); h3 has 10 at risk (< 20): tail = h2.
    expect(p.hazard).toEqual([0.75, 20 / 30]);
    expect(expectedCommitted(p, 0)).toBe(1);
    expect(expectedCommitted(p, 1)).toBeCloseTo(1.75, 12);
    expect(expectedCommitted(p, 3)).toBeCloseTo(1.75 + 0.5 + 0.5 * (2 / 3), 12);
  });
  it('a constant rate gives the geometric series', () => {
    expect(expectedCommitted(constantProfile(0.5), 3)).toBeCloseTo(1 + 0.5 + 0.25 + 0.125, 12);
  });
});

function context(platform: string, sets: string[]): PolicyContext {
  const trace = makeTrace({ method: 'sps', target: 'vicuna-7b', draft: 'llama-68m', requests: [{ question_id: 'q', turn: 0, output_tokens: 64, prompt_tokens: 256 } as never] });
  const config = resolveReplayConfig(platform, sets, policyParams());
  const p = resolvePlatform(config.platform, config.platform_overrides);
  const models = resolveModels(trace.meta, config);
  return { platform: p, trace, models, coster: new PhaseCoster(p, models.target, models.draft, 'int8'), config, params: config.params['specpim']!, trees: new Map() };
}

describe('the exploration on the platform models', () => {
  it('on the NPU (verification cost flat in M) the best is autoregressive (k = 0) without acceptance and a long draft with high acceptance', () => {
    const onNpu = 'specpim.mapping=host,host,host,host';
    const low = exploreDesigns(context('gemv-pim', [onNpu, 'specpim.alpha=0'])).result.best.design.draft_len;
    const high = exploreDesigns(context('gemv-pim', [onNpu, 'specpim.alpha=0.9'])).result.best.design.draft_len;
    expect(low).toBe(0);
    expect(high).toBeGreaterThan(1);
  });
  it('on GEMV PIM (one token per pass: a (k+1)-token verification takes k+1 passes) the search keeps the target on PIM and the draft at most one token', () => {
    const best = exploreDesigns(context('gemv-pim', ['specpim.alpha=0.9'])).result.best.design;
    expect(best.target_fc).toBe('pim');
    expect(best.draft_len).toBeLessThanOrEqual(1);
    // The k + 1 passes, on the platform's one-ALU units: verifying 5 tokens costs 5 passes of one.
    const ev = exploreDesigns(context('gemv-pim', ['specpim.mapping=host,host,pim,host', 'specpim.draft_len=4'])).evaluator;
    const d = { ...best, target_fc: 'pim' as const, target_attn: 'host' as const, draft_fc: 'host' as const, draft_attn: 'host' as const, draft_channels: 0 };
    const pimBusy = (m: number) => ev.verifyCost(d, m, 256).busy[1]!;
    expect(pimBusy(5) / pimBusy(1)).toBeGreaterThan(4.5);
  });
  it('the architecture space: more token-parallel ALUs make a (k+1)-token verification take ceil((k+1)/ALUs) passes, and the search picks among the listed organisations', () => {
    const s = exploreDesigns(context('specpim-hbm-pim', ['specpim.alpha=0.8', 'specpim.max_draft_len=4', 'specpim.pim_alus=1,4']));
    expect(s.space.archs.map((a) => a.alus)).toEqual([1, 4]);
    expect(s.result.space_size).toBe(2 * exploreDesigns(context('specpim-hbm-pim', ['specpim.alpha=0.8', 'specpim.max_draft_len=4'])).result.space_size);
    // With the target verified on PIM and drafting worth it, 4 ALUs per unit win (one pass for up to 4 tokens).
    const onPim = exploreDesigns(context('specpim-hbm-pim', ['specpim.alpha=0.8', 'specpim.max_draft_len=4', 'specpim.pim_alus=1,4', 'specpim.mapping=host,host,pim,pim']));
    expect(onPim.result.best.design.arch.alus).toBe(4);
    expect(onPim.result.best.design.draft_len).toBeGreaterThanOrEqual(1);
    expect(() => exploreDesigns(context('specpim-hbm-pim', ['specpim.pim_alus=0,2']))).toThrow(/field 'specpim.pim_alus': expected .*got "0,2"/);
  });
  it('the best design scores at least as well as every design of the space, and lies on the Pareto front or beside it', () => {
    const setup = exploreDesigns(context('specpim-hbm-pim', ['specpim.alpha=0.7', 'specpim.max_draft_len=4']));
    const best = score(setup.result.best, 'throughput');
    for (const d of designs(setup.space)) expect(score(setup.evaluator.evaluate(d), 'throughput')).toBeLessThanOrEqual(best);
    expect(setup.result.pareto.some((m) => m.tokens_per_s === setup.result.best.tokens_per_s)).toBe(true);
    expect(setup.evaluator.context).toBe(256 + 32);
  });
  it('a fixed mapping and draft length are honored; bad values are named', () => {
    const s = exploreDesigns(context('gemv-pim', ['specpim.mapping=host,host,pim,pim', 'specpim.draft_len=0']));
    expect(s.result.evaluated).toBe(1);
    expect(s.result.best.design).toMatchObject({ target_fc: 'pim', target_attn: 'pim', draft_len: 0 });
    expect(() => exploreDesigns(context('gemv-pim', ['specpim.mapping=pim,gpu']))).toThrow(/field 'specpim.mapping': expected 'search' or four of host\|pim .*got "pim,gpu"/);
    expect(() => exploreDesigns(context('gemv-pim', ['specpim.objective=speed']))).toThrow(/field 'specpim.objective': expected one of throughput, energy, edp, got "speed"/);
  });
  it('the replay runs the chosen design and writes the search into the resolved config', () => {
    const trace = makeTrace({ method: 'sps', target: 'vicuna-7b', draft: 'llama-68m', requests: [{ question_id: 'q', turn: 0, output_tokens: 20, steps: [0, 1, 2, 3, 4].map((i) => ({ step: i, draft_tokens: null, accepted_tokens: 3, committed_tokens: 4 })) } as never] });
    const r = replay({ trace, platform: 'gemv-pim', policies: ['specpim'], sets: ['specpim.alpha=0.9'] });
    const report = r.resolved.policy_reports['specpim'] as { best: { draft_len: number }; search: string };
    expect(report.search).toBe('exhaustive');
    expect(r.policies[0]!.summary.output_tokens).toBe(20);
    expect(r.policies[0]!.summary.steps).toBeGreaterThan(0);
  });
});
