/** Bootstrap intervals: aggregate rates (ratios of sums) against hand arithmetic and invariants. */
import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { bootstrapGeomean, bootstrapRatiosOfSums } from '../../src/stats/bootstrap.js';
import { hashUniform } from '../../src/util/rng.js';

describe('bootstrap of ratios of sums', () => {
  it('units with one common rate give a zero-width interval at that rate', () => {
    const tokens = [10, 20, 40, 5];
    const seconds = tokens.map((t) => t / 8);
    const [ci] = bootstrapRatiosOfSums([{ num: tokens, den: seconds }], 1, 500);
    expect(ci!.lo).toBeCloseTo(8, 12);
    expect(ci!.hi).toBeCloseTo(8, 12);
  });

  it('is the rate of sums, not the mean of rates: a long slow request weighs more than a short fast one', () => {
    // Rates 100 (1 token in 0.01 s) and 1 (100 tokens in 100 s): a resample with k short and
    // 8 - k long requests has (k + 100(8 - k)) / (0.01k + 100(8 - k)), about 1 + k/(100(8 - k)),
    // while the mean of the rates would be (100 + 7) / 8 = 13.4.
    const num = [1, 100, 100, 100, 100, 100, 100, 100];
    const den = [0.01, 100, 100, 100, 100, 100, 100, 100];
    const [ci] = bootstrapRatiosOfSums([{ num, den }], 7, 1000);
    expect(ci!.lo).toBeGreaterThanOrEqual(1);
    expect(ci!.hi).toBeLessThan(1.02);
  });

  it('brackets the point estimate, narrows with more units, and is a pure function of (data, seed)', () => {
    let x = 12345;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const make = (n: number) => {
      const num = Array.from({ length: n }, () => 50 + 100 * rand());
      const den = num.map((t) => t / (20 + 10 * rand()));
      return { num, den, point: num.reduce((a, b) => a + b) / den.reduce((a, b) => a + b) };
    };
    const small = make(20);
    const large = make(2000);
    const [a] = bootstrapRatiosOfSums([small], 3, 1000);
    const [b] = bootstrapRatiosOfSums([large], 3, 1000);
    expect(a!.lo).toBeLessThan(small.point);
    expect(a!.hi).toBeGreaterThan(small.point);
    expect(b!.hi - b!.lo).toBeLessThan((a!.hi - a!.lo) / 3);
    expect(bootstrapRatiosOfSums([small], 3, 1000)).toEqual([a]);
    expect(bootstrapRatiosOfSums([small], 4, 1000)).not.toEqual([a]);
  });

  it('several rates share the resamples: tokens/s and s/token intervals are reciprocal', () => {
    const num = [3, 9, 27, 4, 8];
    const den = [1, 2, 5, 3, 1];
    const [fwd, inv] = bootstrapRatiosOfSums([{ num, den }, { num: den, den: num }], 9, 999);
    expect(fwd!.lo).toBeCloseTo(1 / inv!.hi, 9);
    expect(fwd!.hi).toBeCloseTo(1 / inv!.lo, 9);
  });

  it('refuses an empty sample, like the geometric-mean bootstrap', () => {
    expect(() => bootstrapRatiosOfSums([{ num: [], den: [] }], 1)).toThrow(/empty/);
    expect(() => bootstrapGeomean([], 1)).toThrow(/empty/);
  });
});

describe('ratios of sums: the resampled sums', () => {
  // The first definition: each distinct array summed over each resample's draws, one pass per array.
  function reference(ratios: { num: number[]; den: number[] }[], seed: number, resamples: number) {
    const n = ratios[0]!.num.length;
    const stats = ratios.map(() => new Float64Array(resamples));
    for (let b = 0; b < resamples; b++) {
      const draws = Array.from({ length: n }, (_, i) => Math.min(n - 1, Math.floor(hashUniform(seed, 0xb008, b, i) * n)));
      const sum = (x: number[]) => draws.reduce((s, j) => s + x[j]!, 0);
      ratios.forEach((r, k) => {
        const d = sum(r.den);
        stats[k]![b] = d > 0 ? sum(r.num) / d : 0;
      });
    }
    return stats.map((s) => {
      const sorted = Array.from(s.sort());
      const a = (1 - 0.95) / 2; // as the library computes it (not 0.025 exactly)
      return { lo: quantileSorted(sorted, a), hi: quantileSorted(sorted, 1 - a) };
    });
  }

  it('are the first definition\'s to the bit, for one to five distinct arrays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), fc.nat(), (n, arrays, seed) => {
        const cols = Array.from({ length: arrays }, (_, a) => Array.from({ length: n }, (_, i) => ((i * 7919 + a * 104729) % 997) / 97 + (a === 0 ? 0 : 0.001)));
        // ratios over the arrays, sharing some (as tokens/s, tokens/J and J/token do)
        const ratios = cols.map((c, a) => ({ num: cols[(a + 1) % arrays]!, den: c }));
        const got = bootstrapRatiosOfSums(ratios, seed, 50);
        const want = reference(ratios, seed, 50);
        got.forEach((g, k) => {
          expect(g.lo).toBe(want[k]!.lo);
          expect(g.hi).toBe(want[k]!.hi);
        });
      }),
      { numRuns: 60, seed: 4 },
    );
  });
});
