/** What makes a chart readable, checked on the specs: distinct colours, full labels, log axes for wide ranges, visible intervals. */
import { describe, expect, it } from 'vitest';
import { stackedBars } from '../../src/report/charts/stacked-bars.js';
import { ratioBars } from '../../src/report/charts/ratio-bars.js';
import { designSpace } from '../../src/report/charts/design-space.js';
import { claimsFigure, sweepFigure, wrapLines } from '../../src/figures/charts.js';
import type { ClaimRow } from '../../src/reproduce/claims.js';

const spec = (c: { spec: unknown }) => c.spec as Record<string, any>;

describe('chart readability', () => {
  it('ten energy components get ten distinct colours, with full legend labels', () => {
    const comps = ['dram_external_bytes', 'dram_internal_bytes', 'dram_row_activations', 'npu_macs_int8', 'npu_vector_ops', 'pim_macs_fp16', 'pim_mode_switches', 'scratchpad_bytes', 'static_dram', 'static_npu'];
    const c = spec(stackedBars({ id: 'e', title: 't', subtitle: 's', dataset: 'd', rows: comps.map((component) => ({ policy: 'p', component, v: 1 })), value: 'v', valueTitle: 'v', stack: 'component', stackTitle: 'c', height: 100 }));
    const range = c['encoding'].color.scale.range as string[];
    expect(new Set(range).size).toBe(10);
    expect(c['encoding'].color.legend.labelLimit).toBe(0);
  });

  it('ratio bars carry their values and capped whiskers', () => {
    const row = { policy: 'sd-npu', baseline: 'ar-npu', metric: 'tokens_per_s', n: 10, geomean_ratio: 2, ci: { lo: 1.9, hi: 2.1, level: 0.95, resamples: 100, seed: 1 }, wilcoxon_p: 0.01, wilcoxon_statistic: 1, t_p: 0.01, t_statistic: 1, effect_size_dz: 1, favour_policy: 10, favour_baseline: 0, ties: 0 };
    const layers = spec(ratioBars([row as never]))['spec'].layer as { mark: { type?: string } | string }[];
    const types = layers.map((l) => (typeof l.mark === 'string' ? l.mark : l.mark.type));
    expect(types.filter((t) => t === 'tick')).toHaveLength(2);
    expect(types).toContain('text');
  });

  it('claims spanning more than 20x are on a log axis with labels never cut', () => {
    const rows = [
      { claim: 'EDP reduction vs RTX 3090', reproduced: 109, published: 415, unit: 'x' },
      { claim: 'performance vs GEMV-PIM', reproduced: 8.5, published: 1.3, unit: 'x' },
    ] as unknown as ClaimRow[];
    const caption = 'A caption that is long enough to need more than one line in the subtitle of the chart, so it wraps instead of being cut off with dots.';
    const c = spec(claimsFigure('f', 'T', caption, rows));
    const bar = c['layer'][0].encoding;
    expect(bar.x.scale.type).toBe('log');
    expect(bar.y.axis.labelLimit).toBe(0);
    const subtitle = c['title'].subtitle as string[];
    expect(subtitle.join(' ')).toBe(caption);
    expect(wrapLines(caption).every((l) => l.length <= 110)).toBe(true);
  });

  it('the PIM-LLM context axis labels every context, 4,096 included', () => {
    const points = [128, 4096].map((context) => ({ model: 'm', context, metric: 'speedup', value: 2, published: null }));
    const x = spec(sweepFigure('f', 't', 'c', points))['spec'].layer[0].encoding.x;
    expect(x.axis.values).toEqual([128, 4096]);
  });

  it('the design-space chart draws its front in order and says when the chosen draft length is the edge of the range', () => {
    const d = (k: number, s: number, j: number) => ({ design: `host/pim k=${k}`, tokens_per_s: s, tokens_per_j: j });
    const designs = [d(1, 10, 2), d(4, 20, 1.5), d(8, 30, 1)];
    const c = spec(designSpace(designs, [designs[2]!, designs[0]!], designs[2]!));
    expect((c['datasets'].pareto as { tokens_per_s: number }[]).map((p) => p.tokens_per_s)).toEqual([10, 30]);
    expect((c['title'].subtitle as string[]).join(' ')).toMatch(/k = 8 is the longest draft searched/);
  });
});
