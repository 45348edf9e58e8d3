/**
 * Seeded percentile bootstrap of a geometric mean: resample the per-request ratios with
 * replacement `resamples` times (draws hashed from (seed, resample, index), so the interval is
 * a pure function of its inputs), take the geometric mean of each resample, and report the
 * (alpha/2, 1 - alpha/2) quantiles (simple-statistics' quantile).
 */
import { quantileSorted } from 'simple-statistics';
import { hashKey, uniformAt } from '../util/rng.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly level: number;
  readonly resamples: number;
  readonly seed: number;
}

export function geomean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.log(xs[i]!);
  return Math.exp(s / xs.length);
}

const STREAM = 0xb007;

export function bootstrapGeomean(ratios: ArrayLike<number>, seed: number, resamples = 2000, level = 0.95): Interval {
  const n = ratios.length;
  if (n === 0) throw new Error('bootstrap of an empty sample');
  const logs = Float64Array.from({ length: n }, (_, i) => Math.log(ratios[i]!));
  const stats = new Float64Array(resamples);
  const draws = resampleIndices(seed, STREAM, n, resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    const base = b * n;
    for (let i = 0; i < n; i++) s += logs[draws[base + i]!]!;
    stats[b] = Math.exp(s / n);
  }
  stats.sort();
  const a = (1 - level) / 2;
  const sorted = Array.from(stats);
  return { lo: quantileSorted(sorted, a), hi: quantileSorted(sorted, 1 - a), level, resamples, seed };
}

const STREAM_RATIO = 0xb008;

/**
 * The units each resample draws (resample-major, `resamples` x n): a pure function of (seed,
 * stream, n, resamples), so the rates of every policy and every sweep task with the same seed
 * and number of requests share one table (the last few are kept).
 */
const drawTables = new Map<string, Int32Array>();
function resampleIndices(seed: number, stream: number, n: number, resamples: number): Int32Array {
  const key = `${seed}|${stream}|${n}|${resamples}`;
  let t = drawTables.get(key);
  if (t === undefined) {
    t = new Int32Array(resamples * n);
    for (let b = 0; b < resamples; b++) {
      const key = hashKey(seed, stream, b);
      for (let i = 0; i < n; i++) t[b * n + i] = Math.min(n - 1, Math.floor(uniformAt(key, i) * n));
    }
    if (drawTables.size >= 4) drawTables.delete(drawTables.keys().next().value!);
    drawTables.set(key, t);
  }
  return t;
}

/** A rate that is a ratio of sums over units (requests): tokens/s = sum of tokens / sum of seconds. */
export interface SumRatio {
  readonly num: ArrayLike<number>;
  readonly den: ArrayLike<number>;
}

/**
 * Seeded percentile bootstrap of aggregate rates (ratios of sums): resample the units with
 * replacement, recompute each ratio from the resampled sums; every ratio uses the same
 * resamples (draws hashed from (seed, resample, index)). Zero-denominator resamples count as 0.
 */
export function bootstrapRatiosOfSums(ratios: readonly SumRatio[], seed: number, resamples = 2000, level = 0.95): Interval[] {
  const n = ratios[0]?.num.length ?? 0;
  if (n === 0) throw new Error('bootstrap of an empty sample');
  const k = ratios.length;
  const stats = ratios.map(() => new Float64Array(resamples));
  // Each distinct input array is summed once per resample (tokens/s, tokens/J and J/token share
  // three sums), in unit order: the same sums as summing each ratio's own.
  const sources: ArrayLike<number>[] = [];
  const slot = (a: ArrayLike<number>) => {
    const i = sources.indexOf(a);
    return i >= 0 ? i : sources.push(a) - 1;
  };
  const numAt = ratios.map((r) => slot(r.num));
  const denAt = ratios.map((r) => slot(r.den));
  const arrays = sources.map((a) => Float64Array.from(a));
  const sums = new Float64Array(arrays.length);
  const draws = resampleIndices(seed, STREAM_RATIO, n, resamples);
  // Up to three sums in one pass over a resample's draws (each still added in draw order: the
  // same sums as one pass per array), without a view per resample.
  const [x0, x1, x2] = [arrays[0]!, arrays[1] ?? arrays[0]!, arrays[2] ?? arrays[0]!];
  for (let b = 0; b < resamples; b++) {
    const base = b * n;
    if (arrays.length <= 3) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const j = draws[base + i]!;
        s0 += x0[j]!;
        s1 += x1[j]!;
        s2 += x2[j]!;
      }
      sums[0] = s0;
      if (arrays.length > 1) sums[1] = s1;
      if (arrays.length > 2) sums[2] = s2;
    } else {
      for (let s = 0; s < arrays.length; s++) {
        const x = arrays[s]!;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += x[draws[base + i]!]!;
        sums[s] = sum;
      }
    }
    for (let r = 0; r < k; r++) {
      const sd = sums[denAt[r]!]!;
      stats[r]![b] = sd > 0 ? sums[numAt[r]!]! / sd : 0;
    }
  }
  const a = (1 - level) / 2;
  return stats.map((s) => {
    const sorted = Array.from(s.sort());
    return { lo: quantileSorted(sorted, a), hi: quantileSorted(sorted, 1 - a), level, resamples, seed };
  });
}
