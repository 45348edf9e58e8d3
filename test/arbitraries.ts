/** fast-check generators of valid canonical traces (and of corrupted trees). */
import fc from 'fast-check';
import type { NodeRow, StepRow } from '../src/ingest/trace-builder.js';
import type { TraceSpec } from './helpers.js';

const finite = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
const prob = fc.double({ min: 0, max: 1, noNaN: true }).filter((x) => !Object.is(x, -0));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

/** A tree of `drafted` non-root nodes whose first `accepted` nodes form the accepted chain. */
export function treeArb(step: number, drafted: number, accepted: number): fc.Arbitrary<NodeRow[]> {
  return fc
    .tuple(
      fc.array(fc.nat(), { minLength: drafted, maxLength: drafted }),
      fc.array(fc.record({ token: maybe(fc.nat({ max: 32000 })), dp: maybe(prob), ent: maybe(finite), margin: maybe(prob), tp: maybe(prob) }), {
        minLength: drafted + 1,
        maxLength: drafted + 1,
      }),
    )
    .map(([picks, sig]) => {
      const parent = [-1];
      const depth = [0];
      const rankCount = new Map<number, number>();
      const rank = [0];
      for (let i = 1; i <= drafted; i++) {
        // accepted chain first: node i's parent is i-1 for i <= accepted; others pick any earlier non-accepted-conflicting parent
        const p = i <= accepted ? i - 1 : picks[i - 1]! % i;
        parent.push(p);
        depth.push(depth[p]! + 1);
        const r = rankCount.get(p) ?? 0;
        rankCount.set(p, r + 1);
        rank.push(r);
      }
      return parent.map((p, i) => ({
        step,
        node: i,
        parent: p,
        depth: depth[i]!,
        rank: rank[i]!,
        token_id: i === 0 ? null : sig[i]!.token,
        draft_prob: i === 0 ? null : sig[i]!.dp,
        draft_entropy: i === 0 ? null : sig[i]!.ent,
        margin: i === 0 ? null : sig[i]!.margin,
        target_prob: i === 0 ? null : sig[i]!.tp,
        accepted: i <= accepted,
      }));
    });
}

const stepArb = (withNodes: boolean) =>
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.nat(), maybe(finite), maybe(finite), maybe(finite), maybe(fc.nat({ max: 100000 }))).chain(([d, aPick, ent, dt, vt, ctx]) => {
    const a = aPick % (d + 1);
    const step = (s: number): StepRow => ({
      step: s,
      context_tokens: ctx,
      draft_tokens: d,
      accepted_tokens: a,
      committed_tokens: a + 1,
      draft_entropy_mean: ent,
      draft_time_ns: dt,
      verify_time_ns: vt,
      step_time_ns: null,
    });
    return withNodes ? treeArb(0, d, a).map((nodes) => ({ step, nodes })) : fc.constant({ step, nodes: [] as NodeRow[] });
  });

const idChar = fc.constantFrom('q', 'x', '7', ',', '"', ' ', 'é', '-');

/** A valid trace with requests, steps, optional per-node trees and oracle. */
export function traceArb(opts: { nodes?: boolean; oracle?: boolean; requestFields?: boolean } = {}): fc.Arbitrary<TraceSpec> {
  const request = fc.tuple(
    fc.array(idChar, { minLength: 1, maxLength: 6 }).map((c) => c.join('')),
    fc.array(stepArb(opts.nodes ?? false), { minLength: 1, maxLength: 5 }),
    maybe(fc.constantFrom('writing', 'math', 'code, "quoted"')),
    maybe(fc.nat({ max: 4096 })),
    maybe(fc.double({ min: 0, max: 604_800, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0))), // TRACE_LIMITS.wall_time_s
    fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 6 }),
  );
  return fc.uniqueArray(request, { minLength: 0, maxLength: 4, selector: (r) => r[0] }).map((reqs) => ({
    requests: reqs.map(([id, steps, category, prompt, wall, oracle], qi) => {
      const stepRows = steps.map((s, i) => s.step(i));
      const nodes = steps.flatMap((s, i) => s.nodes.map((n) => ({ ...n, step: i })));
      return {
        request_id: `${id}${qi}/0`,
        question_id: `${id}${qi}`,
        turn: 0,
        category: opts.requestFields ? category : null,
        prompt_tokens: opts.requestFields ? prompt : null,
        wall_time_s: opts.requestFields ? wall : null,
        output_tokens: stepRows.reduce((s, x) => s + x.committed_tokens, 0),
        num_steps: stepRows.length,
        steps: stepRows,
        nodes: opts.nodes ? nodes : undefined,
        oracle: opts.oracle ? oracle : undefined,
      };
    }),
  }));
}
