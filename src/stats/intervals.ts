/**
 * Confidence intervals of a policy's aggregate rates from its per-request results: tokens/s,
 * tokens/J and J/token as ratios of sums, by a seeded percentile bootstrap over requests.
 */
import { float64, int32, type ColumnTable } from '../schema/columns.js';
import { bootstrapRatiosOfSums } from './bootstrap.js';

export interface RateIntervals {
  readonly tokens_per_s: { readonly lo: number; readonly hi: number };
  readonly tokens_per_j: { readonly lo: number; readonly hi: number };
  readonly energy_per_token_j: { readonly lo: number; readonly hi: number };
  readonly method: string;
}

/** Resamples behind the intervals in summary.json and in sweep results. */
export const RATE_RESAMPLES = 2000;

/** Intervals for one policy's rows of a requests table (null without rows). */
export function rateIntervals(requests: ColumnTable, seed: number, resamples = RATE_RESAMPLES): RateIntervals | null {
  return rateIntervalsOf(requestColumns(requests), seed, resamples);
}

/** A requests table's decoded tokens, time and energy per request. */
export function requestColumns(requests: ColumnTable): RequestColumns {
  return { decoded: int32(requests, 'decoded_tokens').values, time_ns: float64(requests, 'time_ns').values, energy_pj: float64(requests, 'energy_pj').values };
}

/** Per-request decoded tokens, time and energy (a requests table's columns, or step shapes' totals). */
export interface RequestColumns {
  readonly decoded: ArrayLike<number>;
  readonly time_ns: ArrayLike<number>;
  readonly energy_pj: ArrayLike<number>;
}

/** As `rateIntervals`, from the per-request columns. */
export function rateIntervalsOf(requests: RequestColumns, seed: number, resamples = RATE_RESAMPLES): RateIntervals | null {
  if (requests.decoded.length === 0) return null;
  const decoded = requests.decoded;
  const seconds = Float64Array.from(requests.time_ns, (ns) => ns * 1e-9);
  const joules = Float64Array.from(requests.energy_pj, (pj) => pj * 1e-12);
  const [tps, tpj, jpt] = bootstrapRatiosOfSums(
    [
      { num: decoded, den: seconds },
      { num: decoded, den: joules },
      { num: joules, den: decoded },
    ],
    seed,
    resamples,
  );
  const ci = (i: { lo: number; hi: number }) => ({ lo: i.lo, hi: i.hi });
  return { tokens_per_s: ci(tps!), tokens_per_j: ci(tpj!), energy_per_token_j: ci(jpt!), method: `percentile bootstrap over requests, ${resamples} resamples, seed ${seed}` };
}
