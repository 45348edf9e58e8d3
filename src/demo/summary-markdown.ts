/** The demo's inspection summary as a Markdown table (one row per bundled trace). */
import type { TraceSummary } from '../inspect/inspect.js';

const fmt = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function summaryMarkdown(traces: readonly (TraceSummary & { description: string })[]): string {
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
  lines.push('', 'Sources and licenses: see `traces/README.md`.', '');
  return lines.join('\n');
}
