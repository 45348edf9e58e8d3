/** A bar per policy, stacked by a category: the shape of every per-token breakdown chart. */
import { chart, type ChartSpec } from './spec.js';
import { categoryScale } from '../theme.js';

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
  // More categories than the palette's eight get sixteen distinct colours (no two components alike).
  const names = s.rows.map((r) => String((r as Record<string, unknown>)[s.stack]));
  const colours = s.colours ?? (new Set(names).size > 8 ? categoryScale(names) : undefined);
  return chart(s.id, s.title, s.subtitle, { [s.dataset]: s.rows }, {
    data: { name: s.dataset },
    width: 320,
    height: s.height,
    mark: 'bar',
    encoding: {
      x: { field: 'policy', type: 'nominal', title: 'policy' },
      y: { field: s.value, type: 'quantitative', title: s.valueTitle, stack: 'zero' },
      color: { field: s.stack, type: 'nominal', title: s.stackTitle, legend: { labelLimit: 0 }, ...(colours ? { scale: colours } : {}) },
    },
  });
}
