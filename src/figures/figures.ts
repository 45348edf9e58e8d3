/**
 * `specreplay figures`: each recipe's figure into DIR/<id>/ — data.json, <id>.vl.json, <id>.svg,
 * <id>.png — and notes.md printing the published numbers beside the reproduced ones and their
 * ratio. A paper's reproduction runs once however many recipes use it.
 */
import * as path from 'node:path';
import type { ClaimRow } from '../reproduce/claims.js';
import { REPRODUCTIONS } from '../reproduce/index.js';
import { pimLlmPoint } from '../reproduce/pim-llm.js';
import { renderSvg, svgToPng } from '../report/render.js';
import { writeTextAtomic } from '../util/atomic-write.js';
import { claimOutputDir, markerContent, OUTPUT_MARKER, type OutputOptions } from '../util/output-guard.js';
import { claimsFigure, sweepFigure, type SweepPoint } from './charts.js';
import type { Recipe } from './recipe.js';

export interface FigureResult {
  readonly id: string;
  readonly dir: string;
  readonly rows: readonly { what: string; published: number | null; reproduced: number; ratio: number | null }[];
  readonly warnings: readonly string[];
}

const fmt = (x: number | null) => (x === null ? 'null' : Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3));

/** Published PIM-LLM points [PIMLLM Sec. IV], by model, context and metric. */
const PIM_LLM_PUBLISHED: Record<string, number> = {
  'gpt2-355m/128/speedup': 11.6,
  'opt-6.7b/128/speedup': 79.2,
  'gpt2-355m/4096/speedup': 1.5,
  'opt-6.7b/4096/speedup': 5.71,
  'gpt2-355m/128/tokens/J ratio': 1 / 1.337,
  'opt-6.7b/128/tokens/J ratio': 1.1249,
  'gpt2-355m/4096/tokens/J ratio': 1.7058,
  'opt-6.7b/4096/tokens/J ratio': 1.337,
};

export async function buildFigures(recipes: readonly Recipe[], outDir: string, onProgress?: (what: string) => void, output: OutputOptions = {}): Promise<FigureResult[]> {
  // Checked before any work (util/output-guard.ts); each figure's files are then written atomically.
  claimOutputDir(outDir, 'figures', output);
  writeTextAtomic(path.join(outDir, OUTPUT_MARKER), markerContent('figures'));
  const cache = new Map<string, ClaimRow[]>();
  const claims = async (paper: string) => {
    let rows = cache.get(paper);
    if (rows === undefined) {
      onProgress?.(`reproduce ${paper}`);
      cache.set(paper, (rows = await REPRODUCTIONS[paper]!.run()));
    }
    return rows;
  };
  const results: FigureResult[] = [];
  for (const r of recipes) {
    onProgress?.(`figure ${r.id}`);
    const dir = path.join(outDir, r.id);
    let spec;
    let rows: FigureResult['rows'];
    let data: unknown;
    if (r.kind === 'claims') {
      const all = await claims(r.paper);
      const picked = all.filter((c) => r.select.some((s) => c.claim.includes(s)));
      spec = claimsFigure(r.id, r.title, r.caption, picked);
      rows = picked.map((c) => ({ what: `${c.claim} (${c.configuration})`, published: c.published, reproduced: c.reproduced, ratio: c.ratio }));
      data = picked;
    } else {
      const points: SweepPoint[] = [];
      for (const model of r.models) {
        for (const context of r.contexts) {
          const p = pimLlmPoint(model, context);
          for (const [metric, value] of [['speedup', p.speedup], ['tokens/J ratio', p.tokens_per_j_ratio]] as const) {
            points.push({ model, context, metric, value, published: PIM_LLM_PUBLISHED[`${model}/${context}/${metric}`] ?? null });
          }
        }
      }
      spec = sweepFigure(r.id, r.title, r.caption, points);
      rows = points.map((p) => ({ what: `${p.model}, l=${p.context}, ${p.metric}`, published: p.published, reproduced: p.value, ratio: p.published === null ? null : p.value / p.published }));
      data = points;
    }
    const { svg, warnings } = await renderSvg(spec);
    writeTextAtomic(path.join(dir, 'data.json'), JSON.stringify(data, null, 2) + '\n');
    writeTextAtomic(path.join(dir, `${r.id}.vl.json`), JSON.stringify(spec.spec, null, 2) + '\n');
    writeTextAtomic(path.join(dir, `${r.id}.svg`), svg);
    writeTextAtomic(path.join(dir, `${r.id}.png`), svgToPng(svg));
    const notes = [
      `# ${r.title}`,
      '',
      r.caption,
      '',
      `Recipe: src/figures/recipes/${r.id}.json. Published = the paper's value (sources in docs/references.md); null = not published as a number. Ratio = reproduced / published. Gaps over 25% are explained in the README ("Reproducing the papers").`,
      '',
      '| what | published | reproduced | ratio |',
      '|---|---:|---:|---:|',
      ...rows.map((x) => `| ${x.what} | ${fmt(x.published)} | ${fmt(x.reproduced)} | ${x.ratio === null ? '–' : x.ratio.toFixed(2)} |`),
      '',
    ].join('\n');
    writeTextAtomic(path.join(dir, 'notes.md'), notes);
    results.push({ id: r.id, dir, rows, warnings });
  }
  return results;
}
