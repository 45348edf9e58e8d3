/**
 * Per-policy summaries of a run from its result tables (the metric catalogue's definitions):
 * aggregate tokens/s and tokens/J (decoded tokens: prefill's tokens are not the decoder's), energy per token, EDP, step-latency percentiles, committed
 * tokens per step, imputed share, and each device's utilization and idle share.
 */
import { quantileSorted } from 'simple-statistics';
import { RESOURCES } from '../kernel/engine.js';
import { bool, float64, int32, utf8, type ColumnTable } from '../schema/columns.js';
import { headline } from './headline.js';

export interface PolicyStats {
  readonly policy: string;
  readonly requests: number;
  readonly steps: number;
  readonly output_tokens: number;
  readonly tokens_per_s: number;
  readonly tokens_per_j: number;
  readonly energy_per_token_j: number;
  readonly edp_j_s: number;
  readonly step_latency_p50_ns: number;
  readonly step_latency_p95_ns: number;
  readonly step_latency_p99_ns: number;
  readonly committed_per_step: number;
  readonly imputed_share: number;
  readonly utilization: Readonly<Record<string, number>>;
  readonly idle_share: Readonly<Record<string, number>>;
}

/** Policies in the order they first appear. */
export function policiesOf(t: ColumnTable): string[] {
  return [...new Set(utf8(t, 'policy').values as string[])];
}

export function summarizePolicies(requests: ColumnTable, steps: ColumnTable): PolicyStats[] {
  const rp = utf8(requests, 'policy').values;
  const out = int32(requests, 'output_tokens').values;
  const decoded = int32(requests, 'decoded_tokens').values;
  const time = float64(requests, 'time_ns').values;
  const energy = float64(requests, 'energy_pj').values;
  const busy = RESOURCES.map((r) => float64(requests, `${r}_busy_ns`).values);
  const sp = utf8(steps, 'policy').values;
  const t0 = float64(steps, 't_start_ns').values;
  const t1 = float64(steps, 't_end_ns').values;
  const imputed = bool(steps, 'imputed').values;
  return policiesOf(requests).map((policy) => {
    let tokens = 0;
    let dec = 0;
    let ns = 0;
    let pj = 0;
    let n = 0;
    const dev = new Float64Array(RESOURCES.length);
    for (let i = 0; i < rp.length; i++) {
      if (rp[i] !== policy) continue;
      n++;
      tokens += out[i]!;
      dec += decoded[i]!;
      ns += time[i]!;
      pj += energy[i]!;
      for (let d = 0; d < RESOURCES.length; d++) dev[d]! += busy[d]![i]!;
    }
    const lat: number[] = [];
    let imp = 0;
    for (let i = 0; i < sp.length; i++) {
      if (sp[i] !== policy) continue;
      lat.push(t1[i]! - t0[i]!);
      imp += imputed[i]!;
    }
    lat.sort((a, b) => a - b);
    const q = (p: number) => (lat.length ? quantileSorted(lat, p) : 0);
    const utilization: Record<string, number> = {};
    const idle: Record<string, number> = {};
    RESOURCES.forEach((r, d) => {
      if (dev[d]! > 0) {
        utilization[r] = ns > 0 ? dev[d]! / ns : 0;
        idle[r] = 1 - utilization[r]!;
      }
    });
    const h = headline({ decoded_tokens: dec, time_ns: ns, energy_pj: pj, steps: lat.length, imputed_steps: imp });
    return {
      policy,
      requests: n,
      steps: lat.length,
      output_tokens: tokens,
      tokens_per_s: h.tokens_per_s,
      tokens_per_j: h.tokens_per_j,
      energy_per_token_j: h.energy_per_token_j,
      edp_j_s: h.edp_j_s,
      step_latency_p50_ns: q(0.5),
      step_latency_p95_ns: q(0.95),
      step_latency_p99_ns: q(0.99),
      committed_per_step: h.committed_per_step,
      imputed_share: h.imputed_share,
      utilization,
      idle_share: idle,
    };
  });
}
