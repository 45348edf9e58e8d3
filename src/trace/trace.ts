/**
 * The in-memory canonical trace: metadata, flat column tables, tree templates and acceptance
 * models. Step, node and oracle tables are grouped by `request_index` in ascending order
 * (every request's rows contiguous), which is what lets them nest under request rows in Arrow.
 */
import { type ColumnSpec, NODE_COLUMNS, ORACLE_COLUMNS, REQUEST_COLUMNS, REQUEST_INDEX, STEP_COLUMNS } from '../schema/trace-schema.js';
import type { AcceptanceModel, TraceMeta, TreeTemplate } from '../schema/trace-schema.js';
import type { ColumnTable } from '../schema/columns.js';

const requestIndex: ColumnSpec = {
  name: REQUEST_INDEX,
  type: 'int32',
  nullable: false,
  doc: 'row of the request in the requests table',
};

export const FLAT_REQUEST_SPECS: readonly ColumnSpec[] = REQUEST_COLUMNS;
export const FLAT_STEP_SPECS: readonly ColumnSpec[] = [requestIndex, ...STEP_COLUMNS];
export const FLAT_NODE_SPECS: readonly ColumnSpec[] = [requestIndex, ...NODE_COLUMNS];
export const FLAT_ORACLE_SPECS: readonly ColumnSpec[] = [requestIndex, ...ORACLE_COLUMNS];

export interface Trace {
  readonly meta: TraceMeta;
  readonly requests: ColumnTable;
  readonly steps: ColumnTable;
  readonly nodes: ColumnTable | null;
  readonly oracle: ColumnTable | null;
  readonly trees: readonly TreeTemplate[];
  readonly acceptanceModels: readonly AcceptanceModel[];
}

/**
 * Row ranges per request of a table grouped by request_index: rows of request r are
 * [start[r], start[r + 1]). Throws if the table is not grouped in ascending request order.
 */
export function requestOffsets(table: ColumnTable, numRequests: number): Int32Array {
  const idx = table.columns[REQUEST_INDEX];
  if (idx === undefined || idx.type !== 'int32') throw new Error('table has no request_index column');
  const out = new Int32Array(numRequests + 1);
  const v = idx.values;
  let prev = 0;
  for (let i = 0; i < table.length; i++) {
    const r = v[i]!;
    if (r < prev || r >= numRequests) throw new Error(`row ${i}: request_index ${r} out of order`);
    out[r + 1]++;
    prev = r;
  }
  for (let r = 0; r < numRequests; r++) out[r + 1] += out[r]!;
  return out;
}
