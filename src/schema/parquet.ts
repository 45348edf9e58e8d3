/**
 * Parquet files for tools that read Parquet rather than Arrow IPC (DuckDB's read_parquet needs
 * no extension; pandas, polars): written by parquet-wasm (arrow-rs compiled to WebAssembly)
 * from the same Arrow tables, ZSTD-compressed. The Arrow schema metadata travels inside (arrow-rs
 * stores it), and the provenance and units are also written as plain Parquet key-value metadata,
 * which every Parquet reader shows.
 */
import { createRequire } from 'node:module';
import * as arrow from './arrow.js';

// parquet-wasm compiles its WebAssembly when loaded (30-60 ms): loaded on the first Parquet
// file, not by every command that imports this module (its node build is CommonJS).
type ParquetWasm = typeof import('parquet-wasm/node');
let loaded: ParquetWasm | undefined;
const parquetWasm = (): ParquetWasm => (loaded ??= createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasm);

/** The unit of a column from its name (units live in the names: README "The canonical trace"). */
export function unitOf(column: string): string | null {
  if (column === 'tokens_per_s') return 'tokens/s';
  if (column === 'tokens_per_j') return 'tokens/J';
  const rules: [RegExp, string][] = [
    [/_ns$/, 'ns'],
    [/_s$/, 's'],
    [/_pj$/, 'pJ'],
    [/_j$/, 'J'],
    [/_w$/, 'W'],
    [/_bytes$/, 'bytes'],
    [/(^|_)tokens$/, 'tokens'],
  ];
  for (const [re, unit] of rules) if (re.test(column)) return unit;
  return null;
}

/** `{column: unit}` for the columns (nested struct fields as `list.field`) that have one. */
export function unitsOf(schema: arrow.Schema): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (f: arrow.Field, prefix: string) => {
    const name = prefix === '' ? f.name : f.name === 'item' ? prefix : `${prefix}.${f.name}`;
    const u = unitOf(f.name);
    if (u !== null) out[name] = u;
    // A list's item and a struct's fields are named under the column (`steps.context_tokens`).
    for (const c of (f.type.children ?? []) as arrow.Field[]) walk(c, name);
  };
  for (const f of schema.fields) walk(f, '');
  return out;
}

/** Parquet bytes of an Arrow table; `metadata` joins the schema's own as key-value metadata. */
export function tableToParquet(table: arrow.Table, metadata: Readonly<Record<string, string>>): Uint8Array {
  const kv = new Map<string, string>(table.schema.metadata);
  kv.set('specreplay.units', JSON.stringify(unitsOf(table.schema)));
  for (const [k, v] of Object.entries(metadata)) kv.set(k, v);
  const pq = parquetWasm();
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.ZSTD).setKeyValueMetadata(kv).setCreatedBy('specreplay (parquet-wasm 0.8.0)').build();
  return pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
}

/** An Arrow table from Parquet bytes (its key-value metadata as the schema metadata). */
export function parquetToTable(bytes: Uint8Array): arrow.Table {
  return arrow.tableFromIPC(parquetWasm().readParquet(bytes).intoIPCStream());
}
