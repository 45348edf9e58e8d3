/** Test helpers: paths to fixtures and shared traces, trace builders, table comparison. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import { cell, type ColumnTable } from '../src/schema/columns.js';
import { makeMeta, TraceBuilder, type NodeRow, type RequestRow, type StepRow } from '../src/ingest/trace-builder.js';
import type { Trace } from '../src/trace/trace.js';
import type { TreeTemplate } from '../src/schema/trace-schema.js';
import type { Io } from '../src/cli/io.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** Public traces beside the checkout (never copied into the repository when unlicensed). */
export const EXTERNAL = path.resolve(ROOT, '..', 'shared', 'traces', 'external');
export const HAS_EXTERNAL = fs.existsSync(EXTERNAL);

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}
export function external(...parts: string[]): string {
  return path.join(EXTERNAL, ...parts);
}

const made: string[] = [];

/** A fresh temporary folder, removed after the test file (see test/setup.ts). */
export function tmpDir(prefix = 'specreplay-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTmpDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Asserts a column table's columns equal the given arrays (Arquero's table-equal). */
export function expectTableEqual(table: ColumnTable, expected: Record<string, unknown[]>): void {
  for (const [name, values] of Object.entries(expected)) {
    const col = table.columns[name];
    expect(col, `column ${name}`).toBeDefined();
    const got = Array.from({ length: table.length }, (_, i) => cell(col!, i));
    expect(got, `column ${name}`).toEqual(values);
  }
}

export interface TraceSpec {
  requests: (RequestRow & { steps?: StepRow[]; nodes?: NodeRow[]; oracle?: number[] })[];
  method?: string;
  target?: string;
  draft?: string;
  tree?: TreeTemplate;
}

/** Builds a trace from plain objects (no validation). */
export function makeTrace(spec: TraceSpec): Trace {
  const b = new TraceBuilder();
  for (const r of spec.requests) {
    const i = b.addRequest(r);
    for (const s of r.steps ?? []) b.addStep(i, s);
    for (const n of r.nodes ?? []) b.addNode(i, n);
    if (r.oracle) b.addOracle(i, r.oracle);
  }
  if (spec.tree) b.trees.push(spec.tree);
  return b.finish(makeMeta({ trace_id: 'test', format: 'test', method: spec.method ?? null, target_model: spec.target ?? null, draft_model: spec.draft ?? null, tree_template_id: spec.tree?.id ?? null })).trace;
}

/** A CLI io that captures output. */
export function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    interactive: false,
    out(s: string) {
      io.stdout += s;
    },
    err(s: string) {
      io.stderr += s;
    },
  };
  return io;
}
