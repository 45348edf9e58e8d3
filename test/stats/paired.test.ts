/**
 * Paired statistics against independently computed values: SciPy 1.17.1
 * (scipy.stats.wilcoxon(log r, zero_method='wilcox', correction=False) and
 * scipy.stats.ttest_1samp(log r, 0)), computed for this test on the ratios written below.
 */
import { describe, expect, it } from 'vitest';
import { comparePaired } from '../../src/stats/paired.js';
import { bootstrapGeomean, geomean } from '../../src/stats/bootstrap.js';

const SMALL = [1.1, 0.95, 1.3, 1.22, 1.05, 0.99, 1.41, 1.17, 1.08, 1.25];
const LARGE = [
  1.088236, 1.141293, 1.086589, 0.922825, 1.15089, 1.09926, 0.996311, 1.114172, 1.090305, 1.082652, 1.054263, 1.110346, 0.976632, 1.034284, 1.00179, 1.116149, 1.055455, 1.020971, 0.972203, 1.024578,
  1.052127, 1.022693, 1.196507, 1.162616, 0.801623, 0.870314, 1.033057, 1.007811, 1.073972, 1.074368, 1.299246, 0.940633, 1.012315, 1.289529, 1.121504, 1.12334, 0.9986, 0.891538, 1.069024, 1.062794,
  0.929847, 0.981844, 1.043725, 0.956499, 1.040991, 1.061357, 1.055019, 0.999371, 1.11558, 1.149258, 1.085548, 0.968678, 1.131071, 0.999856, 1.147879, 0.944425, 1.151939, 1.049164, 0.92786, 1.018784,
];

describe('paired comparison', () => {
  it('n = 10 (exact Wilcoxon): p = 0.013671875 (SciPy), t = 3.407175752632778, p = 0.007784348549702809', () => {
    const c = comparePaired(SMALL, 1);
    expect(c.wilcoxon_p).toBeCloseTo(0.013671875, 9);
    expect(c.wilcoxon_statistic).toBe(51); // W+, the sum of positive ranks (SciPy reports min(W+, W-) = 4)
    expect(c.t_statistic).toBeCloseTo(3.407175752632778, 9);
    expect(c.t_p).toBeCloseTo(0.007784348549702809, 9);
    expect(c.effect_size_dz).toBeCloseTo(1.0774435766818018, 9);
    expect(c.geomean_ratio).toBeCloseTo(1.1439268953613069, 12);
    expect([c.favour_policy, c.favour_baseline, c.ties]).toEqual([8, 2, 0]);
  });
  it('n = 60 (normal approximation): Wilcoxon p = 0.00012917114649942191, t p = 0.0001708578976122564 (SciPy)', () => {
    const c = comparePaired(LARGE, 1);
    expect(c.wilcoxon_p).toBeCloseTo(0.00012917114649942191, 9);
    expect(c.t_statistic).toBeCloseTo(4.013946758345729, 9);
    expect(c.t_p).toBeCloseTo(0.0001708578976122564, 9);
  });
  it('identical policies: ratio 1, every request a tie, no test, interval [1, 1]', () => {
    const c = comparePaired([1, 1, 1, 1], 3);
    expect(c.geomean_ratio).toBe(1);
    expect([c.wilcoxon_p, c.t_p, c.effect_size_dz]).toEqual([null, null, null]);
    expect(c.ties).toBe(4);
    expect([c.ci.lo, c.ci.hi]).toEqual([1, 1]);
  });
  it('rejects a non-positive ratio naming the request', () => {
    expect(() => comparePaired([1.2, 0, 1.1], 1)).toThrow(/request 1: ratio 0/);
  });
});

describe('bootstrap', () => {
  it('is deterministic under a seed, differs across seeds, and brackets the geometric mean', () => {
    const a = bootstrapGeomean(SMALL, 7);
    expect(bootstrapGeomean(SMALL, 7)).toEqual(a);
    expect(bootstrapGeomean(SMALL, 8)).not.toEqual(a);
    const g = geomean(SMALL);
    expect(a.lo).toBeLessThan(g);
    expect(a.hi).toBeGreaterThan(g);
    // The resampled geometric means lie between the smallest and largest ratio.
    expect(a.lo).toBeGreaterThanOrEqual(0.95);
    expect(a.hi).toBeLessThanOrEqual(1.41);
  });
  it('a 95% interval is wider than a 50% one', () => {
    const w95 = bootstrapGeomean(LARGE, 1, 2000, 0.95);
    const w50 = bootstrapGeomean(LARGE, 1, 2000, 0.5);
    expect(w95.hi - w95.lo).toBeGreaterThan(w50.hi - w50.lo);
  });
});
