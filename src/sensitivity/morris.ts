/**
 * Elementary effects (Morris 1991, "Factorial sampling plans for preliminary computational
 * experiments", Technometrics 33), with Campolongo et al.'s (2007) mu*: r trajectories on a
 * p-level grid of [0, 1]^k, each moving one factor at a time by Delta = p / (2 (p - 1)), in a
 * random order and direction; r (k + 1) evaluations. For factor i: mu* = mean |EE_i| (its
 * overall influence), sigma = standard deviation of EE_i (non-linearity and interactions).
 */
import { hashUniform } from '../util/rng.js';

export interface MorrisTrajectory {
  /** k + 1 points; point j + 1 differs from point j in factor order[j] by step[j] (+-Delta). */
  readonly points: readonly Float64Array[];
  readonly order: readonly number[];
  readonly step: readonly number[];
}

export function morrisDesign(k: number, r: number, seed: number, levels = 4): MorrisTrajectory[] {
  const delta = levels / (2 * (levels - 1));
  return Array.from({ length: r }, (_, t) => {
    const x = Float64Array.from({ length: k }, (_, j) => Math.floor(hashUniform(seed, 0x4d, t, j) * levels) / (levels - 1));
    // A random permutation (Fisher-Yates on counter-based draws).
    const order = Array.from({ length: k }, (_, j) => j);
    for (let j = k - 1; j > 0; j--) {
      const s = Math.floor(hashUniform(seed, 0x4e, t, j) * (j + 1));
      [order[j], order[s]] = [order[s]!, order[j]!];
    }
    const points = [Float64Array.from(x)];
    const step: number[] = [];
    for (const i of order) {
      const up = x[i]! + delta <= 1 + 1e-12;
      const down = x[i]! - delta >= -1e-12;
      const d = up && (!down || hashUniform(seed, 0x4f, t, i) < 0.5) ? delta : -delta;
      x[i] = x[i]! + d;
      step.push(d);
      points.push(Float64Array.from(x));
    }
    return { points, order, step };
  });
}

export interface MorrisIndices {
  readonly mu_star: readonly number[];
  readonly mu: readonly number[];
  readonly sigma: readonly number[];
}

/** Indices from f's values at each trajectory's points (y[t][j] = f(trajectory t, point j)). */
export function morrisIndices(design: readonly MorrisTrajectory[], y: readonly ArrayLike<number>[], k: number): MorrisIndices {
  const ee: number[][] = Array.from({ length: k }, () => []);
  design.forEach((tr, t) => {
    tr.order.forEach((i, j) => ee[i]!.push((y[t]![j + 1]! - y[t]![j]!) / tr.step[j]!));
  });
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
  return {
    mu_star: ee.map((v) => mean(v.map(Math.abs))),
    mu: ee.map(mean),
    sigma: ee.map((v) => {
      const m = mean(v);
      return v.length > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1)) : 0;
    }),
  };
}

/** Morris indices of f on [0, 1]^k with r trajectories. */
export function morris(f: (x: Float64Array) => number, k: number, r: number, seed: number, levels = 4): MorrisIndices {
  const design = morrisDesign(k, r, seed, levels);
  return morrisIndices(design, design.map((tr) => tr.points.map(f)), k);
}
