/**
 * The first N requests of a trace (steps, nodes and oracle rows are grouped by request in
 * ascending order, so this is a slice of every table): a quick analysis on part of a trace.
 */
import type { Column, ColumnTable } from '../schema/columns.js';
import { requestOffsets, type Trace } from './trace.js';

function slice(t: ColumnTable, end: number): ColumnTable {
  const columns: Record<string, Column> = {};
  for (const [name, c] of Object.entries(t.columns)) {
    columns[name] = c.type === 'utf8' ? { type: 'utf8', values: c.values.slice(0, end) } : c.type === 'bool' ? { type: 'bool', values: c.values.subarray(0, end) } : ({ type: c.type, values: c.values.subarray(0, end), valid: c.valid === null ? null : c.valid.subarray(0, end) } as Column);
  }
  return { length: end, specs: t.specs, columns };
}

export function firstRequests(trace: Trace, n: number): Trace {
  const total = trace.requests.length;
  if (n >= total) return trace;
  const upTo = (t: ColumnTable | null) => (t === null ? null : slice(t, requestOffsets(t, total)[n]!));
  return { ...trace, requests: slice(trace.requests, n), steps: upTo(trace.steps)!, nodes: upTo(trace.nodes), oracle: upTo(trace.oracle) };
}
