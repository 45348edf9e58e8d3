// The reference for the ingest goal: DuckDB (from npm, @duckdb/node-api) converting the same
// canonical CSV files (steps and nodes) to columnar files (Parquet) on 2 threads, in a fresh
// process, timed from creating the database to the last file written. Prints JSON.
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [stepsPath, nodesPath, outDir] = process.argv.slice(2);
const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
const q = (s) => `'${s.replaceAll("'", "''")}'`;
await c.run(`COPY (SELECT * FROM read_csv(${q(stepsPath)})) TO ${q(path.join(outDir, 'steps.parquet'))} (FORMAT parquet)`);
await c.run(`COPY (SELECT * FROM read_csv(${q(nodesPath)})) TO ${q(path.join(outDir, 'nodes.parquet'))} (FORMAT parquet)`);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ total_ms: t1 - t0 }));
