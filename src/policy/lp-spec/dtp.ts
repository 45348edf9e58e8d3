/**
 * LP-Spec's draft token pruner [LPSPEC Sec. V-A, Fig. (DTP); CAPIM baselines/lp_spec/dtp.py]: the token tree explorer greedily keeps the
 * nodes of the full candidate tree in order of path score (the product of p along the path
 * from the root, p_0 = 1), which keeps the tree ancestor-closed, and stops by a rule that
 * weighs expected acceptance against the hardware estimate of verification. The paper leaves
 * the rule open; this one is stated:
 *   rank the nodes greedily (best path score first, ancestor-closed) up to max_nodes, and keep
 *   the prefix that maximizes the expected committed tokens per second,
 *   (1 + sum of kept path scores) / (draft time + verification time of the tree).
 * (Stopping at the first node that lowers the rate, an earlier reading, cannot see past a step
 * of the PIM's ceil(M / ALUs) cost: it never fills a second pass even where that pays.)
 * With `fixedNodes` > 0 the explorer keeps exactly that many nodes in path-score order instead
 * (CAPIM's greedy top-L_spec reading [CAPIM baselines/lp_spec/dtp.py], which reproduces
 * LP-Spec's Table III at L_spec = 8 on its cost model).
 * The expected acceptance length of a kept tree is 1 + the sum of its nodes' path scores
 * (the paper's figure example: 1 + 0.5 + 0.3 + 0.5 x 0.2 = 1.9).
 */
import { type TreeIndex } from '../../kernel/index.js';
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
  const order: number[] = [];
  const inTree = new Uint8Array(n);
  inTree[0] = 1;
  // Greedy order: the best-scoring child of a kept node next (ancestor-closed prefixes).
  const limit = fixedNodes > 0 ? fixedNodes : maxNodes;
  while (order.length < limit) {
    let pick = -1;
    for (let i = 1; i < n; i++) {
      if (inTree[i] === 1 || inTree[t.template.parents[i]!] !== 1) continue;
      if (pick < 0 || scores[i]! > scores[pick]! || (scores[i] === scores[pick] && i < pick)) pick = i;
    }
    if (pick < 0) break;
    inTree[pick] = 1;
    order.push(pick);
  }
  // The prefix that maximizes expected committed tokens per second (all of it when fixed).
  let keepCount = order.length;
  if (fixedNodes === 0) {
    // The cost of a tree never falls as nodes are added, so once even the whole ranked tree's
    // expected acceptance over the cost of j nodes cannot beat the best rate, no larger prefix
    // can: the scan stops there instead of pricing every size up to max_nodes.
    let all = 1;
    for (const i of order) all += scores[i]!;
    let expected = 1;
    let best = expected / costNs(0);
    keepCount = 0;
    for (let j = 0; j < order.length; j++) {
      const cost = costNs(j + 1);
      if (all / cost <= best) break;
      expected += scores[order[j]!]!;
      const rate = expected / cost;
      if (rate > best) {
        best = rate;
        keepCount = j + 1;
      }
    }
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  let expected = 1;
  for (let j = 0; j < keepCount; j++) {
    keep[order[j]!] = 1;
    expected += scores[order[j]!]!;
  }
  return { keep, nodes: keepCount, expected_acceptance: expected };
}
