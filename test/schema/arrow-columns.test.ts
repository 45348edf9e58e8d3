import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnToData, dataToColumn } from '../../src/schema/arrow-columns.js';
import type { ColumnSpec } from '../../src/schema/trace-schema.js';

const spec = { name: 'id', type: 'utf8', nullable: true } as unknown as ColumnSpec;
// Strings Arrow's own decoder returns unchanged (it drops a leading byte-order mark).
const str = fc.string({ unit: 'grapheme', maxLength: 6 }).filter((s) => !s.startsWith('\ufeff'));

describe('utf8 columns from Arrow data', () => {
  it('decode to the strings Arrow reads, nulls and repeats included, on slices too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.oneof(str, fc.constantFrom('req-1', 'req-1', '', 'tree\u00e9')), { nil: null }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.nat(),
        (values, x, y) => {
          const vector = arrow.vectorFromArray(values, new arrow.Utf8());
          const data = vector.data[0]!;
          const a = x % values.length;
          const b = a + (y % (values.length - a + 1));
          const sliced = data.slice(a, b - a);
          const col = dataToColumn(sliced, spec);
          expect(col.values).toEqual(Array.from(arrow.makeVector(sliced)));
          expect(col.values).toEqual(values.slice(a, b));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('encode to the bytes Arrow decodes back, runs of one string and nulls included, at any slice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.oneof(str, fc.constantFrom('req-1', '', 'tree\u00e9', '\ud83d\ude00')), { nil: null }), fc.integer({ min: 1, max: 40 })), { minLength: 0, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        (runs, x, y) => {
          const values = runs.flatMap(([v, k]) => new Array<string | null>(k).fill(v));
          const start = values.length === 0 ? 0 : x % values.length;
          const end = start + (values.length === 0 ? 0 : y % (values.length - start + 1));
          const data = columnToData({ type: 'utf8', values }, start, end);
          expect(Array.from(arrow.makeVector(data))).toEqual(values.slice(start, end));
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });

  it('keep a leading byte-order mark and decode invalid UTF-8 to U+FFFD', () => {
    const bom = dataToColumn(columnToData({ type: 'utf8', values: ['\ufeffx', null, 'y'] }, 0, 3), spec);
    expect(bom.values).toEqual(['\ufeffx', null, 'y']);
    const bad = arrow.makeData({ type: new arrow.Utf8(), length: 2, nullCount: 0, valueOffsets: new Int32Array([0, 2, 3]), data: new Uint8Array([0xc3, 0x28, 0x61]) });
    expect(dataToColumn(bad, spec).values).toEqual(['\ufffd(', 'a']);
  });
});

describe('numbers and booleans from Arrow data', () => {
  it('read the values and nulls Arrow reads, on slices at any offset, all-null ones included', () => {
    const intSpec = { name: 'n', type: 'int32', nullable: true } as unknown as ColumnSpec;
    const boolSpec = { name: 'b', type: 'bool', nullable: false } as unknown as ColumnSpec;
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -9, max: 9 }), { nil: null, freq: 3 }), { minLength: 1, maxLength: 90 }), fc.nat(), fc.nat(), fc.boolean(), (values, x, y, allNull) => {
        const vs = allNull ? values.map(() => null) : values;
        const data = arrow.vectorFromArray(vs, new arrow.Int32()).data[0]!;
        const a = x % vs.length;
        const b = a + (y % (vs.length - a + 1));
        const sliced = data.slice(a, b - a);
        const col = dataToColumn(sliced, intSpec) as { values: Int32Array; valid: Uint8Array | null };
        const read = Array.from({ length: b - a }, (_, i) => (col.valid !== null && col.valid[i] === 0 ? null : col.values[i]));
        expect(read).toEqual(vs.slice(a, b));
        const bools = arrow.vectorFromArray(vs.map((v) => v !== null && v > 0), new arrow.Bool()).data[0]!.slice(a, b - a);
        expect(Array.from((dataToColumn(bools, boolSpec) as { values: Uint8Array }).values, (v) => v === 1)).toEqual(vs.slice(a, b).map((v) => v !== null && v > 0));
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('validity and booleans to Arrow bitmaps', () => {
  it('pack to the bits Arrow reads back, at any offset and length', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 1, 2), { minLength: 0, maxLength: 70 }), fc.nat(), fc.nat(), (bytes, x, y) => {
        const values = Uint8Array.from(bytes);
        const start = bytes.length === 0 ? 0 : x % bytes.length;
        const end = start + (bytes.length === 0 ? 0 : y % (bytes.length - start + 1));
        const data = columnToData({ type: 'bool', values }, start, end);
        expect(Array.from(arrow.makeVector(data))).toEqual(Array.from(values.subarray(start, end), (b) => b !== 0));
        const nums = columnToData({ type: 'int32', values: Int32Array.from(bytes, (_, i) => i), valid: values }, start, end);
        expect(Array.from(arrow.makeVector(nums))).toEqual(Array.from(values.subarray(start, end), (b, i) => (b !== 0 ? start + i : null)));
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
