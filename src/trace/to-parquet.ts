/**
 * A trace as one Parquet file with the Arrow file's layout (a row per request; `steps`, `nodes`
 * and `oracle_committed_tokens` as nested lists), the schema metadata (meta, trees, acceptance
 * models, checksum) inside, and provenance and units as plain key-value metadata.
 */
import * as arrow from '../schema/arrow.js';
import { tableToParquet } from '../schema/parquet.js';
import { SCHEMA_VERSION } from '../schema/trace-schema.js';
import { traceBatches } from './arrow-io.js';
import type { Trace } from './trace.js';

export function traceToParquet(trace: Trace): Uint8Array {
  const table = new arrow.Table([...traceBatches(trace)]);
  return tableToParquet(table, {
    'specreplay.trace_schema_version': String(SCHEMA_VERSION),
    'specreplay.trace_id': trace.meta.trace_id,
    'specreplay.source': JSON.stringify(trace.meta.source),
  });
}
