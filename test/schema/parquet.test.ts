/**
 * Parquet output read back by a second, independent reader: DuckDB (its read_parquet needs no
 * extension), checking counts, types, one aggregate against specreplay's own summary, and the
 * key-value metadata (units, provenance).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { unitOf } from '../../src/schema/parquet.js';
import { captureIo, ROOT, tmpDir } from '../helpers.js';

const SPS = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
  }
}

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  expect(code, io.stderr).toBe(0);
  return io.stdout;
}

describe('Parquet, read by DuckDB', () => {
  it('a run directory written with --format parquet: counts, types, tokens/s against summary.json, units and provenance', async () => {
    const dir = tmpDir();
    const run = path.join(dir, 'run');
    await cli('replay', SPS, '--platform', 'gemv-pim', '--policy', 'ar-npu', '--policy', 'sd-gemv-pim', '--set', 'draft.max_len=3', '--format', 'parquet', '-o', run, '-q');
    expect(fs.readdirSync(run).filter((f) => f.endsWith('.arrow'))).toEqual([]);
    const summary = JSON.parse(fs.readFileSync(path.join(run, 'summary.json'), 'utf8')) as { policies: { policy: string; requests: number; steps: number; tokens_per_s: number }[] };
    const req = path.join(run, 'requests.parquet');
    const counts = await duck(`SELECT policy, count(*) AS n, sum(decoded_tokens) * 1e9 / sum(time_ns) AS tps, sum(steps) AS steps FROM read_parquet('${req}') GROUP BY policy ORDER BY policy`);
    for (const p of summary.policies) {
      const row = counts.find((r) => r['policy'] === p.policy)!;
      expect(Number(row['n'])).toBe(p.requests);
      expect(Number(row['steps'])).toBe(p.steps);
      expect(Number(row['tps']) / p.tokens_per_s).toBeCloseTo(1, 12);
    }
    const stepRows = await duck(`SELECT count(*) AS n FROM read_parquet('${path.join(run, 'steps.parquet')}')`);
    expect(Number(stepRows[0]!['n'])).toBe(summary.policies.reduce((s, p) => s + p.steps, 0));
    const types = Object.fromEntries((await duck(`DESCRIBE SELECT * FROM read_parquet('${req}')`)).map((r) => [r['column_name'], r['column_type']]));
    expect(types).toMatchObject({ policy: 'VARCHAR', request_id: 'VARCHAR', steps: 'INTEGER', time_ns: 'DOUBLE', energy_pj: 'DOUBLE' });
    const kv = Object.fromEntries((await duck(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${req}')`)).map((r) => [r['k'], r['v']]));
    expect(JSON.parse(kv['specreplay.units'] as string)).toMatchObject({ time_ns: 'ns', energy_pj: 'pJ', tokens_per_s: 'tokens/s', output_tokens: 'tokens' });
    expect(kv['specreplay.platform']).toBe('gemv-pim');
    expect(kv['specreplay.seed']).toBe('1');
    expect(JSON.parse(kv['specreplay.trace'] as string)).toMatchObject({ trace_id: 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0' });
    // specreplay's own commands read the Parquet run too.
    expect(await cli('compare', run)).toMatch(/sd-gemv-pim\s+ar-npu\s+tokens_per_s\s+560/);
  });

  it('export --to parquet: the trace with its nested steps, counts equal to inspect', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 't.parquet');
    await cli('export', SPS, '--to', 'parquet', '-o', out);
    const summary = JSON.parse(await cli('inspect', SPS, '--json')) as { requests: number; steps: number; output_tokens: number };
    const r = await duck(`SELECT count(*) AS n, sum(len(steps)) AS steps, sum(output_tokens) AS tokens FROM read_parquet('${out}')`);
    expect(Number(r[0]!['n'])).toBe(summary.requests);
    expect(Number(r[0]!['steps'])).toBe(summary.steps);
    expect(Number(r[0]!['tokens'])).toBe(summary.output_tokens);
    const kv = Object.fromEntries((await duck(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${out}')`)).map((x) => [x['k'], x['v']]));
    expect(kv['specreplay.trace_id']).toBe('vicuna-7b-v1.3-sps-68m-float16-temp-0.0');
    expect(JSON.parse(kv['specreplay.units'] as string)).toMatchObject({ output_tokens: 'tokens', 'steps.committed_tokens': 'tokens', 'steps.step_time_ns': 'ns', wall_time_s: 's' });
    expect(kv['specreplay.meta']).toContain('"trace_id"');
  });

  it('units come from the column names', () => {
    expect([unitOf('time_ns'), unitOf('wall_time_s'), unitOf('energy_pj'), unitOf('tokens_per_j'), unitOf('committed_tokens'), unitOf('policy')]).toEqual(['ns', 's', 'pJ', 'tokens/J', 'tokens', null]);
  });
});
