/** The command line: exit codes, located messages, atomic output, inspect --json vs the source's own fields. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, EXTERNAL, fixture, HAS_EXTERNAL, ROOT, tmpDir } from '../helpers.js';

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, ...io };
}

describe('specreplay ingest', () => {
  it('writes an Arrow trace and reports counts', async () => {
    const out = path.join(tmpDir(), 'eagle.arrow');
    const r = await run('ingest', fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl'), '-o', out, '--tree', 'eagle-mc_sim_7b_63');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 requests, 7 steps, 21 output tokens \(format spec-bench\)/);
    expect(fs.readFileSync(out).subarray(0, 6).toString()).toBe('ARROW1');
  });

  it('bad input: exit 1, one located message, no stack trace, no partial output, the old file intact', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'x.arrow');
    fs.writeFileSync(out, 'previous result');
    const r = await run('ingest', fixture('spec-bench', 'bad-sum-eagle.jsonl'), '-o', out, '--force'); // --force: past the overwrite rule, to the parse error
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^specreplay: bad-sum-eagle\.jsonl:1: record question 81: field 'choices\[0\]\.accept_lengths': turn 0/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous result');
    expect(fs.readdirSync(dir)).toEqual(['x.arrow']);
  });

  it('--strict: a warning becomes exit 1; without it, the warning is printed with its repair', async () => {
    const out = path.join(tmpDir(), 'x.arrow');
    const strict = await run('ingest', fixture('spec-bench', 'nan-wall-time-eagle.jsonl'), '-o', out, '--strict');
    expect(strict.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    const lax = await run('ingest', fixture('spec-bench', 'nan-wall-time-eagle.jsonl'), '-o', out);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toMatch(/warning: nan-wall-time-eagle\.jsonl:1: .*bare NaN .* -> read as null/);
  });

  it('unknown format / missing file / unknown option: exit 1 with a message', async () => {
    const out = path.join(tmpDir(), 'x.arrow');
    expect((await run('ingest', fixture('ahasd-rounds.csv'), '-o', out, '--format', 'nope')).stderr).toMatch(/unknown format 'nope'; formats: auto, canonical-jsonl/);
    expect((await run('ingest', '/no/such/file.jsonl', '-o', out)).code).toBe(1);
    expect((await run('ingest', fixture('ahasd-rounds.csv'), '-o', out, '--bogus')).code).toBe(1);
  });
});

describe('specreplay inspect', () => {
  it('--json reports the same request/step/token counts as the source fields', async () => {
    const file = fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');
    const out = path.join(tmpDir(), 'e.arrow');
    await run('ingest', file, '-o', out);
    const r = await run('inspect', out, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    // Straight from the source's own fields:
    const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const turns = rows.flatMap((o) => o.choices[0].new_tokens as number[]);
    expect(s.requests).toBe(turns.length);
    expect(s.steps).toBe(rows.reduce((a, o) => a + o.choices[0].decoding_steps.reduce((x: number, y: number) => x + y, 0), 0));
    expect(s.output_tokens).toBe(turns.reduce((a, b) => a + b, 0));
    expect(s.committed_tokens).toBe(rows.reduce((a, o) => a + o.choices[0].accept_lengths.reduce((x: number, y: number) => x + y, 0), 0));
  });

  it('the text form shows the histogram, signals and provenance', async () => {
    const r = await run('inspect', fixture('csv', 'steps.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/committed tokens per step: mean 2\.2/);
    expect(r.stdout).toMatch(/signals present: .*per_node_trees.*draft_probabilities/);
  });

  it('per-turn traces report committed_tokens null', async () => {
    const r = await run('inspect', fixture('spec-bench', 'medusa-vicuna-7b-v1.3-temperature-0.0.jsonl'), '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ requests: 2, steps: 0, source_steps: 724, output_tokens: 1825, committed_tokens: null });
  });

  it.skipIf(!HAS_EXTERNAL)('on a real REST file: output_tokens is the sum of new_tokens; committed_tokens the sum of the list', async () => {
    const file = path.join(EXTERNAL, 'rest-mtbench-vicuna7b-v1.5', 'rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    const s = JSON.parse((await run('inspect', file, '--json')).stdout);
    const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(s.output_tokens).toBe(rows.flatMap((o) => o.choices[0].new_tokens).reduce((a: number, b: number) => a + b, 0));
    expect(s.committed_tokens).toBe(rows.flatMap((o) => o.choices[0]['accept_lengths:']).reduce((a: number, b: number) => a + b, 0));
    expect(s.steps).toBe(rows.flatMap((o) => o.choices[0]['accept_lengths:']).length);
  });
});

describe('specreplay list / export', () => {
  it('list formats names every format; list trees the bundled templates', async () => {
    const f = await run('list', 'formats', '--json');
    expect(JSON.parse(f.stdout).map((x: { id: string }) => x.id)).toContain('spec-bench');
    const t = await run('list', 'trees');
    expect(t.stdout).toMatch(/eagle-mc_sim_7b_63\s+25 drafted nodes, depth 5/);
    expect(t.stdout).toMatch(/medusa-mc_sim_7b_63\s+63 drafted nodes, depth 4/);
    expect((await run('list', 'nonsense')).code).toBe(1);
  });

  it('export --to csv then ingest gives the same steps and nodes', async () => {
    const dir = tmpDir();
    expect((await run('export', fixture('csv', 'steps.csv'), '--to', 'csv', '-o', dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'steps.csv'), 'utf8').split('\n')[0]).toBe(
      'request_id,step,context_tokens,draft_tokens,tree_id,accepted_tokens,committed_tokens,draft_entropy_mean,draft_time_ns,verify_time_ns,step_time_ns',
    );
    const a = JSON.parse((await run('inspect', fixture('csv', 'steps.csv'), '--json')).stdout);
    const b = JSON.parse((await run('inspect', path.join(dir, 'steps.csv'), '--json')).stdout);
    expect({ ...b, source: null }).toEqual({ ...a, source: null });
  });
});

describe('package wiring', () => {
  it('package.json names the bin, pins versions, and npm start runs the demo', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin.specreplay).toBe('bin/specreplay.js');
    expect(pkg.scripts.start).toMatch(/specreplay\.js demo/);
    for (const v of Object.values({ ...pkg.dependencies, ...pkg.devDependencies })) expect(v).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
  });
});
