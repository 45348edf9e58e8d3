/** Stacked busy time per token by device, a bar per policy. */
import type { PolicyStats } from '../../stats/summary.js';
import { chart, type ChartSpec } from './spec.js';

export function deviceBreakdown(stats: readonly PolicyStats[]): ChartSpec {
  const data = stats.flatMap((s) => Object.entries(s.utilization).map(([device, u]) => ({ policy: s.policy, device, busy_ms_per_token: (u * 1000) / Math.max(1e-12, s.tokens_per_s) })));
  return chart('device-breakdown', 'Device busy time per output token', 'utilization x decode time / tokens', { busy: data }, {
    data: { name: 'busy' },
    width: 320,
    height: 200,
    mark: 'bar',
    encoding: {
      x: { field: 'policy', type: 'nominal', title: 'policy' },
      y: { field: 'busy_ms_per_token', type: 'quantitative', title: 'busy time per token (ms)', stack: 'zero' },
      color: { field: 'device', type: 'nominal', title: 'device' },
    },
  });
}
