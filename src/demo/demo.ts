/**
 * The main job on the bundled traces (`specreplay demo`): ingest every bundled trace into
 * `<out>/traces/<id>.arrow` and write an inspection summary (`summary.json`, `summary.md`).
 * Later stages (replay, compare, report, figures) extend it as they land.
 */
import * as path from 'node:path';
import { ingestFile } from '../ingest/ingest.js';
import { inspectTrace, type TraceSummary } from '../inspect/inspect.js';
import { writeTraceFile } from '../trace/arrow-io.js';
import { writeTextAtomic } from '../util/atomic-write.js';
import { bundledPath, bundledTraces } from './bundled.js';
import { summaryMarkdown } from './summary-markdown.js';

export interface DemoOptions {
  readonly outDir: string;
  readonly onProgress?: (done: number, total: number, what: string) => void;
}

export interface DemoResult {
  readonly outDir: string;
  readonly traces: readonly (TraceSummary & { readonly file: string; readonly description: string })[];
  readonly files: readonly string[];
}

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const list = bundledTraces();
  const traces: DemoResult['traces'][number][] = [];
  const files: string[] = [];
  for (const [i, t] of list.entries()) {
    opts.onProgress?.(i, list.length, `ingest ${t.id}`);
    const { trace } = await ingestFile(bundledPath(t), t.format, { ...t.options, traceId: t.id, source: t.source });
    const out = path.join(opts.outDir, 'traces', `${t.id}.arrow`);
    await writeTraceFile(out, trace);
    files.push(out);
    traces.push({ ...inspectTrace(trace), file: path.relative(opts.outDir, out), description: t.description });
  }
  opts.onProgress?.(list.length, list.length, 'summary');
  const summaryJson = path.join(opts.outDir, 'summary.json');
  const summaryMd = path.join(opts.outDir, 'summary.md');
  writeTextAtomic(summaryJson, JSON.stringify({ traces }, null, 2) + '\n');
  writeTextAtomic(summaryMd, summaryMarkdown(traces));
  files.push(summaryJson, summaryMd);
  return { outDir: opts.outDir, traces, files };
}
