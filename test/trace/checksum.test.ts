import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { traceChecksum } from '../../src/trace/checksum.js';
import type { ColumnTable } from '../../src/schema/columns.js';

/** The checksum's definition, one hash update per value (how it was computed before the chunking). */
function reference(values: readonly (string | null)[], length: number): string {
  const h = createHash('sha256');
  h.update('requests:' + length + '\n');
  h.update('name:utf8\n');
  for (const v of values) h.update(v === null ? '\u0000N' : `${v.length}:${v}`);
  h.update('steps:empty\n');
  h.update('nodes:empty\n');
  h.update('oracle:empty\n');
  return `sha256:${h.digest('hex')}`;
}

const table = (values: (string | null)[]): ColumnTable => ({
  length: values.length,
  specs: [{ name: 'name', type: 'utf8', nullable: true }] as unknown as ColumnTable['specs'],
  columns: { name: { type: 'utf8', values } },
});
const empty: ColumnTable = { length: 0, specs: [], columns: {} };

describe('traceChecksum', () => {
  it('hashes a string column in chunks to the digest of one update per value', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'binary' }), { nil: null }), { minLength: 1, maxLength: 9000 }), (values) => {
        expect(traceChecksum({ requests: table(values), steps: empty, nodes: null, oracle: null }, [])).toBe(reference(values, values.length));
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('tells a null from the empty string and a moved boundary between values', () => {
    const sum = (values: (string | null)[]) => traceChecksum({ requests: table(values), steps: empty, nodes: null, oracle: null }, []);
    expect(sum([null, 'a'])).not.toBe(sum(['', 'a']));
    expect(sum(['ab', 'c'])).not.toBe(sum(['a', 'bc']));
    // 4096 values fill exactly one chunk; the next value starts the second
    const many = Array.from({ length: 4097 }, (_, i) => (i % 3 === 0 ? null : `r${i}\u00e9`));
    expect(sum(many)).toBe(reference(many, many.length));
    // runs of nulls longer than a chunk, between strings and at the end
    const runs = [...new Array<null>(9000).fill(null), 'a', ...new Array<null>(4096).fill(null), 'b', ...new Array<null>(5000).fill(null)];
    expect(sum(runs)).toBe(reference(runs, runs.length));
  });
});
