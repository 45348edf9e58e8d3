/** A bar per policy, stacked by a category: the shape of every per-token breakdown chart. */
import { chart, type ChartSpec } from './spec.js';

export interface StackedBars {
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly dataset: string;
  readonly rows: readonly object[];
  /** The stacked quantity and its axis title (with the unit). */
  readonly value: string;
  readonly valueTitle: string;
  /** The stacking category and its legend title. */
  readonly stack: string;
  readonly stackTitle: string;
  readonly height: number;
  /** A fixed colour per stack category (e.g. devices), else the theme's palette in order. */
  readonly colours?: { domain: string[]; range: string[] };
}

export function stackedBars(s: StackedBars): ChartSpec {
  return chart(s.id, s.title, s.subtitle, { [s.dataset]: s.rows }, {
    data: { name: s.dataset },
    width: 320,
    height: s.height,
    mark: 'bar',
    encoding: {
      x: { field: 'policy', type: 'nominal', title: 'policy' },
      y: { field: s.value, type: 'quantitative', title: s.valueTitle, stack: 'zero' },
      color: { field: s.stack, type: 'nominal', title: s.stackTitle, ...(s.colours ? { scale: s.colours } : {}) },
    },
  });
}
