/** Distribution of committed tokens per step, per policy (grouped bars of step shares). */
import { int32, utf8, type ColumnTable } from '../../schema/columns.js';
import { policyScale } from '../theme.js';
import { chart, type ChartSpec } from './spec.js';

export function committedDistribution(steps: ColumnTable): ChartSpec {
  const pol = utf8(steps, 'policy').values;
  const c = int32(steps, 'committed_tokens').values;
  const counts = new Map<string, Map<number, number>>();
  const totals = new Map<string, number>();
  for (let i = 0; i < c.length; i++) {
    const p = pol[i]!;
    const m = counts.get(p) ?? new Map<number, number>();
    counts.set(p, m);
    m.set(c[i]!, (m.get(c[i]!) ?? 0) + 1);
    totals.set(p, (totals.get(p) ?? 0) + 1);
  }
  const data = [...counts].flatMap(([policy, m]) => [...m].sort((a, b) => a[0] - b[0]).map(([committed, n]) => ({ policy, committed, share: n / totals.get(policy)! })));
  return chart('committed', 'Committed tokens per step', 'share of each policy\'s steps', { committed: data }, {
    data: { name: 'committed' },
    width: 360,
    height: 200,
    mark: 'bar',
    encoding: {
      x: { field: 'committed', type: 'ordinal', title: 'committed tokens per step' },
      xOffset: { field: 'policy', type: 'nominal' },
      y: { field: 'share', type: 'quantitative', title: 'share of steps', axis: { format: '%' } },
      color: { field: 'policy', type: 'nominal', title: 'policy', scale: policyScale(counts.keys()) },
    },
  });
}
