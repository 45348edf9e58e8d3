/**
 * A sweep's metric per task and policy. One numeric knob: lines against the knob with the
 * bootstrap 95% CI as error bars, a panel per platform. Otherwise: grouped bars per task.
 */
import { policyScale } from '../theme.js';
import { chart, type ChartSpec } from './spec.js';

export interface SweepPoint {
  readonly task_id: string;
  readonly platform: string;
  readonly policy: string;
  /** The knob's value when the sweep has exactly one numeric knob. */
  readonly x: number | null;
  readonly y: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface SweepMetric {
  readonly id: string;
  readonly title: string;
  /** Axis title, with the unit. */
  readonly axis: string;
}

export function sweepChart(sweepId: string, metric: SweepMetric, knob: string | null, points: readonly SweepPoint[]): ChartSpec {
  const colour = { field: 'policy', type: 'nominal', title: 'policy', scale: policyScale(points.map((p) => p.policy)) };
  const platforms = new Set(points.map((p) => p.platform)).size;
  const bars = points.some((p) => p.lo !== null);
  const subtitle = `sweep ${sweepId}${bars ? '; error bars: bootstrap 95% CI over requests' : ''}`;
  const id = `sweep-${metric.id.replace(/_/g, '-')}`;
  if (knob !== null) {
    const x = { field: 'x', type: 'quantitative', title: knob };
    const layer = [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'y', type: 'quantitative', title: metric.axis, scale: { zero: false } }, color: colour } },
      ...(bars ? [{ transform: [{ filter: 'datum.lo != null' }], mark: { type: 'rule' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour } }] : []),
    ];
    const body = { width: 320, height: 220, layer };
    return chart(id, metric.title, subtitle, { points }, platforms > 1 ? { data: { name: 'points' }, facet: { column: { field: 'platform', type: 'nominal', title: null } }, spec: body } : { data: { name: 'points' }, ...body });
  }
  const x = { field: 'task_id', type: 'nominal', title: 'task', sort: null, axis: { labelAngle: -30, labelLimit: 220 } };
  // The offset follows the colour scale's order (else Vega-Lite unions conflicting sorts).
  const xOffset = { field: 'policy', type: 'nominal', scale: { domain: colour.scale.domain } };
  const layer = [
    { mark: 'bar', encoding: { x, xOffset, y: { field: 'y', type: 'quantitative', title: metric.axis }, color: colour } },
    ...(bars ? [{ transform: [{ filter: 'datum.lo != null' }], mark: { type: 'rule', color: '#333' }, encoding: { x, xOffset, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } }] : []),
  ];
  return chart(id, metric.title, subtitle, { points }, { data: { name: 'points' }, width: { step: 28 }, height: 220, layer });
}
