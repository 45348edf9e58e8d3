/**
 * The systolic-array compute model of SCALE-Sim v2 [SCALESIM scalesim/compute/
 * systolic_compute_{os,ws,is}.py]: a GEMM maps two of its dimensions onto the array (S_R rows,
 * S_C columns) and streams the third (T):
 *   OS: S_R = M, S_C = N, T = K     WS: S_R = K, S_C = N, T = M     IS: S_R = K, S_C = M, T = N
 *   cycles per fold: OS  R + C + T - 2   (T operand rows + C - 1 drain rows, skewed by R - 1)
 *                    WS, IS  2R + C + T - 2   (+ R rows to load the stationary operand)
 *   cycles = per fold x ceil(S_R / R) x ceil(S_C / C)
 * These are exactly the row counts of SCALE-Sim's demand matrices with ideal memory (the
 * tests hold cycle counts produced by SCALE-Sim v2's own compute classes).
 * Folds (and the batch of independent GEMMs, e.g. attention heads) are spread over the cores.
 */
import type { Dataflow } from './spec.js';

export interface SystolicResult {
  readonly compute_cycles: number;
  readonly folds: number;
  readonly cycles_per_fold: number;
}

export function systolicCycles(m: number, k: number, n: number, batch: number, rows: number, cols: number, cores: number, dataflow: Dataflow): SystolicResult {
  const [sr, sc, t] = dataflow === 'os' ? [m, n, k] : dataflow === 'ws' ? [k, n, m] : [k, m, n];
  const folds = Math.ceil(sr / rows) * Math.ceil(sc / cols) * batch;
  const perFold = (dataflow === 'os' ? rows : 2 * rows) + cols + t - 2;
  return { compute_cycles: Math.ceil(folds / cores) * perFold, folds, cycles_per_fold: perFold };
}
