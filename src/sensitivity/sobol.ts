/**
 * Variance-based sensitivity (Sobol indices) by Saltelli's sampling: two independent N x k
 * sample matrices A and B, and for each factor i the matrix AB_i (A with column i from B);
 * f evaluated on all of them, N (k + 2) evaluations. Estimators of Saltelli et al. (2010),
 * "Variance based sensitivity analysis of model output" (Comput. Phys. Commun. 181):
 *   first order  S_i  = mean(f(B) (f(AB_i) - f(A))) / V
 *   total        ST_i = mean((f(A) - f(AB_i))^2) / 2 / V   (Jansen 1999)
 * with V the variance of f over A and B together. Draws are counter-based (seed, row, column),
 * so the design is reproducible and independent of evaluation order.
 */
import { hashUniform } from '../util/rng.js';

export interface SaltelliDesign {
  readonly n: number;
  readonly k: number;
  /** Row r of A, B and AB_i, each a point of [0, 1)^k. */
  a(r: number): Float64Array;
  b(r: number): Float64Array;
  ab(i: number, r: number): Float64Array;
}

const STREAM_A = 0x51;
const STREAM_B = 0x52;

export function saltelliDesign(k: number, n: number, seed: number): SaltelliDesign {
  const row = (stream: number, r: number) => Float64Array.from({ length: k }, (_, j) => hashUniform(seed, stream, r, j));
  return {
    n,
    k,
    a: (r) => row(STREAM_A, r),
    b: (r) => row(STREAM_B, r),
    ab: (i, r) => {
      const x = row(STREAM_A, r);
      x[i] = hashUniform(seed, STREAM_B, r, i);
      return x;
    },
  };
}

export interface SobolIndices {
  readonly first: readonly number[];
  readonly total: readonly number[];
  /** Variance of the output over A and B. */
  readonly variance: number;
}

/** Indices from f over A (yA), B (yB) and each AB_i (yAB[i]), all of length N. */
export function sobolIndices(yA: ArrayLike<number>, yB: ArrayLike<number>, yAB: readonly ArrayLike<number>[]): SobolIndices {
  const n = yA.length;
  let mean = 0;
  for (let r = 0; r < n; r++) mean += yA[r]! + yB[r]!;
  mean /= 2 * n;
  let v = 0;
  for (let r = 0; r < n; r++) v += (yA[r]! - mean) ** 2 + (yB[r]! - mean) ** 2;
  v /= 2 * n - 1;
  const first: number[] = [];
  const total: number[] = [];
  for (const y of yAB) {
    let s = 0;
    let t = 0;
    for (let r = 0; r < n; r++) {
      s += yB[r]! * (y[r]! - yA[r]!);
      t += (yA[r]! - y[r]!) ** 2;
    }
    first.push(v > 0 ? s / n / v : 0);
    total.push(v > 0 ? t / (2 * n) / v : 0);
  }
  return { first, total, variance: v };
}

/** Sobol indices of f on [0, 1)^k with N base samples (N (k + 2) evaluations of f). */
export function sobol(f: (x: Float64Array) => number, k: number, n: number, seed: number): SobolIndices {
  const d = saltelliDesign(k, n, seed);
  const yA = Float64Array.from({ length: n }, (_, r) => f(d.a(r)));
  const yB = Float64Array.from({ length: n }, (_, r) => f(d.b(r)));
  const yAB = Array.from({ length: k }, (_, i) => Float64Array.from({ length: n }, (_, r) => f(d.ab(i, r))));
  return sobolIndices(yA, yB, yAB);
}
