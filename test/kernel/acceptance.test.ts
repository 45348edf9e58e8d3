/**
 * Position-level acceptance: properties (shortening the draft or pruning the tree never
 * raises a step's acceptance) and hand-made cases (oracle, per-node trees, static trees).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAcceptance, indexTree, MATCH, MISMATCH, UNKNOWN } from '../../src/kernel/acceptance.js';
import type { ImputationModels } from '../../src/kernel/imputation.js';
import { bundledTrees } from '../../src/ingest/bundled-trees.js';
import { makeTrace } from '../helpers.js';
import { traceArb } from '../arbitraries.js';

const models: ImputationModels = { depthMatch: (d) => 0.8 / d, depthSource: 'test', rank: { id: 't', source: 't', probs: () => [0.5, 0.2, 0.1, 0.05] } };
const eagle = indexTree(bundledTrees().get('eagle-mc_sim_7b_63')!);

/** A random ancestor-closed subset of a tree (the root always kept). */
const keepArb = (n: number) =>
  fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((bits) => {
    const keep = new Uint8Array(n);
    keep[0] = 1;
    for (let i = 1; i < n; i++) keep[i] = bits[i]! && keep[eagle.template.parents[i]!] === 1 ? 1 : 0;
    return keep;
  });

describe('acceptance properties', () => {
  it('shortening the draft never raises acceptance (chains)', () => {
    fc.assert(
      fc.property(traceArb({ nodes: true }), fc.nat(), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.nat(), (spec, qi, k1, k2, seed) => {
        fc.pre(spec.requests.length > 0);
        const acc = buildAcceptance(makeTrace(spec), models, seed)[0]!;
        const q = qi % Math.max(1, acc.length);
        const [lo, hi] = k1 <= k2 ? [k1, k2] : [k2, k1];
        expect(acc.chain(q, lo).committed).toBeLessThanOrEqual(acc.chain(q, hi).committed);
      }),
    );
  });

  it('pruning the tree never raises acceptance', () => {
    fc.assert(
      fc.property(traceArb(), fc.nat(), keepArb(eagle.template.parents.length), keepArb(eagle.template.parents.length), fc.nat(), (spec, qi, a, b, seed) => {
        fc.pre(spec.requests.length > 0);
        const acc = buildAcceptance(makeTrace(spec), models, seed)[0]!;
        const q = qi % Math.max(1, acc.length);
        const sub = a.map((x, i) => x & b[i]!); // a pruned version of a
        expect(acc.tree(q, eagle, sub).committed).toBeLessThanOrEqual(acc.tree(q, eagle, a).committed);
        expect(acc.tree(q, eagle, a).committed).toBeLessThanOrEqual(acc.tree(q, eagle, null).committed);
      }),
    );
  });

  it('the same seed gives the same imputed outcomes whatever order queries come in', () => {
    const spec = { requests: [{ question_id: 'q', turn: 0, output_tokens: 40, steps: [{ step: 0, draft_tokens: null, accepted_tokens: 39, committed_tokens: 40 }] }] };
    const a = buildAcceptance(makeTrace(spec), models, 3)[0]!;
    const b = buildAcceptance(makeTrace(spec), models, 3)[0]!;
    const qa = [0, 5, 10].map((q) => a.tree(q, eagle).committed);
    const qb = [10, 5, 0].map((q) => b.tree(q, eagle).committed).reverse();
    expect(qa).toEqual(qb);
  });
});

describe('what a trace says per position', () => {
  it('chain steps: accepted positions match, the correction after a rejection mismatches, a bonus is unknown', () => {
    const t = makeTrace({ requests: [{ question_id: 'q', turn: 0, output_tokens: 7, steps: [
      { step: 0, draft_tokens: 3, accepted_tokens: 1, committed_tokens: 2 },
      { step: 1, draft_tokens: 4, accepted_tokens: 4, committed_tokens: 5 },
    ] }] });
    const a = buildAcceptance(t, models, 1)[0]!;
    expect(Array.from(a.top1.subarray(0, 7))).toEqual([MATCH, MISMATCH, MATCH, MATCH, MATCH, MATCH, UNKNOWN]);
    expect(a.chain(0, 3)).toEqual({ committed: 2, accepted: 1, imputed: false });
    expect(a.chain(2, 4)).toEqual({ committed: 5, accepted: 4, imputed: false });
    expect(a.chain(2, 2)).toEqual({ committed: 3, accepted: 2, imputed: false });
    expect(a.chain(2, 5).imputed).toBe(false); // capped by the request's end (7 tokens)
  });
  it('an oracle answers chains exactly: min(oracle[q], k + 1)', () => {
    const t = makeTrace({ requests: [{ question_id: 'q', turn: 0, output_tokens: 6, oracle: [3, 2, 1, 4, 2, 1] }] });
    const a = buildAcceptance(t, models, 1)[0]!;
    expect(a.chain(0, 5)).toEqual({ committed: 3, accepted: 2, imputed: false });
    expect(a.chain(0, 1)).toEqual({ committed: 2, accepted: 1, imputed: false });
    expect(a.chain(3, 9).committed).toBe(3); // capped by the 3 remaining tokens
  });
  it('per-node trees give the ranks along the accepted path', () => {
    const t = makeTrace({ requests: [{ question_id: 'q', turn: 0, output_tokens: 3, steps: [{ step: 0, draft_tokens: 3, accepted_tokens: 2, committed_tokens: 3 }], nodes: [
      { step: 0, node: 0, parent: -1, depth: 0, rank: 0, accepted: true },
      { step: 0, node: 1, parent: 0, depth: 1, rank: 0, accepted: false },
      { step: 0, node: 2, parent: 0, depth: 1, rank: 1, accepted: true },
      { step: 0, node: 3, parent: 2, depth: 2, rank: 0, accepted: true },
    ] }] });
    const a = buildAcceptance(t, models, 1)[0]!;
    expect(Array.from(a.rank.subarray(0, 2))).toEqual([1, 0]);
    expect(Array.from(a.top1.subarray(0, 2))).toEqual([MISMATCH, MATCH]);
    // A chain (top-1 only) from 0 is rejected at once; EAGLE's tree has the rank-1 child at depth 1.
    expect(a.chain(0, 3)).toEqual({ committed: 1, accepted: 0, imputed: false });
    expect(a.tree(0, eagle).accepted).toBe(2);
  });
  it('static-tree steps: the recorded step is exact; the same tree from the same place agrees but counts as imputed', () => {
    const t = makeTrace({ tree: bundledTrees().get('eagle-mc_sim_7b_63')!, requests: [{ question_id: 'q', turn: 0, output_tokens: 9, steps: [
      { step: 0, draft_tokens: 25, accepted_tokens: 3, committed_tokens: 4 },
      { step: 1, draft_tokens: 25, accepted_tokens: 4, committed_tokens: 5 },
    ] }] });
    const a = buildAcceptance(t, models, 5)[0]!;
    expect(a.recorded(1)).toEqual({ committed: 5, accepted: 4, imputed: false });
    const again = a.tree(4, eagle);
    expect(again.committed).toBe(5);
    expect(again.imputed).toBe(true);
  });
});
