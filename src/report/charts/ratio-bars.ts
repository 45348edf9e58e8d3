/** Speedup and energy-efficiency bars with bootstrap-CI error bars, one group per metric, a bar per policy. */
import type { ComparisonRow } from '../../stats/compare.js';
import { policyScale } from '../theme.js';
import { chart, type ChartSpec } from './spec.js';

const LABEL: Record<string, string> = { tokens_per_s: 'speedup (tokens/s ratio)', tokens_per_j: 'energy efficiency (tokens/J ratio)' };

export function ratioBars(rows: readonly ComparisonRow[]): ChartSpec {
  const data = rows.map((r) => ({ policy: r.policy, metric: LABEL[r.metric] ?? r.metric, ratio: r.geomean_ratio, lo: r.ci.lo, hi: r.ci.hi }));
  const base = rows[0]?.baseline ?? 'baseline';
  return chart('ratios', `Geometric-mean ratio over ${base}`, `per-request ratios, seeded bootstrap 95% CI (n = ${rows[0]?.n ?? 0} requests)`, { ratios: data }, {
    data: { name: 'ratios' },
    facet: { column: { field: 'metric', type: 'nominal', title: null } },
    spec: {
      width: 220,
      height: 200,
      layer: [
        { mark: 'bar', encoding: { x: { field: 'policy', type: 'nominal', title: 'policy' }, y: { field: 'ratio', type: 'quantitative', title: `ratio over ${base} (×)` }, color: { field: 'policy', type: 'nominal', legend: null, scale: policyScale(data.map((d) => d.policy)) } } },
        // The 95% CI as a whisker with caps, and the ratio printed on each bar.
        { mark: { type: 'rule', strokeWidth: 2.5, color: '#222' }, encoding: { x: { field: 'policy', type: 'nominal' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
        { mark: { type: 'tick', thickness: 2.5, size: 14, color: '#222' }, encoding: { x: { field: 'policy', type: 'nominal' }, y: { field: 'lo', type: 'quantitative' } } },
        { mark: { type: 'tick', thickness: 2.5, size: 14, color: '#222' }, encoding: { x: { field: 'policy', type: 'nominal' }, y: { field: 'hi', type: 'quantitative' } } },
        { mark: { type: 'text', dy: -8, fontSize: 11 }, encoding: { x: { field: 'policy', type: 'nominal' }, y: { field: 'hi', type: 'quantitative' }, text: { field: 'ratio', type: 'quantitative', format: '.2f' } } },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#555' }, encoding: { y: { datum: 1, type: 'quantitative' } } },
      ],
    },
  });
}
