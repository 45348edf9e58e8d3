/**
 * LP-Spec's token-tree accuracy model [LPSPEC Sec. V-A; CAPIM baselines/lp_spec/dtp.py]: p_i^k, the speculation accuracy of
 * head i's k-th candidate (tree depth i, sibling rank k), updated after each verification
 * from its result only: a node counts as reached when its parent was accepted, and as
 * accepted when it is on the accepted path (CAPIM's reconstruction: the denominator is the
 * reachable nodes; an unseen (i, k) has prior p = 1). The prior counts as `priorWeight`
 * pseudo-hits, p = (hits + w) / (reached + w): with w = 0 one early rejection sets p to 0, the
 * pruner never drafts that candidate again and so never learns otherwise (the tree collapses
 * to the root within a few steps); w = 2 keeps the optimistic start without that trap.
 */
import { type TreeIndex } from '../../kernel/index.js';

export class TreeAccuracy {
  private readonly reached = new Map<number, number>();
  private readonly hits = new Map<number, number>();

  constructor(readonly priorWeight = 2) {}

  private static key(depth: number, rank: number): number {
    return depth * 1024 + rank;
  }

  p(depth: number, rank: number): number {
    const k = TreeAccuracy.key(depth, rank);
    const n = this.reached.get(k) ?? 0;
    return n === 0 ? 1 : ((this.hits.get(k) ?? 0) + this.priorWeight) / (n + this.priorWeight);
  }

  /** Learns from a verified tree: kept nodes whose parent was accepted were reached. */
  update(t: TreeIndex, keep: Uint8Array | null, acceptedPath: readonly number[]): void {
    const accepted = new Set([0, ...acceptedPath]);
    const parents = t.template.parents;
    for (let i = 1; i < parents.length; i++) {
      if (keep !== null && keep[i] !== 1) continue;
      if (!accepted.has(parents[i]!)) continue;
      const k = TreeAccuracy.key(t.depth[i]!, t.template.ranks[i]!);
      this.reached.set(k, (this.reached.get(k) ?? 0) + 1);
      if (accepted.has(i)) this.hits.set(k, (this.hits.get(k) ?? 0) + 1);
    }
  }
}
