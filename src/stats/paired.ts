/**
 * Paired comparison of two policies on the same requests, on per-request ratios r_i =
 * policy / baseline of a metric (for "lower is better" metrics the ratio is inverted, so a ratio
 * above 1 always favours the policy): geometric-mean ratio with a seeded bootstrap CI, the
 * Wilcoxon signed-rank test and the paired t-test on log ratios (@stdlib/stats-wilcoxon,
 * @stdlib/stats-ttest; two-sided), the effect size d_z = mean / sd of the log ratios, and how
 * many requests favour each side.
 */
import ttest from '@stdlib/stats-ttest';
import wilcoxon from '@stdlib/stats-wilcoxon';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { bootstrapGeomean, geomean, type Interval } from './bootstrap.js';

export interface PairedComparison {
  readonly n: number;
  readonly geomean_ratio: number;
  readonly ci: Interval;
  readonly wilcoxon_p: number | null;
  readonly wilcoxon_statistic: number | null;
  readonly t_p: number | null;
  readonly t_statistic: number | null;
  /** Cohen's d_z of the log ratios (null when they have no spread). */
  readonly effect_size_dz: number | null;
  readonly favour_policy: number;
  readonly favour_baseline: number;
  readonly ties: number;
}

/** Relative tolerance under which a ratio counts as a tie. */
const TIE = 1e-9;

export function comparePaired(ratios: ArrayLike<number>, seed: number, resamples = 2000): PairedComparison {
  const n = ratios.length;
  if (n === 0) throw new Error('no paired requests to compare');
  for (let i = 0; i < n; i++) if (!(ratios[i]! > 0) || !Number.isFinite(ratios[i]!)) throw new Error(`request ${i}: ratio ${ratios[i]} is not a positive number`);
  const logs = Array.from({ length: n }, (_, i) => Math.log(ratios[i]!));
  let fp = 0;
  let fb = 0;
  for (const l of logs) {
    if (l > TIE) fp++;
    else if (l < -TIE) fb++;
  }
  const ties = n - fp - fb;
  const sd = n > 1 ? sampleStandardDeviation(logs) : 0;
  const spread = sd > 1e-12;
  // Both tests need at least two pairs with a non-zero difference.
  const testable = n >= 2 && spread && fp + fb >= 2;
  const w = testable ? wilcoxon(logs, { zeroMethod: 'wilcox', correction: false }) : null;
  const t = testable ? ttest(logs) : null;
  return {
    n,
    geomean_ratio: geomean(ratios),
    ci: bootstrapGeomean(ratios, seed, resamples),
    wilcoxon_p: w ? w.pValue : null,
    wilcoxon_statistic: w ? w.statistic : null,
    t_p: t ? t.pValue : null,
    t_statistic: t ? t.statistic : null,
    effect_size_dz: spread ? mean(logs) / sd : null,
    favour_policy: fp,
    favour_baseline: fb,
    ties,
  };
}
