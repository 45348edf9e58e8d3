/** Per-step latency over one request, a line per policy. */
import { float64, utf8, type ColumnTable } from '../../schema/columns.js';
import { policyScale } from '../theme.js';
import { chart, type ChartSpec } from './spec.js';

export function stepLatency(steps: ColumnTable, requestId: string): ChartSpec {
  const pol = utf8(steps, 'policy').values;
  const ids = utf8(steps, 'request_id').values;
  const t0 = float64(steps, 't_start_ns').values;
  const t1 = float64(steps, 't_end_ns').values;
  const data: { policy: string; step: number; latency_ms: number }[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < pol.length; i++) {
    if (ids[i] !== requestId) continue;
    const k = seen.get(pol[i]!) ?? 0;
    seen.set(pol[i]!, k + 1);
    data.push({ policy: pol[i]!, step: k, latency_ms: (t1[i]! - t0[i]!) / 1e6 });
  }
  return chart('step-latency', `Step latency over request ${requestId}`, 'draft + verification per step', { latency: data }, {
    data: { name: 'latency' },
    width: 420,
    height: 200,
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step', axis: { tickCount: 8, labelOverlap: 'greedy', format: 'd' } },
      y: { field: 'latency_ms', type: 'quantitative', title: 'step latency (ms)' },
      color: { field: 'policy', type: 'nominal', title: 'policy', scale: policyScale(seen.keys()) },
    },
  });
}
