import * as path from 'node:path';
import type { Command } from 'commander';
import { printJson, type Io } from '../io.js';

export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description('the main job on the bundled traces, into reports/demo/')
    .option('-o, --out <dir>', 'output folder', 'reports/demo')
    .option('--json', 'print the summary as JSON')
    .option('-q, --quiet', 'no progress')
    .option('--force', 'write into an output folder that is not a previous demo output (adds the files; deletes nothing else)')
    .action(async (o: { out: string; json?: boolean; quiet?: boolean; force?: boolean }) => {
      const showProgress = !o.quiet && !o.json;
      const { runDemo } = await import('../../demo/demo.js');
      const { counter } = await import('../progress.js');
      let progress: ReturnType<typeof counter> | null = null;
      const result = await runDemo({
        outDir: o.out,
        force: o.force === true,
        // Every stage on its own line, terminal or not (21 stages).
        onProgress: showProgress ? (done, total, what) => (progress ??= counter({ ...io, interactive: true }, total))(done, what) : undefined,
      });
      if (o.json) return printJson(io, result);
      io.out(`\nspecreplay demo: ${result.traces.length} bundled traces ingested into ${path.join(o.out, 'traces')}/\n`);
      for (const t of result.traces) {
        const d = t.committed_per_step;
        io.out(
          `  ${t.trace_id.padEnd(34)} ${String(t.requests).padStart(4)} requests ${String(t.steps || t.source_steps || 0).padStart(6)} steps ` +
            `${String(t.output_tokens).padStart(6)} tokens${d ? `  ${d.mean.toFixed(2)} tokens/step` : ''}\n`,
        );
      }
      for (const r of result.runs) {
        io.out(`\nreplay ${r.name}: ${r.trace} on ${r.platform} -> ${path.join(o.out, r.dir)}/\n`);
        for (const p of r.policies) io.out(`  ${p.policy.padEnd(14)} ${p.tokens_per_s.toFixed(2).padStart(8)} tokens/s ${p.tokens_per_j.toFixed(3).padStart(8)} tokens/J ${p.committed_per_step.toFixed(2)} tokens/step, imputed ${(100 * p.imputed_share).toFixed(1)}%\n`);
      }
      io.out(`\nstart here: ${path.join(o.out, 'index.html')} (every run, figure and sweep; open it in a browser, offline)\n`);
      io.out(`summary: ${path.join(o.out, 'summary.md')} (and summary.json)\n`);
      io.out(`figures: ${path.join(o.out, 'figures')}/ (${result.figures.map((f) => f.id).join(', ')}; each with notes.md: published vs reproduced)\n`);
      for (const s of result.sweeps) io.out(`sweep ${s.id}: ${path.join(o.out, s.dir)}/ (results.csv, charts: ${s.charts.map((c) => path.basename(c, '.svg')).join(', ')})\n`);
      for (const s of result.sensitivities) io.out(`sensitivity ${s.id}: ${path.join(o.out, s.dir)}/ — ${s.headline[0] ?? ''}\n`);
      io.out(`open the reports in a browser (offline): ${result.runs.map((r) => path.join(o.out, r.dir, 'report.html')).join(' ')}\n`);
    });
}
