/**
 * The analytical systolic-array model of SCALE-Sim (Samajdar et al., "SCALE-Sim: Systolic CNN
 * Accelerator Simulator", 2018, eq. for runtime with folding): a GEMM maps two of its
 * dimensions onto the array (S_R rows, S_C columns) and streams the third (T):
 *   OS: S_R = M, S_C = N, T = K     WS: S_R = K, S_C = N, T = M     IS: S_R = K, S_C = M, T = N
 *   cycles = (2 R + C + T - 2) x ceil(S_R / R) x ceil(S_C / C)
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
  const perFold = 2 * rows + cols + t - 2;
  return { compute_cycles: Math.ceil(folds / cores) * perFold, folds, cycles_per_fold: perFold };
}
