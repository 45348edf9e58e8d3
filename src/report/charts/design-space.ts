/** SpecPIM's explored designs: throughput against energy efficiency, the Pareto front as a line, the chosen design marked. */
import { chart, type ChartSpec } from './spec.js';

export interface DesignPoint {
  readonly design: string;
  readonly tokens_per_s: number;
  readonly tokens_per_j: number;
}

/** The draft length of a design name (`... k=4 ...`), or null. */
const draftLength = (design: string): number | null => {
  const m = / k=(\d+)(?: |$)/.exec(design);
  return m === null ? null : Number(m[1]);
};

export function designSpace(designs: readonly DesignPoint[], pareto: readonly DesignPoint[], best: DesignPoint): ChartSpec {
  // The front as a line in throughput order; the chosen design labelled with its draft length,
  // and flagged when that length is the edge of the searched range (the optimum may lie beyond).
  const front = [...pareto].sort((a, b) => a.tokens_per_s - b.tokens_per_s);
  const ks = designs.map((d) => draftLength(d.design)).filter((k): k is number => k !== null);
  const k = draftLength(best.design);
  const maxK = ks.length > 0 ? Math.max(...ks) : null;
  const edge = k !== null && maxK !== null && k === maxK && maxK > 0;
  const label = k === null ? 'chosen' : `chosen: k = ${k}${edge ? ' (edge of the searched range)' : ''}`;
  const subtitle = [
    'each point a mapping x channel split x draft length',
    `line: the Pareto front (${front.length} design${front.length === 1 ? '' : 's'}); filled: the chosen design`,
    ...(edge ? [`k = ${k} is the longest draft searched (specpim.max_draft_len):`, 'a longer one might be better'] : []),
  ];
  return chart('design-space', 'SpecPIM design space and Pareto front', subtitle, { designs, pareto: front, best: [{ ...best, label }] }, {
    width: 360,
    height: 220,
    layer: [
      { data: { name: 'designs' }, mark: { type: 'point', opacity: 0.35, color: '#888' }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative', title: 'throughput (tokens/s)', scale: { zero: false } }, y: { field: 'tokens_per_j', type: 'quantitative', title: 'energy efficiency (tokens/J)', scale: { zero: false } } } },
      { data: { name: 'pareto' }, mark: { type: 'line', point: true }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative', title: 'throughput (tokens/s)', scale: { zero: false } }, y: { field: 'tokens_per_j', type: 'quantitative', title: 'energy efficiency (tokens/J)', scale: { zero: false } }, tooltip: [{ field: 'design', type: 'nominal' }] } },
      { data: { name: 'best' }, mark: { type: 'point', filled: true, size: 120, color: '#D55E00' }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative' }, y: { field: 'tokens_per_j', type: 'quantitative' }, tooltip: [{ field: 'design', type: 'nominal' }] } },
      { data: { name: 'best' }, mark: { type: 'text', align: 'right', dx: -10, dy: -8, fontSize: 11, color: '#D55E00' }, encoding: { x: { field: 'tokens_per_s', type: 'quantitative' }, y: { field: 'tokens_per_j', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  });
}
