/**
 * specreplay sweep on the bundled SpS Spec-Bench trace: the results table, intervals and
 * ratios, charts, the same bytes on one thread or two (the pool needs the compiled dist/:
 * `npm test` builds first), run directories on request, and errors that name the task with
 * nothing written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runSweepFile } from '../../src/sweep/sweep.js';
import { UserError } from '../../src/config/user-error.js';
import { compileChart, renderSvg } from '../../src/report/render.js';
import { sweepCharts } from '../../src/sweep/sweep.js';
import { Ajv } from 'ajv';
import { captureIo, ROOT, tmpDir } from '../helpers.js';

const validate = new Ajv({ allErrors: true, strict: false, logger: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8')));

const SPS = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
const DIST = path.join(ROOT, 'dist', 'sweep', 'sweep.js');
const built = fs.existsSync(DIST);

function sweepFile(o: object): string {
  const dir = tmpDir();
  const file = path.join(dir, 'sweep.json');
  fs.writeFileSync(file, JSON.stringify({ id: 'test', trace: path.relative(dir, SPS), platforms: ['mobile-npu-lpddr5'], policies: ['ar-npu', 'sd-npu'], baseline: 'ar-npu', grid: { 'draft.max_len': [2, 4] }, ...o }));
  return file;
}

const FILES = ['results.arrow', 'results.csv', 'sweep.json', 'charts/sweep-tokens-per-s.svg', 'charts/sweep-tokens-per-j.svg', 'charts/sweep-speedup.svg', 'charts/sweep-speedup.vl.json'];

describe('specreplay sweep', () => {
  const file = sweepFile({});

  it('a row per task and policy: the knob as a numeric column, rates inside their 95% intervals, ratios to the baseline', async () => {
    const out = path.join(tmpDir(), 'sw');
    const r = await runSweepFile(file, { outDir: out, workers: 1 });
    expect(r.rows.map((x) => [x.task_id, x.policy])).toEqual([
      ['mobile-npu-lpddr5,draft.max_len=2', 'ar-npu'],
      ['mobile-npu-lpddr5,draft.max_len=2', 'sd-npu'],
      ['mobile-npu-lpddr5,draft.max_len=4', 'ar-npu'],
      ['mobile-npu-lpddr5,draft.max_len=4', 'sd-npu'],
    ]);
    for (const x of r.rows) {
      expect(x.tokens_per_s_lo).toBeLessThan(x.tokens_per_s);
      expect(x.tokens_per_s_hi).toBeGreaterThan(x.tokens_per_s);
      expect(x.tokens_per_j_lo).toBeLessThan(x.tokens_per_j);
      expect(x.decoded_tokens).toBe(91541);
    }
    const [ar2, sd2, ar4, sd4] = r.rows;
    expect(ar2!.speedup).toBe(1);
    expect(ar4!.tokens_per_s).toBe(ar2!.tokens_per_s); // the knob does not touch autoregressive decoding
    expect(sd2!.speedup).toBeCloseTo(sd2!.tokens_per_s / ar2!.tokens_per_s, 12);
    expect(sd4!.steps).toBeLessThan(sd2!.steps); // longer chains, fewer verifications
    const t = tableFromIPC(fs.readFileSync(path.join(out, 'results.arrow')));
    expect(t.numRows).toBe(4);
    expect(Array.from(t.getChild('draft_max_len')!.toArray())).toEqual([2, 2, 4, 4]);
    expect(t.schema.fields.map((f) => f.name).slice(0, 5)).toEqual(['task', 'task_id', 'platform', 'draft_max_len', 'policy']);
    const csv = fs.readFileSync(path.join(out, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^task,task_id,platform,draft_max_len,policy,requests,steps,decoded_tokens,/);
    const resolved = JSON.parse(fs.readFileSync(path.join(out, 'sweep.json'), 'utf8'));
    expect(resolved).toMatchObject({ id: 'test', trace_file: path.basename(SPS), baseline: 'ar-npu', grid: { 'draft.max_len': [2, 4] } });
    expect(resolved.tasks).toHaveLength(2);
    expect(JSON.stringify(resolved)).not.toContain(ROOT); // no machine paths in results
    for (const f of FILES) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
  });

  it('charts: lines against a single numeric knob, bars per task otherwise, box plots for more than 60 tasks; both compile without warnings and validate against the Vega-Lite schema', async () => {
    const out = path.join(tmpDir(), 'sw');
    const r = await runSweepFile(file, { outDir: out, workers: 1 });
    const lines = sweepCharts(r.spec, r.rows);
    expect(lines.map((c) => c.id)).toEqual(['sweep-tokens-per-s', 'sweep-tokens-per-j', 'sweep-speedup']);
    expect(JSON.stringify(lines[0]!.spec)).toContain('"title":"draft.max_len"');
    const bars = sweepCharts({ ...r.spec, grid: [...r.spec.grid, { key: 'seed', values: [1] }] }, r.rows);
    expect(JSON.stringify(bars[0]!.spec)).toContain('"field":"task_id"');
    // A design space (more tasks than bars can show): box plots over the other knobs against the first knob, and the SVG stays small.
    const many = Array.from({ length: 70 }, (_, i) => r.rows.map((row) => ({ ...row, task: i, task_id: `t${i}`, knobs: { ...row.knobs, seed: i } }))).flat();
    const boxes = sweepCharts({ ...r.spec, grid: [...r.spec.grid, { key: 'seed', values: Array.from({ length: 70 }, (_, i) => i) }] }, many);
    expect(JSON.stringify(boxes[0]!.spec)).toContain('"type":"boxplot"');
    expect((await renderSvg(boxes[0]!)).svg.length).toBeLessThan(2_000_000);
    for (const c of [...lines, ...bars, ...boxes]) {
      expect((await compileChart(c)).warnings, c.id).toEqual([]);
      expect(validate(c.spec), `${c.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it.skipIf(!built)('two pool threads write the same bytes as one', async () => {
    const mod = await import(DIST);
    const one = path.join(tmpDir(), 'one');
    const two = path.join(tmpDir(), 'two');
    await mod.runSweepFile(file, { outDir: one, workers: 1 });
    const r = await mod.runSweepFile(file, { outDir: two, workers: 2 });
    expect(r.workers).toBe(2);
    for (const f of FILES) expect(fs.readFileSync(path.join(two, f)).equals(fs.readFileSync(path.join(one, f))), f).toBe(true);
  });

  it('--runs keeps each task\'s run directory, which compare reads', async () => {
    const out = path.join(tmpDir(), 'sw');
    const io = captureIo();
    expect(await main(['sweep', file, '-o', out, '--workers', '1', '--runs'], io), io.stderr).toBe(0);
    expect(io.stdout).toMatch(/mobile-npu-lpddr5,draft\.max_len=4\s+sd-npu\s+\d+\.\d+ \[\d+\.\d+, \d+\.\d+\]/);
    expect(io.stdout).toContain('2 tasks on 1 thread');
    const run = path.join(out, 'runs', '001_mobile-npu-lpddr5_draft.max_len=4');
    for (const f of ['config.json', 'steps.arrow', 'requests.arrow', 'summary.json']) expect(fs.existsSync(path.join(run, f)), f).toBe(true);
    const cmp = captureIo();
    expect(await main(['compare', run, '--json'], cmp), cmp.stderr).toBe(0);
    expect(JSON.parse(cmp.stdout).comparisons[0]).toMatchObject({ policy: 'sd-npu', baseline: 'ar-npu' });
  });

  it('a bad override fails before any replay, naming the file and the task; the previous output stays', async () => {
    const out = path.join(tmpDir(), 'sw');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'previous');
    const bad = sweepFile({ grid: { 'draft.max_len': [2, 0] } });
    await expect(runSweepFile(bad, { outDir: out, workers: 1 })).rejects.toThrow(UserError);
    await expect(runSweepFile(bad, { outDir: out, workers: 1 })).rejects.toThrow(/sweep\.json: task mobile-npu-lpddr5,draft\.max_len=0: field 'draft\.max_len': expected a whole number in \[1, 256\]/);
    await expect(runSweepFile(sweepFile({ trace: 'nope.jsonl' }), { outDir: out })).rejects.toThrow(/field 'trace': no trace file at .*nope\.jsonl/);
    await expect(runSweepFile(sweepFile({ policies: ['ar-npu', 'sd-npu', 'warp'] }), { outDir: out })).rejects.toThrow(/field 'policies': unknown policy 'warp'/);
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });

  it.skipIf(!built)('a task that fails inside a pool thread is a user error naming the task; nothing half-written', async () => {
    const mod = await import(DIST);
    const out = path.join(tmpDir(), 'sw');
    const bad = sweepFile({ policies: ['ar-npu', 'sd-gemv-pim'], baseline: 'ar-npu' });
    const err = await mod.runSweepFile(bad, { outDir: out, workers: 2 }).catch((e: Error) => e);
    expect(err.name).toBe('UserError');
    expect(err.message).toMatch(/task mobile-npu-lpddr5,draft\.max_len=\d: sd-gemv-pim needs a platform with PIM/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  it('the CLI refuses a bad --workers and a missing sweep file with exit code 1', async () => {
    const io = captureIo();
    expect(await main(['sweep', file, '-o', path.join(tmpDir(), 'x'), '--workers', '0'], io)).toBe(1);
    expect(io.stderr).toContain("--workers must be a whole number >= 1, got '0'");
    const io2 = captureIo();
    expect(await main(['sweep', 'missing.json', '-o', path.join(tmpDir(), 'x')], io2)).toBe(1);
    expect(io2.stderr).toContain('missing.json: no such sweep file');
  });
});

describe('work bounded before it starts', () => {
  it('a grid past the task limit is refused before any task is built', async () => {
    const { expandTasks, MAX_SWEEP_TASKS } = await import('../../src/sweep/spec.js');
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const spec = { id: 'big', trace: 'x', tree: null, platforms: ['gemv-pim'], policies: ['ar-npu'], baseline: null, sets: [], grid: ['a', 'b', 'c', 'd'].map((key) => ({ key, values })) };
    expect(() => expandTasks(spec as never)).toThrow(new RegExp(`expands to 100,000,000 tasks .* over the limit of ${MAX_SWEEP_TASKS.toLocaleString('en-US')}`));
  });
});
