/**
 * A sweep's metric per task and policy. One numeric knob: lines against the knob with the
 * bootstrap 95% CI as error bars, a panel per platform. Otherwise, up to `MAX_BAR_TASKS` tasks:
 * grouped bars per task; more (a design space): box plots of the metric over the other knobs
 * against the first knob, a panel per platform (a bar per task would be a chart thousands of
 * bars wide).
 */
import { policyScale } from '../theme.js';
import { chart, type ChartSpec } from './spec.js';

export interface SweepPoint {
  readonly task_id: string;
  readonly platform: string;
  readonly policy: string;
  /** The knob's value when the sweep has exactly one numeric knob. */
  readonly x: number | null;
  /** The first knob's value (the box plots' x when there are too many tasks for bars). */
  readonly group?: number | string | boolean | null;
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

/** Tasks up to which a sweep with several knobs gets a bar per task. */
export const MAX_BAR_TASKS = 60;

export function sweepChart(sweepId: string, metric: SweepMetric, knob: string | null, points: readonly SweepPoint[], groupKnob: string | null = null): ChartSpec {
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
  const tasks = new Set(points.map((p) => p.task_id)).size;
  if (tasks > MAX_BAR_TASKS) {
    const numeric = points.every((p) => typeof p.group === 'number');
    const gx = { field: 'group', type: numeric ? 'ordinal' : 'nominal', title: groupKnob ?? 'platform', sort: null };
    const xOffset = { field: 'policy', type: 'nominal', scale: { domain: colour.scale.domain } };
    const body = {
      width: { step: 12 },
      height: 220,
      mark: { type: 'boxplot', extent: 'min-max', size: 9 },
      encoding: { x: gx, xOffset, y: { field: 'y', type: 'quantitative', title: metric.axis, scale: { zero: false } }, color: colour },
    };
    const sub = `sweep ${sweepId}; ${tasks} tasks: each box spans the other knobs' values (min, quartiles, max)`;
    return chart(id, metric.title, sub, { points }, platforms > 1 ? { data: { name: 'points' }, facet: { column: { field: 'platform', type: 'nominal', title: null } }, spec: body } : { data: { name: 'points' }, ...body });
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
