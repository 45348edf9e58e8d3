/** A damaged trace file is one error naming the file and what is wrong: metadata key and field, checksum, truncation. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readTraceFile, toArrowIPC, TraceFileError, writeTraceFile } from '../../src/trace/arrow-io.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { main } from '../../src/cli/main.js';
import { captureIo, fixture, tmpDir } from '../helpers.js';

async function goodFile(dir: string): Promise<string> {
  const { trace } = await ingestFile(fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl'), 'spec-bench', { tree: 'eagle-mc_sim_7b_63' });
  const file = path.join(dir, 'good.arrow');
  await writeTraceFile(file, trace);
  return file;
}

function rewrite(file: string, out: string, edit: (md: Map<string, string>) => void): void {
  const t = arrow.tableFromIPC(fs.readFileSync(file));
  const md = new Map(t.schema.metadata);
  edit(md);
  const schema = new arrow.Schema(t.schema.fields, md);
  fs.writeFileSync(out, arrow.tableToIPC(new arrow.Table(schema, t.batches.map((b) => new arrow.RecordBatch(schema, b.data))), 'file'));
}

describe('damaged trace files', () => {
  it('metadata that is not JSON, or not the schema, names the key and the field', async () => {
    const dir = tmpDir();
    const good = await goodFile(dir);
    const bad = path.join(dir, 'bad.arrow');
    rewrite(good, bad, (md) => md.set('specreplay.meta', '{"trace_id":'));
    expect(() => readTraceFile(bad)).toThrow(/bad\.arrow: schema metadata 'specreplay\.meta': not valid JSON/);
    rewrite(good, bad, (md) => md.set('specreplay.trees', '[{"id":"t","parents":[-1,"x"],"ranks":[0,0]}]'));
    expect(() => readTraceFile(bad)).toThrow(/bad\.arrow: schema metadata 'specreplay\.trees', field '\[0\]\.parents\[1\]': expected a whole number >= -1, got the string "x"/);
    rewrite(good, bad, (md) => md.set('specreplay.acceptance_models', '{"id":1}'));
    expect(() => readTraceFile(bad)).toThrow(/bad\.arrow: schema metadata 'specreplay\.acceptance_models': expected a list, got an object/);
  });

  it('a changed data byte is a checksum error, not other rows; a file without a checksum still reads', async () => {
    const dir = tmpDir();
    const good = await goodFile(dir);
    const bytes = fs.readFileSync(good);
    const trace = readTraceFile(good);
    // The committed_tokens of the first step sits in the data: change every copy of the step table
    // by rewriting a value and re-encoding without refreshing the checksum.
    const edited = { ...trace, steps: { ...trace.steps, columns: { ...trace.steps.columns, committed_tokens: { type: 'int32' as const, values: Int32Array.from((trace.steps.columns['committed_tokens'] as { values: Int32Array }).values, (v, i) => (i === 0 ? v + 1 : v)), valid: null } } } };
    const tampered = arrow.tableFromIPC(toArrowIPC(edited));
    const md = new Map(tampered.schema.metadata);
    md.set('specreplay.checksum', arrow.tableFromIPC(bytes).schema.metadata.get('specreplay.checksum')!);
    const schema = new arrow.Schema(tampered.schema.fields, md);
    const bad = path.join(dir, 'tampered.arrow');
    fs.writeFileSync(bad, arrow.tableToIPC(new arrow.Table(schema, tampered.batches.map((b) => new arrow.RecordBatch(schema, b.data))), 'file'));
    expect(() => readTraceFile(bad)).toThrow(/tampered\.arrow: the content does not match the checksum/);
    const old = path.join(dir, 'old.arrow');
    rewrite(good, old, (m) => m.delete('specreplay.checksum'));
    expect(readTraceFile(old).steps.length).toBe(trace.steps.length);
  });

  it("a flipped byte in a message header is an error, not a hang (apache-arrow's whole-file reader loops for ever on some)", async () => {
    const dir = tmpDir();
    const good = await goodFile(dir);
    const bytes = fs.readFileSync(good);
    const reference = JSON.stringify(readTraceFile(good).meta);
    // Every byte of the first message's prefix and header, and of the footer's tail.
    const offsets = [...Array.from({ length: 120 }, (_, i) => 8 + i), ...Array.from({ length: 60 }, (_, i) => bytes.length - 70 + i)];
    for (const k of offsets) {
      const c = Buffer.from(bytes);
      c[k] = c[k]! ^ 0xff;
      const file = path.join(dir, 'flipped.arrow');
      fs.writeFileSync(file, c);
      try {
        expect(JSON.stringify(readTraceFile(file).meta), `byte ${k}`).toBe(reference); // landed where it changes nothing
      } catch (e) {
        expect(e, `byte ${k}`).toBeInstanceOf(TraceFileError);
      }
    }
  });

  it('a truncated file is a TraceFileError naming the file, through the CLI too', async () => {
    const dir = tmpDir();
    const good = await goodFile(dir);
    const bytes = fs.readFileSync(good);
    for (const n of [10, 100, bytes.length >> 1, bytes.length - 20]) {
      const cut = path.join(dir, 'cut.arrow');
      fs.writeFileSync(cut, bytes.subarray(0, n));
      expect(() => readTraceFile(cut), `${n} bytes`).toThrow(TraceFileError);
      const io = captureIo();
      expect(await main(['inspect', cut], io)).toBe(1);
      expect(io.stderr).toMatch(/^specreplay: .*cut\.arrow: /);
    }
  });
});

describe('terminal output', () => {
  it('control characters in a trace id are printed as escapes, never sent raw', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'x.jsonl');
    const meta = { type: 'meta', schema_version: 1, trace_id: 'evil\u001b[2J\u0007', format: 'canonical-jsonl', committed_includes_bonus: true, notes: [], warnings: [] };
    fs.writeFileSync(file, [JSON.stringify(meta), '{"type":"request","request_id":"q\\u001b[31m/0","output_tokens":1,"num_steps":1}', '{"type":"step","request_id":"q\\u001b[31m/0","step":0,"committed_tokens":1}'].join('\n') + '\n');
    const io = captureIo();
    expect(await main(['inspect', file], io)).toBe(0);
    expect(io.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(io.stdout).toContain('evil\\u001b[2J\\u0007');
    const j = captureIo();
    expect(await main(['inspect', file, '--json'], j)).toBe(0);
    expect(JSON.parse(j.stdout).trace_id).toBe('evil\u001b[2J\u0007'); // JSON output stays valid and exact
  });
});
