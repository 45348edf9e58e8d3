/** The figure kinds' Vega-Lite specs: reproduced bars with published ticks; sweep lines with published points. */
import type { ClaimRow } from '../reproduce/claims.js';
import { chart, type ChartSpec } from '../report/charts/spec.js';

export function claimsFigure(id: string, title: string, caption: string, rows: readonly ClaimRow[]): ChartSpec {
  const data = rows.map((r) => ({ claim: r.claim, reproduced: r.reproduced, published: r.published, unit: r.unit }));
  const unit = [...new Set(rows.map((r) => r.unit))].join(', ');
  return chart(id, title, caption.length > 110 ? caption.slice(0, 107) + '...' : caption, { claims: data }, {
    data: { name: 'claims' },
    width: 420,
    height: { step: 22 },
    layer: [
      { mark: 'bar', encoding: { y: { field: 'claim', type: 'nominal', title: null, sort: null, axis: { labelLimit: 420 } }, x: { field: 'reproduced', type: 'quantitative', title: `value (${unit}); bars reproduced, ticks published` }, color: { value: '#0072B2' } } },
      { transform: [{ filter: 'datum.published != null' }], mark: { type: 'tick', color: '#D55E00', thickness: 3 }, encoding: { y: { field: 'claim', type: 'nominal', sort: null }, x: { field: 'published', type: 'quantitative' } } },
    ],
  });
}

export interface SweepPoint {
  readonly model: string;
  readonly context: number;
  readonly metric: string;
  readonly value: number;
  readonly published: number | null;
}

export function sweepFigure(id: string, title: string, caption: string, points: readonly SweepPoint[]): ChartSpec {
  return chart(id, title, caption, { sweep: points }, {
    data: { name: 'sweep' },
    facet: { column: { field: 'metric', type: 'nominal', title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'context', type: 'quantitative', title: 'context length (tokens)', scale: { type: 'log', base: 2 } }, y: { field: 'value', type: 'quantitative', title: 'ratio over TPU-LLM (×)', scale: { type: 'log' } }, color: { field: 'model', type: 'nominal', title: 'model' } } },
        { transform: [{ filter: 'datum.published != null' }], mark: { type: 'point', shape: 'diamond', filled: true, size: 90 }, encoding: { x: { field: 'context', type: 'quantitative' }, y: { field: 'published', type: 'quantitative' }, color: { field: 'model', type: 'nominal' } } },
      ],
    },
  });
}
