/**
 * Canonical text forms of a trace: JSONL (every table and the metadata) and the CSV pair
 * (steps.csv, nodes.csv). Numbers are written in JavaScript's shortest round-trip form, so
 * text -> Arrow -> text is lossless.
 */
import { cell, type ColumnTable } from '../schema/columns.js';
import { NODE_COLUMNS, REQUEST_COLUMNS, STEP_COLUMNS } from '../schema/trace-schema.js';
import { requestOffsets, type Trace } from './trace.js';
import { csvField } from '../util/csv-text.js';

/** steps.csv and nodes.csv (null when the trace has no per-node trees). */
export function toCanonicalCsv(trace: Trace): { steps: string; nodes: string | null } {
  const ids = trace.requests.columns['request_id']!.values as (string | null)[];
  const table = (t: ColumnTable, names: readonly string[]): string => {
    const ri = t.columns['request_index']!.values as Int32Array;
    const cols = names.map((n) => t.columns[n]!);
    const lines = [['request_id', ...names].join(',')];
    for (let i = 0; i < t.length; i++) {
      let line = csvField(ids[ri[i]!]!);
      for (const c of cols) line += ',' + csvField(cell(c, i));
      lines.push(line);
    }
    return lines.join('\n') + '\n';
  };
  return {
    steps: table(trace.steps, STEP_COLUMNS.map((s) => s.name)),
    nodes: trace.nodes === null ? null : table(trace.nodes, NODE_COLUMNS.map((s) => s.name)),
  };
}

/** The trace as canonical JSONL lines (one record per line, newline-terminated). */
export function* canonicalJsonlLines(trace: Trace): Generator<string> {
  yield JSON.stringify({ type: 'meta', ...trace.meta });
  for (const t of trace.trees) yield JSON.stringify({ type: 'tree', ...t });
  for (const m of trace.acceptanceModels) yield JSON.stringify({ type: 'acceptance_model', ...m });
  const n = trace.requests.length;
  const stepOff = requestOffsets(trace.steps, n);
  const nodeOff = trace.nodes ? requestOffsets(trace.nodes, n) : null;
  const oracleOff = trace.oracle ? requestOffsets(trace.oracle, n) : null;
  const stepNames = STEP_COLUMNS.map((s) => s.name);
  const nodeNames = NODE_COLUMNS.filter((s) => s.name !== 'step').map((s) => s.name);
  const nodeStep = trace.nodes ? (trace.nodes.columns['step']!.values as Int32Array) : null;
  for (let r = 0; r < n; r++) {
    const req: Record<string, unknown> = { type: 'request' };
    for (const s of REQUEST_COLUMNS) req[s.name] = cell(trace.requests.columns[s.name]!, r);
    yield JSON.stringify(req);
    const id = req['request_id'];
    let k = nodeOff ? nodeOff[r]! : 0;
    for (let i = stepOff[r]!; i < stepOff[r + 1]!; i++) {
      const step: Record<string, unknown> = { type: 'step', request_id: id };
      for (const name of stepNames) step[name] = cell(trace.steps.columns[name]!, i);
      if (nodeOff && nodeStep) {
        const s = step['step'] as number;
        const nodes: Record<string, unknown>[] = [];
        while (k < nodeOff[r + 1]! && nodeStep[k] === s) {
          const node: Record<string, unknown> = {};
          for (const name of nodeNames) node[name] = cell(trace.nodes!.columns[name]!, k);
          nodes.push(node);
          k++;
        }
        if (nodes.length > 0) step['nodes'] = nodes;
      }
      yield JSON.stringify(step);
    }
    if (oracleOff && oracleOff[r + 1]! > oracleOff[r]!) {
      const c = trace.oracle!.columns['committed_tokens']!.values as Int32Array;
      yield JSON.stringify({ type: 'oracle', request_id: id, committed_tokens: Array.from(c.subarray(oracleOff[r]!, oracleOff[r + 1]!)) });
    }
  }
}

export function toCanonicalJsonl(trace: Trace): string {
  let out = '';
  for (const line of canonicalJsonlLines(trace)) out += line + '\n';
  return out;
}
