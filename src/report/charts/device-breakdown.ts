/** Stacked busy time per token by device, a bar per policy. */
import type { PolicyStats } from '../../stats/summary.js';
import type { ChartSpec } from './spec.js';
import { stackedBars } from './stacked-bars.js';
import { deviceScale } from '../theme.js';

export function deviceBreakdown(stats: readonly PolicyStats[]): ChartSpec {
  const rows = stats.flatMap((s) => Object.entries(s.utilization).map(([device, u]) => ({ policy: s.policy, device, busy_ms_per_token: (u * 1000) / Math.max(1e-12, s.tokens_per_s) })));
  return stackedBars({ id: 'device-breakdown', title: 'Device busy time per output token', subtitle: 'utilization x decode time / tokens', dataset: 'busy', rows, value: 'busy_ms_per_token', valueTitle: 'busy time per token (ms)', stack: 'device', stackTitle: 'device', height: 200, colours: deviceScale(rows.map((r) => r.device)) });
}
