/** The figure kinds' Vega-Lite specs: reproduced bars with published ticks; sweep lines with published points. */
import type { ClaimRow } from '../reproduce/claims.js';
import { chart, type ChartSpec } from '../report/charts/spec.js';

/** A caption as subtitle lines of at most `width` characters (never cut off). */
export function wrapLines(text: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function claimsFigure(id: string, title: string, caption: string, rows: readonly ClaimRow[]): ChartSpec {
  const data = rows.map((r) => ({ claim: r.claim, reproduced: r.reproduced, published: r.published, unit: r.unit }));
  const unit = [...new Set(rows.map((r) => r.unit))].join(', ');
  // Values spanning more than 20x (LP-Spec's 415x beside 1.3x) on a log axis, so the small ones stay readable.
  const values = data.flatMap((d) => [d.reproduced, d.published]).filter((v): v is number => v !== null && v > 0);
  const log = values.length > 0 && Math.max(...values) / Math.min(...values) > 20;
  // On a log axis the bars start at a power of ten below the smallest value (a bar cannot start at 0).
  const floor = log ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 0;
  const x = { type: 'quantitative' as const, ...(log ? { scale: { type: 'log', domainMin: floor } } : {}) };
  return chart(id, title, wrapLines(caption), { claims: data }, {
    data: { name: 'claims' },
    width: 420,
    height: { step: 22 },
    layer: [
      // Full claim labels (labelLimit 0: never cut with "..."): throughput and energy rows stay apart.
      { mark: 'bar', encoding: { y: { field: 'claim', type: 'nominal', title: null, sort: null, axis: { labelLimit: 0 } }, x: { field: 'reproduced', ...x, title: `value (${unit}${log ? ', log scale' : ''}); bars reproduced, ticks published` }, ...(log ? { x2: { datum: floor } } : {}), color: { value: '#0072B2' } } },
      { transform: [{ filter: 'datum.published != null' }], mark: { type: 'tick', color: '#D55E00', thickness: 3 }, encoding: { y: { field: 'claim', type: 'nominal', sort: null }, x: { field: 'published', ...x } } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 }, encoding: { y: { field: 'claim', type: 'nominal', sort: null }, x: { field: 'reproduced', ...x }, text: { field: 'reproduced', type: 'quantitative', format: '.3~g' } } },
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
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'context', type: 'quantitative', title: 'context length (tokens)', scale: { type: 'log', base: 2 }, axis: { values: [...new Set(points.map((p) => p.context))].sort((a, b) => a - b), format: ',d', labelFlush: true, labelOverlap: false } }, y: { field: 'value', type: 'quantitative', title: 'ratio over TPU-LLM (×)', scale: { type: 'log' } }, color: { field: 'model', type: 'nominal', title: 'model' } } },
        { transform: [{ filter: 'datum.published != null' }], mark: { type: 'point', shape: 'diamond', filled: true, size: 90 }, encoding: { x: { field: 'context', type: 'quantitative' }, y: { field: 'published', type: 'quantitative' }, color: { field: 'model', type: 'nominal' } } },
      ],
    },
  });
}
