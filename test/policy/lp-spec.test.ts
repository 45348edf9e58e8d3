/** LP-Spec's decision rules on hand-made situations (papers.md 1.5, 1.6). */
import { describe, expect, it } from 'vitest';
import { TreeAccuracy } from '../../src/policy/lp-spec/accuracy.js';
import { expectedAcceptance, exploreTree, pathScores } from '../../src/policy/lp-spec/dtp.js';
import { AllocationTable } from '../../src/policy/lp-spec/dau.js';
import { indexTree } from '../../src/kernel/acceptance.js';
import { PhaseCoster } from '../../src/kernel/phase-cost.js';
import { resolvePlatform } from '../../src/platform/platforms.js';
import { getModel } from '../../src/workload/models.js';

// The paper's figure: root t0; depth 1 candidates t1,1 (p 0.5) and t1,2 (p 0.3); depth 2 under t1,1: t2,1 (p 0.2), t2,2 (p 0.1).
const fig = indexTree({ id: 'fig', parents: [-1, 0, 0, 1, 1], ranks: [0, 0, 1, 0, 1] });

function figureAccuracy(): TreeAccuracy {
  const a = new TreeAccuracy(0);
  // Teach p_1^1 = 0.5, p_1^2 = 0.3, p_2^1 = 0.2, p_2^2 = 0.1 from verification results.
  const v = (path: number[], times: number) => {
    for (let i = 0; i < times; i++) a.update(fig, null, path);
  };
  v([1, 3], 2); // t1,1 then t2,1
  v([1, 4], 1); // t1,1 then t2,2
  v([1], 7); // t1,1 then nothing
  v([2], 6); // t1,2
  v([], 4); // nothing: 2 + 1 + 7 = 10 of 20 at (1,1); 6 of 20 at (1,2); 2 of 10 at (2,1); 1 of 10 at (2,2)
  return a;
}

describe('LP-Spec draft token pruner', () => {
  it('the accuracy model learns p_i^k from verified results (reachable denominator); unseen candidates have prior 1', () => {
    const a = figureAccuracy();
    expect([a.p(1, 0), a.p(1, 1), a.p(2, 0), a.p(2, 1)]).toEqual([0.5, 0.3, 0.2, 0.1]);
    expect(new TreeAccuracy().p(3, 4)).toBe(1);
    // With the default prior weight (2 pseudo-hits), one rejection lowers p to 2/3, not to 0.
    const w = new TreeAccuracy();
    w.update(fig, null, []);
    expect(w.p(1, 0)).toBeCloseTo(2 / 3, 12);
  });
  it("the figure's kept tree {t0, t1,1, t1,2, t2,1} has expected acceptance length 1.9", () => {
    const keep = new Uint8Array([1, 1, 1, 1, 0]);
    expect(expectedAcceptance(pathScores(fig, figureAccuracy()), keep)).toBeCloseTo(1.9, 12);
  });
  it('greedy exploration keeps nodes by path score and stops when expected tokens per second would fall', () => {
    const a = figureAccuracy();
    // Verification costs 100 ns + 5 ns per node: t1,1 (0.5), t1,2 (0.3), t2,1 (0.1) are worth it, t2,2 (0.05) is not.
    const t = exploreTree(fig, a, (n) => 100 + 5 * n, 10); // 1.9 / 115 > 1.8 / 110, but 1.95 / 120 < 1.9 / 115
    expect(Array.from(t.keep)).toEqual([1, 1, 1, 1, 0]);
    expect(t.expected_acceptance).toBeCloseTo(1.9, 12);
    // Expensive nodes: keep fewer.
    expect(exploreTree(fig, a, (n) => 100 + 60 * n, 10).nodes).toBe(0);
    // A node budget caps the tree.
    expect(exploreTree(fig, a, () => 100, 2).nodes).toBe(2);
  });
  // A root with 12 candidates, all with the prior accuracy 1: every node adds 1 expected token.
  const star = indexTree({ id: 'star', parents: [-1, ...Array<number>(12).fill(0)], ranks: [0, ...Array.from({ length: 12 }, (_, i) => i)] });
  it('keeps the best prefix, looking past a step of the cost: a second PIM pass (nodes 5..8) is filled when it pays (budget 10)', () => {
    const passes = (n: number) => 100 + 60 * Math.ceil(n / 4); // 4 nodes: 5/160; 5 nodes: 6/220 (lower); 8 nodes: 9/220 (best)
    expect(exploreTree(star, new TreeAccuracy(), passes, 10).nodes).toBe(8); // 10 nodes: 11 / 280 is lower
  });
  it('the scan that stops once no larger prefix can win picks what pricing every size would, for costs that never fall', () => {
    const scores = pathScores(star, new TreeAccuracy());
    const costs = [(n: number) => 100 + 60 * Math.ceil(n / 4), (n: number) => 100 + 3 * n, (n: number) => 50 + n * n, (n: number) => 100 + 40 * Math.ceil(n / 3) + n];
    for (const cost of costs) {
      let best = 0;
      let bestRate = 1 / cost(0);
      let expected = 1;
      for (let n = 1; n <= 12; n++) {
        expected += scores[n]!;
        if (expected / cost(n) > bestRate) [best, bestRate] = [n, expected / cost(n)];
      }
      expect(exploreTree(star, new TreeAccuracy(), cost, 12).nodes).toBe(best);
    }
  });
});

describe('LP-Spec data allocation unit', () => {
  const p = resolvePlatform('lp-spec');
  const coster = new PhaseCoster(p, getModel('llama-2-7b'), null, 'int8');
  const dau = new AllocationTable(coster, p);
  it('the split ratio balances both units: r = T_p / (T_n + T_p), split time T_n T_p / (T_n + T_p)', () => {
    const a = dau.get(8, 512);
    const n = coster.verify(8, 512, { id: 'dau:npu', device: () => 'npu' });
    expect(a.ratio).toBeGreaterThan(0);
    expect(a.ratio).toBeLessThan(1);
    // Both units finish together: the split time is below either alone.
    const pimOnly = coster.verify(8, 512, { id: 'dau:pim', device: (op) => (op.kind === 'vector' ? 'npu' : 'pim') });
    expect(a.cost.time_ns).toBeLessThan(n.time_ns);
    expect(a.cost.busy[1]).toBeLessThan(pimOnly.busy[1]!);
    expect(a.cost.resources).toEqual(['npu', 'pim']);
  });
  it('PIM cost steps with ceil(M / 4): the NPU share rises when the tree crosses a multiple of 4 ALUs', () => {
    expect(dau.get(5, 512).ratio).toBeGreaterThan(dau.get(4, 512).ratio);
    expect(dau.get(9, 512).ratio).toBeGreaterThan(dau.get(8, 512).ratio);
  });
});
