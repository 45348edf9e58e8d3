/**
 * The parallel nodes.csv path (worker threads need the compiled dist/: `npm test` builds first)
 * gives exactly the serial path's table, with the same located errors.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromCanonicalCsv } from '../../src/ingest/from-canonical-csv.js';
import { toCanonicalJsonl } from '../../src/trace/to-canonical.js';
import { ROOT, tmpDir } from '../helpers.js';
// @ts-expect-error plain JS module without types
import { generateCanonicalCsv } from '../../bench/generate.js';

const DIST = path.join(ROOT, 'dist', 'ingest', 'csv-parallel.js');
const built = fs.existsSync(DIST);

describe.skipIf(!built)('parallel CSV parsing (compiled workers)', async () => {
  const parallel = built ? await import(DIST) : null;
  const csvMod = built ? await import(path.join(ROOT, 'dist', 'ingest', 'from-canonical-csv.js')) : null;
  const diagMod = built ? await import(path.join(ROOT, 'dist', 'ingest', 'diagnostics.js')) : null;
  const schema = built ? await import(path.join(ROOT, 'dist', 'schema', 'trace-schema.js')) : null;

  const dir = tmpDir();
  const gen = generateCanonicalCsv(dir, { requests: 40, stepsPerRequest: 25, nodesPerStep: 9, seed: 7 });

  /** A nodes file's ranges parsed as canonical CSV does: this thread and a pool thread take them in turn. */
  async function viaPool(file: string, diag: unknown, ranges = 2) {
    const pool = new parallel.RangePool(1);
    try {
      const plan = parallel.planRanges(file, schema.NODE_COLUMNS, 'request_id', diag, () => undefined, ranges);
      return parallel.assembleRanges(plan, await pool.parseShared(plan.inputs));
    } finally {
      pool.close();
    }
  }

  it('splits the file into ranges shared by this thread and a worker and reproduces the serial table exactly', async () => {
    const diag = new diagMod.Diagnostics('nodes.csv');
    const res = await viaPool(gen.nodes, diag, 4);
    expect(res.table.length).toBe(gen.nodeRows);
    const serial = fromCanonicalCsv(fs.readFileSync(gen.steps, 'utf8'), fs.readFileSync(gen.nodes, 'utf8'));
    for (const s of schema.NODE_COLUMNS) {
      expect(Array.from(res.table.columns[s.name].values), s.name).toEqual(Array.from(serial.nodes!.columns[s.name]!.values as ArrayLike<number>));
    }
    expect(Array.from(res.lines.subarray(0, 3))).toEqual([2, 3, 4]);
    expect(res.lines[res.lines.length - 1]).toBe(gen.nodeRows + 1);
  });

  it('the whole loader (parallel above the size threshold) equals the pure serial path', async () => {
    const threshold = parallel.PARALLEL_MIN_BYTES;
    expect(fs.statSync(gen.nodes).size).toBeLessThan(threshold); // small file: serial here
    const viaParallel = await viaPool(gen.nodes, new diagMod.Diagnostics('nodes.csv'), 3);
    const serial = await csvMod.loadCanonicalCsv(gen.steps);
    expect(viaParallel.table.length).toBe(serial.nodes.length);
    expect(toCanonicalJsonl(serial)).toBe(toCanonicalJsonl(fromCanonicalCsv(fs.readFileSync(gen.steps, 'utf8'), fs.readFileSync(gen.nodes, 'utf8'))));
  });

  it('the thread started ahead of the ranges ends when a header fails (the process exits)', () => {
    const sub = path.join(dir, 'bad-header');
    fs.mkdirSync(sub, { recursive: true });
    const steps = fs.readFileSync(gen.steps, 'utf8');
    fs.writeFileSync(path.join(sub, 'steps.csv'), steps.replace('request_id,', 'request_id,bogus_column,').replace(/\n(q\d+\/0),/g, '\n$1,1,'));
    fs.copyFileSync(gen.nodes, path.join(sub, 'nodes.csv'));
    const script = `
      const m = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'ingest', 'from-canonical-csv.js')).href)});
      try {
        await m.loadCanonicalCsvPending(${JSON.stringify(path.join(sub, 'steps.csv'))}, undefined, 0);
        console.log('read');
      } catch (e) {
        console.log('rejected: ' + e.message);
      }`;
    // A thread left waiting would keep the process alive past the timeout. (A file, not -e:
    // threads inherit the process's flags, and --input-type breaks them.)
    const file = path.join(dir, 'header-fails.mjs');
    fs.writeFileSync(file, script);
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    expect(out).toMatch(/^rejected: steps\.csv:1: field 'bogus_column'/);
  });

  it('an error in the second half goes to the serial reader, which names its true line', async () => {
    const text = fs.readFileSync(gen.nodes, 'utf8').split('\n');
    const bad = Math.floor(text.length * 0.8);
    const fields = text[bad]!.split(',');
    fields[4] = 'x'; // depth
    text[bad] = fields.join(',');
    const file = path.join(dir, 'bad-nodes.csv');
    fs.writeFileSync(file, text.join('\n'));
    const diag = new diagMod.Diagnostics('bad-nodes.csv');
    expect(await viaPool(file, diag)).toBeNull();
    expect(() => fromCanonicalCsv(fs.readFileSync(gen.steps, 'utf8'), text.join('\n'), 'steps.csv', { nodes: 'bad-nodes.csv' })).toThrow(
      new RegExp(`bad-nodes\\.csv:${bad + 1}: field 'depth': expected a whole number, got the string "x"`),
    );
  });

  it('steps.csv read by ranges on this thread reports the first error in file order, as csv-parse does', async () => {
    const sub = path.join(dir, 'order');
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, 'steps.csv');
    const header = 'request_id,step,committed_tokens,draft_tokens';
    // request q1/0 comes back at line 4 (not grouped); a bad number follows at line 5
    fs.writeFileSync(file, [header, 'q1/0,0,2,3', 'q2/0,0,1,1', 'q1/0,1,1,3', 'q3/0,0,x,1'].join('\n') + '\n');
    await expect(csvMod.loadCanonicalCsv(file)).rejects.toThrow(/steps\.csv:4: field 'request_id': rows of request 'q1\/0' are not contiguous/);
    // one line too short for the header: csv-parse's record-length error, not a missing field
    fs.writeFileSync(file, [header, 'q1/0,0,2,3', 'q1/0,1'].join('\n') + '\n');
    await expect(csvMod.loadCanonicalCsv(file)).rejects.toThrow(/steps\.csv:3: CSV syntax error: Invalid Record Length: expect 4, got 2 on line 3/);
  });

  it('a NUL tail is cut at the last whole line and warned; blank lines fall back to the serial path', async () => {
    const file = path.join(dir, 'nul-nodes.csv');
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(gen.nodes), Buffer.from('q1/0,3,1,0'), Buffer.alloc(50)]));
    const diag = new diagMod.Diagnostics('nul-nodes.csv');
    const res = await viaPool(file, diag);
    expect(res.table.length).toBe(gen.nodeRows);
    expect(diag.warnings[0]).toMatchObject({ code: 'nul-truncated', line: gen.nodeRows + 2 });
    const blank = path.join(dir, 'blank-nodes.csv');
    fs.writeFileSync(blank, fs.readFileSync(gen.nodes, 'utf8').replace('\n', '\n\n'));
    expect(await viaPool(blank, new diagMod.Diagnostics('b'))).toBeNull();
  });

  it('the loader with its thread pool (nodes ranges, then steps.csv, then validation on a thread) gives the serial trace', async () => {
    const pending = await csvMod.loadCanonicalCsvPending(gen.steps, undefined, 0);
    await pending.validated;
    const serial = fromCanonicalCsv(fs.readFileSync(gen.steps, 'utf8'), fs.readFileSync(gen.nodes, 'utf8'));
    expect(toCanonicalJsonl(pending.trace)).toBe(toCanonicalJsonl(serial));
    expect(pending.trace.meta).toEqual(serial.meta);
  });

  it("a violation found by the validation thread is the serial path's error, and the threads end", async () => {
    // A node of the 3rd step of q5/0 gets a wrong depth: an invariant, not a parse error.
    const sub = path.join(dir, 'invalid');
    fs.mkdirSync(sub, { recursive: true });
    const steps = fs.readFileSync(gen.steps, 'utf8');
    const lines = fs.readFileSync(gen.nodes, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('q5/0,2,3,'));
    const f = lines[at]!.split(',');
    f[4] = '7'; // depth
    lines[at] = f.join(',');
    fs.writeFileSync(path.join(sub, 'steps.csv'), steps);
    fs.writeFileSync(path.join(sub, 'nodes.csv'), lines.join('\n'));
    let serialError = '';
    try {
      fromCanonicalCsv(steps, lines.join('\n'), 'steps.csv', { nodes: 'nodes.csv' });
    } catch (e) {
      serialError = (e as Error).message;
    }
    expect(serialError).toMatch(/^nodes\.csv:\d+: record request q5\/0 step 2 node 3: field 'depth': node 3 has depth 7/);
    const pending = await csvMod.loadCanonicalCsvPending(path.join(sub, 'steps.csv'), undefined, 0);
    await expect(pending.validated).rejects.toThrow(serialError);
    await expect(csvMod.loadCanonicalCsv(path.join(sub, 'steps.csv'))).rejects.toThrow(serialError); // below the threshold: validated here
    // steps.csv with a quoted field: read serially, so its columns are not shared and the trace
    // is validated on this thread (not copied to the worker): the same error.
    const quoted = path.join(sub, 'quoted');
    fs.mkdirSync(quoted);
    fs.writeFileSync(path.join(quoted, 'steps.csv'), steps.replace('\nq0/0,', '\n"q0/0",'));
    fs.copyFileSync(path.join(sub, 'nodes.csv'), path.join(quoted, 'nodes.csv'));
    const viaSerialSteps = await csvMod.loadCanonicalCsvPending(path.join(quoted, 'steps.csv'), undefined, 0);
    await expect(viaSerialSteps.validated).rejects.toThrow(serialError);
    // In a process of its own: a thread left running would keep it alive past the timeout.
    const script = `
      const m = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'ingest', 'from-canonical-csv.js')).href)});
      const p = await m.loadCanonicalCsvPending(${JSON.stringify(path.join(sub, 'steps.csv'))}, undefined, 0);
      await p.validated.then(() => console.log('valid'), (e) => console.log('rejected: ' + e.message));`;
    const file = path.join(dir, 'validate-fails.mjs');
    fs.writeFileSync(file, script);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 })).toBe(`rejected: ${serialError}\n`);
  });

  it('this thread and a pool thread share two files\' ranges; a range taken by a thread that dies fails its file, a closed pool answers as a dead thread', async () => {
    const diag = () => new diagMod.Diagnostics('nodes.csv');
    const plans = () => [
      parallel.planRanges(gen.steps, schema.STEP_COLUMNS, 'request_id', diag(), () => undefined, 1),
      parallel.planRanges(gen.nodes, schema.NODE_COLUMNS, 'request_id', diag(), () => undefined, 6),
    ];
    const [steps, nodes] = plans();
    const pool = new parallel.RangePool(1);
    const outs = await pool.parseShared([...steps.inputs, ...nodes.inputs]);
    pool.close();
    expect(parallel.assembleRanges(steps, outs.slice(0, 1)).table.length).toBe(gen.stepRows);
    const table = parallel.assembleRanges(nodes, outs.slice(1));
    expect(table.table.length).toBe(gen.nodeRows);
    expect(Array.from(table.lines.subarray(0, 3))).toEqual([2, 3, 4]);
    expect(await pool.validate({ trace: null, lines: null, file: 'x', strict: false })).toBe('died');
    // A range taken by a thread that then dies has no output, so its file is read serially:
    // range 0 is taken before the call (the counter starts at 1), and the thread dies on the job.
    const dies = path.join(dir, 'dies-on-claim.mjs');
    fs.writeFileSync(dies, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const [steps2, nodes2] = plans();
    const dying = new parallel.RangePool(1, pathToFileURL(dies));
    const taken = new Int32Array(new SharedArrayBuffer(4));
    taken[0] = 1;
    const outs2: { ok: boolean; code?: string }[] = await dying.parseShared([...steps2.inputs, ...nodes2.inputs], taken);
    dying.close();
    expect(outs2.map((o) => (o.ok ? 'ok' : o.code))).toEqual([parallel.WORKER_DIED, ...nodes2.inputs.map(() => 'ok')]);
    expect(parallel.assembleRanges(steps2, outs2.slice(0, 1))).toBeNull();
    expect(parallel.assembleRanges(nodes2, outs2.slice(1)).table.length).toBe(gen.nodeRows);
  });

  it('on one core the pool has no thread: the calling thread takes every range and validates the trace itself', async () => {
    const pool = new parallel.RangePool(0);
    const stepsPlan = parallel.planRanges(gen.steps, schema.STEP_COLUMNS, 'request_id', new diagMod.Diagnostics('steps.csv'), () => undefined, 1);
    const nodesPlan = parallel.planRanges(gen.nodes, schema.NODE_COLUMNS, 'request_id', new diagMod.Diagnostics('nodes.csv'), () => undefined, 4);
    const outs: { ok: boolean }[] = await pool.parseShared([...stepsPlan.inputs, ...nodesPlan.inputs]);
    expect(outs.every((o) => o.ok)).toBe(true);
    expect(parallel.assembleRanges(nodesPlan, outs.slice(1)).table.length).toBe(gen.nodeRows);
    expect(await pool.validate({ trace: null, lines: null, file: 'x', strict: false })).toBe('died'); // the caller validates
    pool.close();
  });

  it('a worker thread that dies (out of memory, killed) reports it, so the caller does its job', async () => {
    const dies = path.join(dir, 'dies.mjs');
    fs.writeFileSync(dies, 'process.exit(3);\n');
    const crashes = path.join(dir, 'crashes.mjs');
    fs.writeFileSync(crashes, 'throw new Error("boom");\n');
    for (const file of [dies, crashes]) {
      const pool = new parallel.RangePool(1, pathToFileURL(file));
      const plan = parallel.planRanges(gen.nodes, schema.NODE_COLUMNS, 'request_id', new diagMod.Diagnostics('nodes.csv'), () => undefined, 2);
      expect(parallel.assembleRanges(plan, await pool.parseShared(plan.inputs)).table.length, file).toBe(gen.nodeRows);
      expect(await pool.validate({ trace: null, lines: null, file: 'x', strict: false }), file).toBe('died');
      pool.close();
    }
  });
});
