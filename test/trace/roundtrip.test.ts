/**
 * Property: canonical CSV / JSONL -> Arrow -> CSV / JSONL round trips are lossless, and
 * Arrow -> Arrow reads back identical, for generated traces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromArrowIPC, toArrowIPC } from '../../src/trace/arrow-io.js';
import { toCanonicalCsv, toCanonicalJsonl } from '../../src/trace/to-canonical.js';
import { canonicalJsonl } from '../../src/ingest/from-canonical-jsonl.js';
import { fromCanonicalCsv } from '../../src/ingest/from-canonical-csv.js';
import { makeTrace } from '../helpers.js';
import { traceArb } from '../arbitraries.js';

describe('round trips', () => {
  it('JSONL -> Arrow -> JSONL is lossless (requests, steps, nodes, oracle, metadata)', () => {
    fc.assert(
      fc.property(traceArb({ nodes: true, oracle: true, requestFields: true }), (spec) => {
        const j1 = toCanonicalJsonl(makeTrace(spec));
        const t1 = canonicalJsonl.fromText(j1, 'gen.jsonl');
        const t2 = fromArrowIPC(toArrowIPC(t1));
        expect(toCanonicalJsonl(t2)).toBe(j1);
        expect(t2.meta).toEqual(t1.meta);
      }),
      { numRuns: 150 },
    );
  });

  it('CSV -> Arrow -> CSV is lossless (steps.csv and nodes.csv)', () => {
    fc.assert(
      fc.property(traceArb({ nodes: true }), (spec) => {
        const c1 = toCanonicalCsv(makeTrace(spec));
        const t1 = fromCanonicalCsv(c1.steps, c1.nodes, 'steps.csv');
        const t2 = fromArrowIPC(toArrowIPC(t1));
        const c2 = toCanonicalCsv(t2);
        expect(c2.steps).toBe(c1.steps);
        expect(c2.nodes ?? '').toBe(c1.nodes ?? '');
      }),
      { numRuns: 150 },
    );
  });

  it('Arrow reads back exactly what was written (every column, typed arrays equal)', () => {
    fc.assert(
      fc.property(traceArb({ nodes: true, oracle: true, requestFields: true }), (spec) => {
        const t = makeTrace(spec);
        const back = fromArrowIPC(toArrowIPC(t));
        for (const key of ['requests', 'steps'] as const) {
          for (const s of t[key].specs) expect(Array.from(back[key].columns[s.name]!.values as ArrayLike<unknown>)).toEqual(Array.from(t[key].columns[s.name]!.values as ArrayLike<unknown>));
        }
        expect(toCanonicalJsonl(back)).toBe(toCanonicalJsonl(t));
      }),
      { numRuns: 100 },
    );
  });

  it('a trace split over many record batches reads back identical', () => {
    fc.assert(
      fc.property(traceArb({ nodes: true, oracle: true }), fc.integer({ min: 1, max: 8 }), (spec, batchRows) => {
        const t = makeTrace(spec);
        expect(toCanonicalJsonl(fromArrowIPC(toArrowIPC(t, batchRows)))).toBe(toCanonicalJsonl(t));
      }),
      { numRuns: 100 },
    );
  });
});
