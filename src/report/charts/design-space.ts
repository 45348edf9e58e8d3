/** SpecPIM's explored designs: throughput against energy efficiency, the Pareto front as a line, the chosen design marked. */
import { chart, type ChartSpec } from './spec.js';

export interface DesignPoint {
  readonly design: string;
  readonly tokens_per_s: number;
  readonly tokens_per_j: number;
}

export function designSpace(designs: readonly DesignPoint[], pareto: readonly DesignPoint[], best: DesignPoint): ChartSpec {
  return chart('design-space', 'SpecPIM design space and Pareto front', 'each point a mapping x channel split x draft length; the filled point is the chosen design', { designs, pareto, best: [best] }, {
    width: 360,
    height: 220,
    layer: [
      { data: { name: 'designs' }, mark: { type: 'point', opacity: 0.35, color: '#888' }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative', title: 'throughput (tokens/s)', scale: { zero: false } }, y: { field: 'tokens_per_j', type: 'quantitative', title: 'energy efficiency (tokens/J)', scale: { zero: false } } } },
      { data: { name: 'pareto' }, mark: { type: 'line', point: true }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative', title: 'throughput (tokens/s)', scale: { zero: false } }, y: { field: 'tokens_per_j', type: 'quantitative', title: 'energy efficiency (tokens/J)', scale: { zero: false } }, tooltip: [{ field: 'design', type: 'nominal' }] } },
      { data: { name: 'best' }, mark: { type: 'point', filled: true, size: 120, color: '#D55E00' }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative' }, y: { field: 'tokens_per_j', type: 'quantitative' }, tooltip: [{ field: 'design', type: 'nominal' }] } },
    ],
  });
}
