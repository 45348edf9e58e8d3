/**
 * The headline metrics, computed in one place from a run's totals by the catalogue's
 * definitions (metrics.ts): `summary.json`, the per-policy statistics, `compare`, the charts
 * and the sweeps all take them from here. Rates count decoded tokens (prefill's tokens are
 * not the decoder's).
 */
import { int32, utf8, type ColumnTable } from '../schema/columns.js';
import type { MetricName } from './metrics.js';

/** What a policy's run adds up to. */
export interface RunTotals {
  readonly decoded_tokens: number;
  readonly time_ns: number;
  readonly energy_pj: number;
  readonly steps: number;
  readonly imputed_steps: number;
}

export type HeadlineName = Extract<MetricName, 'tokens_per_s' | 'tokens_per_j' | 'energy_per_token_j' | 'edp_j_s' | 'committed_per_step' | 'imputed_share'>;
export type Headline = Readonly<Record<HeadlineName, number>>;

export function headline(t: RunTotals): Headline {
  const s = t.time_ns * 1e-9;
  const j = t.energy_pj * 1e-12;
  const n = t.decoded_tokens;
  return {
    tokens_per_s: s > 0 ? n / s : 0,
    tokens_per_j: j > 0 ? n / j : 0,
    energy_per_token_j: n > 0 ? j / n : 0,
    edp_j_s: n > 0 ? (j / n) * (s / n) : 0,
    committed_per_step: t.steps > 0 ? n / t.steps : 0,
    imputed_share: t.steps > 0 ? t.imputed_steps / t.steps : 0,
  };
}

/** Decoded tokens per policy of a requests table (the denominator of every per-token rate). */
export function decodedTokensByPolicy(requests: ColumnTable): Map<string, number> {
  const out = new Map<string, number>();
  const rp = utf8(requests, 'policy').values;
  const dec = int32(requests, 'decoded_tokens').values;
  for (let i = 0; i < rp.length; i++) out.set(rp[i]!, (out.get(rp[i]!) ?? 0) + dec[i]!);
  return out;
}
