/**
 * The main job on the bundled traces (`specreplay demo`): ingest every bundled trace into
 * `<out>/traces/<id>.arrow`, replay them under the policies of DEMO_REPLAYS into
 * `<out>/runs/<name>/` (run directories), reproduce the paper figures into `<out>/figures/`, run
 * the example sweeps (src/sweep/examples) into `<out>/sweeps/<id>/`, and write a summary
 * (`summary.json`, `summary.md`).
 */
import * as path from 'node:path';
import { ingestFile } from '../ingest/ingest.js';
import { inspectTrace, type TraceSummary } from '../inspect/inspect.js';
import { writeTraceFile } from '../trace/arrow-io.js';
import { writeTextAtomic } from '../util/atomic-write.js';
import { claimOutputDir, markerContent, OUTPUT_MARKER } from '../util/output-guard.js';
import { bundledPath, bundledTraces } from '../ingest/bundled-traces.js';
import { summaryMarkdown } from './summary-markdown.js';
import { landingHtml } from './landing.js';
import { DEMO_REPLAYS, DEMO_SENSITIVITY } from './replays.js';
import { sensitivity } from '../sensitivity/analysis.js';
import { headlineSentences } from '../sensitivity/headline.js';
import { writeSensitivity } from '../sensitivity/write.js';
import { firstRequests } from '../trace/subset.js';
import { replay, type PolicySummary } from '../replay/replay.js';
import { writeRunDir } from '../replay/run-dir.js';
import { versions } from '../util/versions.js';
import { compareRunDir } from '../stats/write.js';
import { readRunDir } from '../stats/run-tables.js';
import { utf8 } from '../schema/columns.js';
import { writeRunReport } from '../report/report.js';
import { buildFigures } from '../figures/figures.js';
import { loadRecipes } from '../figures/recipe.js';
import type { Trace } from '../trace/trace.js';
import { runSweepFile } from '../sweep/sweep.js';
import { sweepExamples } from '../sweep/examples.js';

