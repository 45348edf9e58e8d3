/** Property: the validator accepts every generated valid trace and rejects every corrupted tree. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics, IngestError } from '../../src/ingest/diagnostics.js';
import { checkTemplate, validateTrace } from '../../src/ingest/validate.js';
import type { NodeRow } from '../../src/ingest/trace-builder.js';
import { makeTrace } from '../helpers.js';
import { traceArb, treeArb } from '../arbitraries.js';

const validate = (nodes: NodeRow[], accepted: number, drafted: number) =>
  validateTrace(
    makeTrace({ requests: [{ question_id: 'q', turn: 0, output_tokens: accepted + 1, steps: [{ step: 0, draft_tokens: drafted, accepted_tokens: accepted, committed_tokens: accepted + 1 }], nodes }] }),
    new Diagnostics('gen'),
  );

/** Ways to corrupt a valid tree, each violating one invariant. */
const corruptions: Record<string, (n: NodeRow[], accepted: number) => NodeRow[] | null> = {
  'root parent not -1': (n) => n.map((x, i) => (i === 0 ? { ...x, parent: 0 } : x)),
  'parent after child (cycle)': (n) => (n.length < 2 ? null : n.map((x, i) => (i === 1 ? { ...x, parent: n.length - 1 } : x))),
  'self parent': (n) => (n.length < 2 ? null : n.map((x, i) => (i === n.length - 1 ? { ...x, parent: i } : x))),
  'depth off by one': (n) => (n.length < 2 ? null : n.map((x, i) => (i === n.length - 1 ? { ...x, depth: x.depth + 1 } : x))),
  'node ids not 0..n-1': (n) => (n.length < 2 ? null : n.map((x, i) => (i === n.length - 1 ? { ...x, node: i + 5 } : x))),
  'accepted node under a rejected parent': (n) => {
    const child = n.findIndex((x, i) => i > 0 && x.parent > 0 && !n[x.parent]!.accepted);
    return child < 0 ? null : n.map((x, i) => (i === child ? { ...x, accepted: true } : x));
  },
  'two accepted siblings': (n) => {
    const j = n.findIndex((x, i) => i > 0 && !x.accepted && x.parent >= 0 && n[x.parent]!.accepted && n.some((y, k) => k > 0 && y.accepted && y.parent === x.parent));
    return j < 0 ? null : n.map((x, i) => (i === j ? { ...x, accepted: true } : x));
  },
  'accepted count != accepted_tokens': (n, a) => (a === 0 ? null : n.map((x, i) => (i === a ? { ...x, accepted: false } : x))),
};

const treeCase = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.nat())
  .chain(([d, ap]) => treeArb(0, d, ap % (d + 1)).map((nodes) => ({ nodes, drafted: d, accepted: ap % (d + 1) })));

describe('validator', () => {
  it('accepts every generated valid trace', () => {
    fc.assert(
      fc.property(traceArb({ nodes: true, oracle: true, requestFields: true }), (spec) => {
        validateTrace(makeTrace(spec), new Diagnostics('gen'));
      }),
      { numRuns: 200 },
    );
  });

  for (const [name, corrupt] of Object.entries(corruptions)) {
    it(`rejects every generated tree with ${name}`, () => {
      fc.assert(
        fc.property(treeCase, ({ nodes, drafted, accepted }) => {
          const bad = corrupt(nodes, accepted);
          fc.pre(bad !== null);
          expect(() => validate(bad!, accepted, drafted)).toThrow(IngestError);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('rejects tree templates whose parents do not precede children', () => {
    const fail = (d: string): never => {
      throw new Error(d);
    };
    expect(() => checkTemplate({ id: 't', parents: [-1, 2, 0], ranks: [0, 0, 0] }, fail)).toThrow(/node 1 has parent 2/);
    expect(() => checkTemplate({ id: 't', parents: [-1, 0, 0], ranks: [0, 0, 0] }, fail)).toThrow(/repeats sibling rank/);
    expect(() => checkTemplate({ id: 't', parents: [0], ranks: [0] }, fail)).toThrow(/root/);
  });

  it('checks per-request token sums, step numbering and the REST zero-commit exception', () => {
    const mk = (committed: number[], output: number, method?: string) =>
      makeTrace({
        method,
        requests: [{ question_id: 'q', turn: 0, output_tokens: output, steps: committed.map((c, i) => ({ step: i, committed_tokens: c, accepted_tokens: Math.max(0, c - 1) })) }],
      });
    expect(() => validateTrace(mk([2, 3], 6), new Diagnostics('t'))).toThrow(/steps commit 5 tokens \+ 0 uncounted != output_tokens 6/);
    expect(() => validateTrace(mk([0, 3], 3), new Diagnostics('t'))).toThrow(/a step commits 0 tokens/);
    validateTrace(mk([0, 3], 3, 'rest'), new Diagnostics('t'));
  });
});
