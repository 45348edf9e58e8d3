/**
 * The policy contract, run over every registered policy (STYLE.md): committed tokens per
 * request equal the recorded output; the recorded drafting reproduces the recorded committed
 * lengths with zero imputed steps; changing future acceptance never changes an earlier
 * decision; the same inputs give byte-identical run directories.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policies } from '../../src/policy/registry.js';
import { replay } from '../../src/replay/replay.js';
import { writeRunDir, RUN_FILES } from '../../src/replay/run-dir.js';
import { int32, utf8 } from '../../src/schema/columns.js';
import { makeTrace, tmpDir, type TraceSpec } from '../helpers.js';
import { traceArb } from '../arbitraries.js';

const PLATFORM = 'gemv-pim';
/** Platforms for policies whose hardware the default lacks. */
const PLATFORMS: Record<string, string> = { 'pim-llm': 'pim-llm' };
const platformOf = (policy: string) => PLATFORMS[policy] ?? PLATFORM;
/** Settings a policy needs on these entropy-less generated traces. */
// SpecPIM's default design is profiled offline from the whole trace (a profile-guided choice made
// before the replay); the causality properties hold for the run-time decisions of a fixed design.
const SETS: Record<string, string[]> = { ahasd: ['ahasd.entropy_model=ahasd-synthetic'], 'lp-spec': ['workload.draft=medusa-vicuna-7b'], specpim: ['specpim.alpha=0.8'] };
const sets = (policy: string) => SETS[policy] ?? [];
const base = (spec: TraceSpec): TraceSpec => ({ ...spec, method: 'sps', target: 'vicuna-7b', draft: 'llama-68m' });

function committedByRequest(r: ReturnType<typeof replay>, policy: string): Map<string, number> {
  const p = r.policies.find((x) => x.policy === policy)!;
  const ids = utf8(p.steps, 'request_id').values;
  const c = int32(p.steps, 'committed_tokens').values;
  const out = new Map<string, number>();
  for (let i = 0; i < c.length; i++) out.set(ids[i]!, (out.get(ids[i]!) ?? 0) + c[i]!);
  return out;
}

