/**
 * Tornado chart of a one-at-a-time sensitivity analysis: per open field, the span of the A/B
 * ratio over its readings (bar from the lowest to the highest), the reference (the preset's
 * readings) as a rule, and parity (1) dashed; one panel per metric.
 */
import { chart, type ChartSpec } from './spec.js';

export interface TornadoRow {
  readonly metric: string;
  readonly field: string;
  readonly lo: number;
  readonly hi: number;
  readonly lo_reading: string;
  readonly hi_reading: string;
  readonly reference: number;
}

export function tornado(title: string, rows: readonly TornadoRow[]): ChartSpec {
  const metrics = [...new Set(rows.map((r) => r.metric))];
  return chart('tornado', title, 'bar: the ratio over each field\'s readings, the others at the preset\'s; line: all at the preset\'s; dashed: parity', { oat: rows }, {
    vconcat: metrics.map((m) => ({
      width: 420,
      height: { step: 26 },
      transform: [{ filter: { field: 'metric', equal: m } }],
      data: { name: 'oat' },
      layer: [
        { mark: { type: 'bar', height: 14 }, encoding: { y: { field: 'field', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } }, x: { field: 'lo', type: 'quantitative', title: `${m} ratio (A / B)`, scale: { zero: false } }, x2: { field: 'hi' }, tooltip: [{ field: 'field' }, { field: 'lo' }, { field: 'lo_reading' }, { field: 'hi' }, { field: 'hi_reading' }] } },
        // A field that moves nothing still shows, as a tick at its one value.
        { mark: { type: 'tick', thickness: 2, size: 14 }, encoding: { y: { field: 'field', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } }, x: { field: 'lo', type: 'quantitative' } } },
        { mark: { type: 'rule', color: '#000' }, encoding: { x: { aggregate: 'min', field: 'reference', type: 'quantitative' } } },
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { x: { datum: 1, type: 'quantitative' } } },
      ],
    })),
  });
}

export interface RatioDraw {
  readonly metric: string;
  readonly ratio: number;
}

/** A histogram of each metric's draws (20 bins over their span); parity drawn where it lies near the span. */
function histogram(draws: readonly RatioDraw[]): { metric: string; lo: number; hi: number; draws: number }[] {
  const out: { metric: string; lo: number; hi: number; draws: number }[] = [];
  for (const m of [...new Set(draws.map((d) => d.metric))]) {
    const v = draws.filter((d) => d.metric === m).map((d) => d.ratio);
    const [min, max] = [Math.min(...v), Math.max(...v)];
    const bins = max > min ? 20 : 1;
    const w = max > min ? (max - min) / bins : Math.max(1e-9, Math.abs(min) * 1e-4);
    const counts = new Array<number>(bins).fill(0);
    for (const x of v) counts[Math.min(bins - 1, Math.floor((x - min) / w))]!++;
    counts.forEach((c, i) => out.push({ metric: m, lo: min + i * w, hi: min + (i + 1) * w, draws: c }));
  }
  return out;
}

/** The distribution of the A/B ratio over the global sample's draws, one panel per metric. */
export function ratioDistribution(title: string, draws: readonly RatioDraw[]): ChartSpec {
  const bins = histogram(draws);
  const metrics = [...new Set(bins.map((d) => d.metric))];
  return chart('ratio-distribution', title, 'every draw sets all open fields together; dashed: parity (A = B), where it lies near the draws', { bins }, {
    vconcat: metrics.map((m) => {
      const mine = bins.filter((b) => b.metric === m);
      const [lo, hi] = [mine[0]!.lo, mine.at(-1)!.hi];
      const nearParity = 1 >= lo - (hi - lo) && 1 <= hi + (hi - lo);
      return {
        width: 420,
        height: 120,
        transform: [{ filter: { field: 'metric', equal: m } }, { filter: 'datum.draws > 0' }],
        data: { name: 'bins' },
        layer: [
          { mark: 'bar', encoding: { x: { field: 'lo', type: 'quantitative', title: `${m} ratio (A / B)`, scale: { zero: false } }, x2: { field: 'hi' }, y: { field: 'draws', type: 'quantitative', title: 'draws', scale: { zero: true } }, y2: { datum: 0 }, tooltip: [{ field: 'lo' }, { field: 'hi' }, { field: 'draws' }] } },
          ...(nearParity ? [{ mark: { type: 'rule', strokeDash: [4, 3], color: '#888' }, encoding: { x: { datum: 1, type: 'quantitative' } } }] : []),
        ],
      };
    }),
  });
}
