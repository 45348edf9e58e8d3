import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, parseJsonLenient } from '../../src/ingest/json-lenient.js';

describe('lenient JSON', () => {
  it('bare NaN / Infinity / -Infinity outside strings become null, with their paths', () => {
    const r = parseJsonLenient('{"a": [1, NaN], "b": {"c": -Infinity}, "s": "NaN", "d": Infinity}');
    expect(r.value).toEqual({ a: [1, null], b: { c: null }, s: 'NaN', d: null });
    expect([...r.nonFinite]).toEqual([['a[1]', 'NaN'], ['b.c', '-Infinity'], ['d', 'Infinity']]);
  });
  it('strings containing the tokens and escaped quotes are left alone', () => {
    expect(parseJsonLenient('{"x": "say \\"NaN\\"", "y": NaN}').value).toEqual({ x: 'say "NaN"', y: null });
  });
  it('invalid JSON still throws', () => {
    expect(() => parseJsonLenient('{"a": NaNx}')).toThrow();
  });
  it('jsonErrorOffset: -1 for every valid document, the offset of the first error otherwise', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonErrorOffset(JSON.stringify(v, null, 1))).toBe(-1);
      }),
    );
    expect(jsonErrorOffset('{"t": [[0],\n [1,]]}')).toBe(16);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
  });
});
