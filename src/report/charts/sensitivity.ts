/** Sensitivity lines: a metric against a swept parameter (context length, tree size, draft length), a line per series. */
import { chart, type ChartSpec } from './spec.js';

export interface SensitivityPoint {
  readonly series: string;
  readonly x: number;
  readonly y: number;
}

export function sensitivityLines(id: string, title: string, xTitle: string, yTitle: string, points: readonly SensitivityPoint[], logX = false): ChartSpec {
  return chart(id, title, `${yTitle} against ${xTitle}`, { points }, {
    data: { name: 'points' },
    width: 360,
    height: 220,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle, ...(logX ? { scale: { type: 'log', base: 2 } } : {}) },
      y: { field: 'y', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null },
    },
  });
}
