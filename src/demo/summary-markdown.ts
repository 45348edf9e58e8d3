/** The demo's inspection summary as a Markdown table (one row per bundled trace). */
import type { TraceSummary } from '../inspect/inspect.js';
import type { DemoFigure, DemoRun, DemoSensitivity, DemoSweep } from './demo.js';
import { pValueText } from '../stats/format.js';
import { percent } from '../util/printable.js';

const fmt = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function summaryMarkdown(traces: readonly (TraceSummary & { description: string })[], runs: readonly DemoRun[] = [], figures: readonly DemoFigure[] = [], sweeps: readonly DemoSweep[] = [], sensitivities: readonly DemoSensitivity[] = []): string {
  const lines = [
    '# specreplay demo: bundled traces',
    '',
    '| trace | method | target | requests | steps | output tokens | committed tokens | committed/step (mean, median, p95) | trees |',
    '|---|---|---|---:|---:|---:|---:|---|---|',
  ];
  for (const t of traces) {
    const d = t.committed_per_step;
    const dist = d ? `${fmt(d.mean)}, ${fmt(d.median)}, ${fmt(d.p95)}` : '–';
    const trees = t.trees.length === 0 ? (t.tree_template_id ?? '–') : `${t.trees.length} (${t.trees.slice(0, 3).map((x) => `${x.id}: ${x.drafted} nodes`).join('; ')}${t.trees.length > 3 ? '; …' : ''})`;
    lines.push(`| ${t.trace_id} | ${t.method ?? '–'} | ${t.target_model ?? '–'} | ${t.requests} | ${t.steps || fmt(t.source_steps)} | ${t.output_tokens} | ${fmt(t.committed_tokens)} | ${dist} | ${trees} |`);
  }
  for (const r of runs) {
    lines.push('', `## Replay ${r.name}: ${r.trace} on ${r.platform}`, '', r.why, '', '| policy | tokens/s | tokens/J | tokens/step | steps | imputed | utilization |', '|---|---:|---:|---:|---:|---:|---|');
    for (const p of r.policies) {
      const util = Object.entries(p.utilization).map(([k, v]) => `${k} ${percent(v)}`).join(', ');
      lines.push(`| ${p.policy} | ${fmt(p.tokens_per_s)} | ${p.tokens_per_j.toFixed(3)} | ${fmt(p.committed_per_step)} | ${p.steps} | ${(100 * p.imputed_share).toFixed(1)}% | ${util} |`);
    }
    if (r.comparisons.length > 0) {
      lines.push('', `Paired over the requests against ${r.comparisons[0]!.baseline} (geometric mean ratio, seeded bootstrap 95% CI, Wilcoxon p): ` + r.comparisons.map((c) => `${c.policy} ${c.metric} ${c.geomean_ratio.toFixed(3)} [${c.ci_lo.toFixed(3)}, ${c.ci_hi.toFixed(3)}], p ${pValueText(c.wilcoxon_p, (v) => v.toPrecision(2))}`).join('; ') + '.');
    }
    for (const n of r.notes) lines.push('', `Note: ${n}`);
    lines.push('', `Run directory: \`${r.dir}/\` (report: \`${r.dir}/report.html\`, comparison: \`${r.dir}/compare.md\`)`);
  }
  if (figures.length > 0) {
    lines.push('', '## Paper figures', '', 'Reproduced from the recipes in `src/figures/recipes/`; each folder has the data, the Vega-Lite spec, SVG, PNG and notes (published beside reproduced, ratio).', '');
    for (const f of figures) lines.push(`- \`${f.svg}\` (${f.rows.length} values; notes \`${f.notes}\`)`);
  }
  for (const s of sweeps) {
    lines.push('', `## Sweep ${s.id}`, '', `From \`src/sweep/examples/${s.id}.json\`; results in \`${s.dir}/results.csv\` (and .arrow), charts ${s.charts.map((c) => `\`${c}\``).join(', ')}.`, '');
    lines.push(`| task | policy | tokens/s [95% CI] | tokens/J |${s.baseline ? ` speedup vs ${s.baseline} |` : ''}`, `|---|---|---|---:|${s.baseline ? '---:|' : ''}`);
    for (const r of s.rows) lines.push(`| ${r.task_id} | ${r.policy} | ${r.tokens_per_s.toFixed(2)} [${r.tokens_per_s_lo.toFixed(2)}, ${r.tokens_per_s_hi.toFixed(2)}] | ${r.tokens_per_j.toFixed(3)} |${s.baseline ? ` ${fmt(r.speedup, 3)} |` : ''}`);
  }
  for (const s of sensitivities) {
    lines.push('', `## Sensitivity ${s.id}`, '', `${s.what}. Folder \`${s.dir}/\` (summary.md, report.html, oat.csv, charts ${s.charts.map((c) => `\`${c}\``).join(', ')}).`, '', ...s.headline.map((h) => `- ${h}`));
  }
  lines.push('', 'Sources and licenses: see `traces/README.md`.', '');
  return lines.join('\n');
}