describe.each(Object.keys(policies))('policy %s', (policy) => {
  it('commits exactly the recorded output tokens of every request', () => {
    fc.assert(
      fc.property(traceArb(), (spec) => {
        fc.pre(spec.requests.length > 0);
        const trace = makeTrace(base(spec));
        const r = replay({ trace, platform: platformOf(policy), policies: [policy], sets: sets(policy) });
        const got = committedByRequest(r, policy);
        for (const req of spec.requests) expect(got.get(req.request_id!)).toBe(req.output_tokens);
      }),
      { numRuns: 25 },
    );
  });

  const recorded = policies[policy as keyof typeof policies].describe().recorded_drafting;
  it.skipIf(!recorded && policy !== 'ar-npu')('the recorded drafting reproduces the recorded committed lengths with zero imputed steps', () => {
    fc.assert(
      fc.property(traceArb(), (spec) => {
        fc.pre(spec.requests.length > 0);
        const trace = makeTrace(base(spec));
        const r = replay({ trace, platform: platformOf(policy), policies: [policy], sets: sets(policy) });
        const p = r.policies[0]!;
        expect(p.summary.imputed_steps).toBe(0);
        if (recorded) {
          const recorded = spec.requests.flatMap((q) => q.steps!.map((s) => s.committed_tokens));
          expect(Array.from(int32(p.steps, 'committed_tokens').values)).toEqual(recorded);
        } else {
          expect(Array.from(int32(p.steps, 'committed_tokens').values).every((c) => c === 1)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('changing future acceptance never changes an earlier decision', () => {
    fc.assert(
      fc.property(traceArb(), fc.nat(), (spec, pick) => {
        fc.pre(spec.requests.length > 0 && spec.requests[0]!.steps!.length >= 2);
        const req = spec.requests[0]!;
        const cut = 1 + (pick % (req.steps!.length - 1));
        // The future: steps from `cut` on accept differently (same output length).
        const tail = req.steps!.slice(cut).reduce((s, x) => s + x.committed_tokens, 0);
        const future = Array.from({ length: tail }, (_, i) => ({ step: cut + i, draft_tokens: 3, accepted_tokens: 0, committed_tokens: 1 }));
        const changed = { ...spec, requests: [{ ...req, num_steps: cut + tail, steps: [...req.steps!.slice(0, cut), ...future] }, ...spec.requests.slice(1)] };
        // Each decision as [first position it drafts for, last position, text]
        const log = (s: TraceSpec) => {
          const out: [number, number, string][] = [];
          replay({
            trace: makeTrace(base(s)),
            platform: platformOf(policy),
            policies: [policy],
            sets: sets(policy),
            onPlan: (_p, v, plan) => v.request_index === 0 && out.push([v.position, v.position, `${v.step}@${v.position}:${JSON.stringify({ d: plan.draft.kind === 'chain' ? plan.draft.k : plan.draft.kind, a: plan.draft_placement.id, b: plan.verify_placement.id })}`]),
            onDecision: (_p, r, pos, tokens, what) => r === 0 && out.push([pos, pos + tokens - 1, `${pos}:${what}`]),
          });
          return out;
        };
        const a = log(spec);
        const b = log(changed);
        // Every decision taken, in order, before the first one that drafts at or past the
        // changed positions, is identical.
        const firstChanged = req.steps!.slice(0, cut).reduce((s, x) => s + x.committed_tokens, 0);
        const prefix = (xs: [number, number, string][]) => {
          const i = xs.findIndex(([, last]) => last >= firstChanged - 1);
          return (i < 0 ? xs : xs.slice(0, i)).map((x) => x[2]);
        };
        const pa = prefix(a);
        expect(prefix(b).slice(0, pa.length)).toEqual(pa);
      }),
      { numRuns: 25 },
    );
  });

  it('the same inputs give byte-identical run directories', () => {
    const spec = fc.sample(traceArb(), { numRuns: 1, seed: 42 })[0]!;
    const trace = makeTrace(base(spec.requests.length ? spec : { requests: [{ question_id: 'q', turn: 0, output_tokens: 2, steps: [{ step: 0, draft_tokens: 2, accepted_tokens: 1, committed_tokens: 2 }] }] }));
    const dirs = [tmpDir(), tmpDir()].map((d) => path.join(d, 'run'));
    for (const d of dirs) writeRunDir(d, replay({ trace, platform: platformOf(policy), policies: [policy], sets: sets(policy), timeline: 'all' }), { specreplay: 'test' });
    for (const f of RUN_FILES) expect(fs.readFileSync(path.join(dirs[0]!, f)).equals(fs.readFileSync(path.join(dirs[1]!, f)))).toBe(true);
  });
});

describe('engine properties over every policy', () => {
  it('time and energy are non-negative and each resource runs one task at a time', () => {
    fc.assert(
      fc.property(traceArb(), fc.constantFrom(...Object.keys(policies)), (spec, policy) => {
        fc.pre(spec.requests.length > 0);
        const r = replay({ trace: makeTrace(base(spec)), platform: platformOf(policy), policies: [policy], sets: sets(policy), timeline: 'all' });
        const p = r.policies[0]!;
        for (const name of ['t_start_ns', 't_end_ns', 'energy_pj', 'npu_busy_ns', 'pim_busy_ns']) {
          for (const v of p.steps.columns[name]!.values as Float64Array) expect(v).toBeGreaterThanOrEqual(0);
        }
        for (const intervals of p.timelines.values()) {
          const byRes = new Map<string, { s: number; e: number }[]>();
          for (const iv of intervals) {
            expect(iv.end_ns).toBeGreaterThanOrEqual(iv.start_ns);
            // Phases per device, and (nested inside them) operators per device: each one at a time.
            const key = `${iv.operator ? 'operators:' : ''}${iv.resource}`;
            (byRes.get(key) ?? byRes.set(key, []).get(key)!).push({ s: iv.start_ns, e: iv.end_ns });
          }
          for (const list of byRes.values()) {
            list.sort((a, b) => a.s - b.s);
            for (let i = 1; i < list.length; i++) expect(list[i]!.s).toBeGreaterThanOrEqual(list[i - 1]!.e);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
