/**
 * The metric catalogue: every number the statistics and reports show, with its unit, how it
 * is computed from a run's tables, and which direction is better.
 */
export interface MetricSpec {
  readonly name: string;
  readonly unit: string;
  readonly definition: string;
  readonly better: 'higher' | 'lower';
}

const m = (name: string, unit: string, better: MetricSpec['better'], definition: string): MetricSpec => ({ name, unit, better, definition });

export const METRICS = {
  tokens_per_s: m('tokens_per_s', 'tokens/s', 'higher', 'decoded tokens (output tokens less those produced by prefill) / decode time'),
  tokens_per_j: m('tokens_per_j', 'tokens/J', 'higher', 'decoded tokens / energy (dynamic + static)'),
  energy_per_token_j: m('energy_per_token_j', 'J/token', 'lower', 'energy / decoded tokens'),
  edp_j_s: m('edp_j_s', 'J·s per token²', 'lower', '(energy / decoded tokens) x (time / decoded tokens)'),
  step_latency_p50_ns: m('step_latency_p50_ns', 'ns', 'lower', 'median of step end - step start'),
  step_latency_p95_ns: m('step_latency_p95_ns', 'ns', 'lower', '95th percentile of step end - step start'),
  step_latency_p99_ns: m('step_latency_p99_ns', 'ns', 'lower', '99th percentile of step end - step start'),
  committed_per_step: m('committed_per_step', 'tokens/step', 'higher', 'decoded tokens / verification steps'),
  imputed_share: m('imputed_share', 'fraction', 'lower', 'steps whose outcome used an imputation model / steps'),
  utilization: m('utilization', 'fraction', 'higher', 'device busy time / decode time, per device'),
  idle_share: m('idle_share', 'fraction', 'lower', '1 - utilization, per device'),
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
