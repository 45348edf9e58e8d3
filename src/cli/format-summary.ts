/** Human-readable rendering of an inspection summary. */
import type { TraceSummary } from '../inspect/inspect.js';

const n = (v: number | null, d = 2): string => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(d));

function histogram(h: Readonly<Record<string, number>>, width = 40): string[] {
  const entries = Object.entries(h).sort((a, b) => Number(a[0]) - Number(b[0]));
  const max = Math.max(1, ...entries.map(([, c]) => c));
  return entries.map(([k, c]) => `  ${k.padStart(3)} | ${'#'.repeat(Math.max(c > 0 ? 1 : 0, Math.round((c / max) * width))).padEnd(width)} ${c}`);
}

export function formatSummary(s: TraceSummary): string {
  const lines: string[] = [];
  lines.push(`trace ${s.trace_id} (format ${s.format})`);
  lines.push(`  method ${s.method ?? '–'}, target ${s.target_model ?? '–'}, draft ${s.draft_model ?? '–'}`);
  const statuses = Object.entries(s.requests_by_status).map(([k, v]) => `${v} ${k}`).join(', ');
  lines.push(`  requests ${s.requests}${statuses ? ` (${statuses})` : ''}`);
  lines.push(`  steps ${s.steps}${s.source_steps !== null && s.source_steps !== s.steps ? ` (the source counts ${s.source_steps})` : ''}`);
  lines.push(`  output tokens ${s.output_tokens}, committed tokens ${n(s.committed_tokens)}`);
  const d = s.committed_per_step;
  if (d) lines.push(`  committed tokens per step: mean ${n(d.mean, 3)}, median ${n(d.median)}, p95 ${n(d.p95)}, min ${d.min}, max ${d.max}`);
  if (Object.keys(s.committed_histogram).length > 0) {
    lines.push('  committed tokens per step (histogram):');
    lines.push(...histogram(s.committed_histogram));
  }
  if (s.tree_template_id) lines.push(`  every step verifies tree ${s.tree_template_id}`);
  for (const t of s.trees) lines.push(`  tree ${t.id}: ${t.drafted} drafted nodes, depth ${t.depth}, width per depth [${t.width_per_depth.join(', ')}]`);
  for (const m of s.acceptance_models) lines.push(`  acceptance model ${m.id} (${m.kind}, ${m.entries} entries)`);
  if (s.oracle_positions > 0) lines.push(`  oracle positions ${s.oracle_positions}`);
  const present = Object.entries(s.signals).filter(([, v]) => v).map(([k]) => k);
  const absent = Object.entries(s.signals).filter(([, v]) => !v).map(([k]) => k);
  lines.push(`  signals present: ${present.join(', ') || 'none'}`);
  lines.push(`  signals absent: ${absent.join(', ') || 'none'}`);
  if (s.wall_time_s !== null) lines.push(`  recorded wall time ${n(s.wall_time_s, 1)} s`);
  const src = s.source;
  lines.push(`  source: ${[src.repo, src.path, src.commit && `@${src.commit.slice(0, 12)}`, src.license && `(${src.license})`, src.file && `file ${src.file}`].filter(Boolean).join(' ')}`);
  for (const note of s.notes) lines.push(`  note: ${note}`);
  if (s.warnings > 0) lines.push(`  ingest warnings: ${s.warnings} (see --json or the trace metadata)`);
  return lines.join('\n') + '\n';
}
