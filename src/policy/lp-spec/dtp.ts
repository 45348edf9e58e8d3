/**
 * LP-Spec's draft token pruner [LPSPEC Sec. V-A, Fig. (DTP); CAPIM baselines/lp_spec/dtp.py]: the token tree explorer greedily keeps the
 * nodes of the full candidate tree in order of path score (the product of p along the path
 * from the root, p_0 = 1), which keeps the tree ancestor-closed, and stops by a rule that
 * weighs expected acceptance against the hardware estimate of verification. The paper leaves
 * the rule open; this one is stated:
 *   keep adding the next node while the expected committed tokens per second,
 *   (1 + sum of kept path scores) / (draft time + verification time of the tree), grows;
 *   stop at the first node that lowers it (or at max_nodes).
 * With `fixedNodes` > 0 the explorer keeps exactly that many nodes in path-score order instead
 * (CAPIM's greedy top-L_spec reading [CAPIM baselines/lp_spec/dtp.py], which reproduces
 * LP-Spec's Table III at L_spec = 8 on its cost model).
 * The expected acceptance length of a kept tree is 1 + the sum of its nodes' path scores
 * (the paper's figure example: 1 + 0.5 + 0.3 + 0.5 x 0.2 = 1.9).
 */
import type { TreeIndex } from '../../replay/acceptance.js';
import type { TreeAccuracy } from './accuracy.js';

export interface PrunedTree {
  readonly keep: Uint8Array;
  readonly nodes: number;
  readonly expected_acceptance: number;
}

/** Path scores of every node of the tree under the accuracy model. */
export function pathScores(t: TreeIndex, acc: TreeAccuracy): Float64Array {
  const s = new Float64Array(t.template.parents.length);
  s[0] = 1;
  for (let i = 1; i < s.length; i++) s[i] = s[t.template.parents[i]!]! * acc.p(t.depth[i]!, t.template.ranks[i]!);
  return s;
}

/** Expected acceptance length of a kept tree: 1 + sum of kept nodes' path scores. */
export function expectedAcceptance(scores: Float64Array, keep: Uint8Array): number {
  let e = 1;
  for (let i = 1; i < scores.length; i++) if (keep[i] === 1) e += scores[i]!;
  return e;
}

/**
 * Greedy exploration. `costNs(nodes)` is the hardware estimate of drafting plus verifying a
 * tree of `nodes` drafted nodes.
 */
export function exploreTree(t: TreeIndex, acc: TreeAccuracy, costNs: (nodes: number) => number, maxNodes: number, fixedNodes = 0): PrunedTree {
  const scores = pathScores(t, acc);
  const n = scores.length;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  // Candidates: children of kept nodes; the best-scoring is added next (ancestor-closed).
  let expected = 1;
  let nodes = 0;
  let best = expected / costNs(0);
  for (;;) {
    if (nodes >= (fixedNodes > 0 ? fixedNodes : maxNodes)) break;
    let pick = -1;
    for (let i = 1; i < n; i++) {
      if (keep[i] === 1 || keep[t.template.parents[i]!] !== 1) continue;
      if (pick < 0 || scores[i]! > scores[pick]! || (scores[i] === scores[pick] && i < pick)) pick = i;
    }
    if (pick < 0) break;
    const rate = fixedNodes > 0 ? 0 : (expected + scores[pick]!) / costNs(nodes + 1);
    if (fixedNodes === 0 && rate < best) break;
    keep[pick] = 1;
    nodes++;
    expected += scores[pick]!;
    best = rate;
  }
  return { keep, nodes, expected_acceptance: expected };
}