export interface DemoOptions {
  readonly outDir: string;
  /** Write into a folder that is not a previous demo output (util/output-guard.ts). */
  readonly force?: boolean;
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

export interface DemoRun {
  readonly name: string;
  readonly trace: string;
  readonly platform: string;
  readonly dir: string;
  readonly why: string;
  readonly policies: readonly PolicySummary[];
  readonly notes: readonly string[];
  /** Paired comparisons against the run's baseline (compare.md in the run directory). */
  readonly comparisons: readonly { policy: string; baseline: string; metric: string; n: number; geomean_ratio: number; ci_lo: number; ci_hi: number; favour_policy: number; wilcoxon_p: number | null }[];
}

export interface DemoResult {
  readonly outDir: string;
  readonly traces: readonly (TraceSummary & { readonly file: string; readonly description: string })[];
  readonly runs: readonly DemoRun[];
  readonly figures: readonly DemoFigure[];
  readonly sweeps: readonly DemoSweep[];
  readonly sensitivities: readonly DemoSensitivity[];
  readonly files: readonly string[];
}

/** The demo's sensitivity analysis: where it is and what it found. */
export interface DemoSensitivity {
  readonly id: string;
  readonly dir: string;
  readonly what: string;
  readonly headline: readonly string[];
  readonly charts: readonly string[];
}

export interface DemoSweep {
  readonly id: string;
  readonly dir: string;
  readonly baseline: string | null;
  readonly charts: readonly string[];
  readonly rows: readonly { task_id: string; policy: string; tokens_per_s: number; tokens_per_s_lo: number; tokens_per_s_hi: number; tokens_per_j: number; speedup: number | null }[];
}

export interface DemoFigure {
  readonly id: string;
  readonly svg: string;
  readonly notes: string;
  readonly rows: readonly { what: string; published: number | null; reproduced: number; ratio: number | null }[];
}

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  // The folder is checked before any work, and marked as a demo output at once (the parts
  // inside it are each written atomically; an interrupted demo leaves a folder a rerun may replace).
  claimOutputDir(opts.outDir, 'demo', { force: opts.force });
  writeTextAtomic(path.join(opts.outDir, OUTPUT_MARKER), markerContent('demo'));
  const list = bundledTraces();
  const traces: DemoResult['traces'][number][] = [];
  const files: string[] = [];
  const loaded = new Map<string, Trace>();
  const examples = sweepExamples();
  // Stages, numbered from 1: each trace, each replay, the figures, each sweep, the summary.
  const total = list.length + DEMO_REPLAYS.length + 1 + examples.length + 1 + 1;
  let stage = 0;
  for (const t of list) {
    opts.onProgress?.(++stage, total, `ingest ${t.id}`);
    const { trace } = await ingestFile(bundledPath(t), t.format, { ...t.options, traceId: t.id, source: t.source });
    const out = path.join(opts.outDir, 'traces', `${t.id}.arrow`);
    await writeTraceFile(out, trace);
    files.push(out);
    loaded.set(t.id, trace);
    traces.push({ ...inspectTrace(trace), file: path.relative(opts.outDir, out), description: t.description });
  }
  const runs: DemoRun[] = [];
  for (const r of DEMO_REPLAYS) {
    opts.onProgress?.(++stage, total, `replay ${r.name}: ${r.policies.join(', ')} on ${r.platform}`);
    const trace = loaded.get(r.trace)!;
    // The first request's NPU / PIM / bus timeline, for the report's occupancy chart.
    const first = utf8(trace.requests, 'request_id').values[0];
    const result = replay({ trace, platform: r.platform, policies: r.policies, sets: r.sets, timeline: first ? [first] : [] });
    const dir = path.join(opts.outDir, 'runs', r.name);
    files.push(...writeRunDir(dir, result, versions()));
    const tables = readRunDir(dir); // once, for the comparison and the charts
    const cmp = compareRunDir(dir, undefined, undefined, tables);
    files.push(...['compare.md', 'compare.csv', 'compare.json'].map((f) => path.join(dir, f)));
    const report = await writeRunReport(dir, cmp, tables);
    files.push(path.join(dir, 'report.html'), ...report.charts.flatMap((c) => ['vl.json', 'svg', 'png'].map((x) => path.join(dir, 'charts', `${c.id}.${x}`))));
    const comparisons = cmp.comparisons.map((c) => ({ policy: c.policy, baseline: c.baseline, metric: c.metric, n: c.n, geomean_ratio: c.geomean_ratio, ci_lo: c.ci.lo, ci_hi: c.ci.hi, favour_policy: c.favour_policy, wilcoxon_p: c.wilcoxon_p }));
    runs.push({ name: r.name, trace: r.trace, platform: r.platform, dir: path.relative(opts.outDir, dir), why: r.why, policies: result.policies.map((p) => p.summary), notes: result.resolved.notes, comparisons });
  }
  opts.onProgress?.(++stage, total, 'figures (reproducing the four papers)');
  const figureResults = await buildFigures(loadRecipes([]), path.join(opts.outDir, 'figures'));
  const figures: DemoFigure[] = figureResults.map((f) => ({ id: f.id, svg: path.relative(opts.outDir, path.join(f.dir, `${f.id}.svg`)), notes: path.relative(opts.outDir, path.join(f.dir, 'notes.md')), rows: f.rows }));
  for (const f of figureResults) files.push(...['data.json', `${f.id}.vl.json`, `${f.id}.svg`, `${f.id}.png`, 'notes.md'].map((x) => path.join(f.dir, x)));
  const sweeps: DemoSweep[] = [];
  for (const file of examples) {
    opts.onProgress?.(++stage, total, `sweep ${path.basename(file, '.json')} (src/sweep/examples)`);
    const dir = path.join(opts.outDir, 'sweeps', path.basename(file, '.json'));
    const s = await runSweepFile(file, { outDir: dir });
    files.push(...['results.arrow', 'results.csv', 'sweep.json'].map((f) => path.join(dir, f)), ...s.charts.flatMap((c) => ['vl.json', 'svg', 'png'].map((x) => path.join(dir, 'charts', `${c.id}.${x}`))));
    sweeps.push({
      id: s.spec.id,
      dir: path.relative(opts.outDir, dir),
      baseline: s.spec.baseline,
      charts: s.charts.map((c) => path.relative(opts.outDir, path.join(dir, 'charts', `${c.id}.svg`))),
      rows: s.rows.map((r) => ({ task_id: r.task_id, policy: r.policy, tokens_per_s: r.tokens_per_s, tokens_per_s_lo: r.tokens_per_s_lo, tokens_per_s_hi: r.tokens_per_s_hi, tokens_per_j: r.tokens_per_j, speedup: r.speedup })),
    });
  }
  // One small sensitivity analysis: LP-Spec's speedup under the three readings of its PIM compute.
  opts.onProgress?.(++stage, total, `sensitivity ${DEMO_SENSITIVITY.id}: ${DEMO_SENSITIVITY.policies.join(' against ')} over ${DEMO_SENSITIVITY.fields.join(', ')}`);
  const sensDir = path.join(opts.outDir, 'sensitivity', DEMO_SENSITIVITY.id);
  const sens = sensitivity({ trace: firstRequests(loaded.get(DEMO_SENSITIVITY.trace)!, DEMO_SENSITIVITY.requests), platform: DEMO_SENSITIVITY.platform, policies: DEMO_SENSITIVITY.policies, fields: [...DEMO_SENSITIVITY.fields], method: 'oat', draws: 1, seed: 1 });
  const sensOut = await writeSensitivity(sensDir, sens, { trace: DEMO_SENSITIVITY.trace, requests: DEMO_SENSITIVITY.requests, platform: DEMO_SENSITIVITY.platform, policies: DEMO_SENSITIVITY.policies, method: 'oat', versions: versions() }, {});
  files.push(...['sensitivity.json', 'oat.csv', 'indices.csv', 'draws.arrow', 'draws.parquet', 'summary.md', 'report.html'].map((f) => path.join(sensDir, f)), ...sensOut.charts.flatMap((c) => ['vl.json', 'svg', 'png'].map((x) => path.join(sensDir, 'charts', `${c.id}.${x}`))));
  const sensitivities: DemoSensitivity[] = [{ id: DEMO_SENSITIVITY.id, dir: path.relative(opts.outDir, sensDir), what: DEMO_SENSITIVITY.what, headline: headlineSentences(sens), charts: sensOut.charts.map((c) => path.relative(opts.outDir, path.join(sensDir, 'charts', `${c.id}.svg`))) }];
  opts.onProgress?.(++stage, total, 'summary');
  const summaryJson = path.join(opts.outDir, 'summary.json');
  const summaryMd = path.join(opts.outDir, 'summary.md');
  writeTextAtomic(summaryJson, JSON.stringify({ traces, runs, figures, sweeps, sensitivities }, null, 2) + '\n');
  writeTextAtomic(summaryMd, summaryMarkdown(traces, runs, figures, sweeps, sensitivities));
  const index = path.join(opts.outDir, 'index.html');
  writeTextAtomic(index, landingHtml(runs, figures, sweeps, sensitivities));
  files.push(summaryJson, summaryMd, index);
  return { outDir: opts.outDir, traces, runs, figures, sweeps, sensitivities, files };
}
