import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey, hashUniform, uniformAt } from '../../src/util/rng.js';

// The draw as first written: four chained 32-bit mixes of (seed, stream, a, b).
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}
const reference = (seed: number, stream: number, a: number, b: number): number => mix32(mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ stream) ^ a) ^ b) / 4294967296;

describe('hashed draws', () => {
  it('a key hashed once then drawn at b equals the draw hashed whole, and both equal the first definition', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(0xffff), fc.nat(), fc.nat(), (seed, stream, a, b) => {
        const want = reference(seed, stream, a, b);
        expect(hashUniform(seed, stream, a, b)).toBe(want);
        expect(uniformAt(hashKey(seed, stream, a), b)).toBe(want);
        expect(want).toBeGreaterThanOrEqual(0);
        expect(want).toBeLessThan(1);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
