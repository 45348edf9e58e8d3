import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specBench } from '../../src/ingest/from-spec-bench.js';
import { IngestError } from '../../src/ingest/diagnostics.js';
import { expectTableEqual, fixture } from '../helpers.js';

const sb = (name: string) => fixture('spec-bench', name);
const load = (name: string, opts = {}) => specBench.load(sb(name), opts);
const text = (name: string) => fs.readFileSync(sb(name), 'utf8');

async function loadError(name: string, opts = {}): Promise<IngestError> {
  const e = await load(name, opts).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(IngestError);
  return e as IngestError;
}

describe('spec-bench', () => {
  it('splits the flat per-step list by decoding_steps into requests per turn', async () => {
    const t = await load('vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');
    expectTableEqual(t.requests, {
      request_id: ['81/0', '81/1', '82/0'],
      output_tokens: [9, 5, 7],
      num_steps: [3, 2, 2],
      category: ['writing', 'writing', 'math'],
      wall_time_s: [0.5, 0.25, 0.4],
      uncounted_tokens: [0, 0, 0],
    });
    expectTableEqual(t.steps, {
      request_index: [0, 0, 0, 1, 1, 2, 2],
      step: [0, 1, 2, 0, 1, 0, 1],
      committed_tokens: [4, 2, 3, 4, 1, 6, 1],
      accepted_tokens: [3, 1, 2, 3, 0, 5, 0],
      draft_tokens: [null, null, null, null, null, null, null],
    });
    expect(t.meta).toMatchObject({ method: 'eagle', target_model: 'vicuna-7b-v1.3', dtype: 'fp16', temperature: 0, warnings: [] });
  });

  it('pure fromText gives the same trace as the streaming loader', async () => {
    const name = 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl';
    const a = specBench.fromText(text(name), sb(name));
    const b = await load(name);
    expect(a).toEqual(b);
  });

  it('--tree names the template every step verified: draft_tokens = its nodes', async () => {
    const t = await load('vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl', { tree: 'eagle-mc_sim_7b_63' });
    expect(t.meta.tree_template_id).toBe('eagle-mc_sim_7b_63');
    expect(t.trees.map((x) => x.id)).toEqual(['eagle-mc_sim_7b_63']);
    expectTableEqual(t.steps, { draft_tokens: [25, 25, 25, 25, 25, 25, 25] });
  });

  it('an unknown --tree is an error listing the known ids', async () => {
    const e = await loadError('vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl', { tree: 'no-such-tree' });
    expect(e.message).toMatch(/unknown tree template 'no-such-tree'.*eagle-mc_sim_7b_63/);
  });

  it('accepting more than the tree is deep is an error naming the step', async () => {
    const e = await loadError('too-deep-eagle.jsonl', { tree: 'eagle-mc_sim_7b_63' });
    expect(e.message).toMatch(/too-deep-eagle\.jsonl:1: record request 81\/0 step 0: field 'accepted_tokens': accepted 6 tokens but tree 'eagle-mc_sim_7b_63' is only 5 deep/);
  });

  it('bare NaN in an optional field: a warning naming line and field; the value is null', async () => {
    const t = await load('nan-wall-time-eagle.jsonl');
    expectTableEqual(t.requests, { wall_time_s: [0.5, null, 0.4] });
    expect(t.meta.warnings).toHaveLength(1);
    expect(t.meta.warnings[0]).toMatchObject({ code: 'nan', line: 1, field: 'choices[0].wall_time[1]', repair: 'read as null (unknown)' });
  });

  it('--strict turns the NaN warning into an error', async () => {
    const e = await loadError('nan-wall-time-eagle.jsonl', { strict: true });
    expect(e.message).toMatch(/nan-wall-time-eagle\.jsonl:1: record question 81: field 'choices\[0\]\.wall_time\[1\]': bare NaN/);
  });

  it('bare NaN where a count is required is an error naming the element', async () => {
    const e = await loadError('nan-accept-eagle.jsonl');
    expect(e.message).toMatch(/nan-accept-eagle\.jsonl:1: record question 81: field 'choices\[0\]\.accept_lengths\[2\]': bare NaN where a number is required/);
  });

  it('a file truncated with NUL bytes keeps the complete records and warns', async () => {
    const t = await load('nul-truncated-eagle.jsonl');
    expect(t.requests.length).toBe(2);
    expect(t.meta.warnings.map((w) => [w.code, w.line])).toEqual([['nul-truncated', 2]]);
    await expect(load('nul-truncated-eagle.jsonl', { strict: true })).rejects.toThrow(/nul-truncated-eagle\.jsonl:2: NUL bytes from column 41: the file was truncated/);
  });

  it('"ERROR" turns become status error without steps; empty runs are skipped', async () => {
    const t = await load('error-turn-eagle.jsonl');
    expectTableEqual(t.requests, { request_id: ['81/0', '81/1'], status: ['ok', 'error'] });
    expect(t.steps.length).toBe(3);
    expect(t.meta.warnings.map((w) => w.code)).toEqual(['error-turn', 'empty-run']);
  });

  it('an empty per-step list with generated tokens: status error and a warning', async () => {
    const t = await load('empty-list-eagle.jsonl');
    expectTableEqual(t.requests, { request_id: ['84/0'], status: ['error'], output_tokens: [9] });
    expect(t.steps.length).toBe(0);
    expect(t.meta.warnings[0]!.code).toBe('empty-steps');
  });

  it('a duplicated question id: first kept, later dropped with a warning', async () => {
    const t = await load('duplicate-id-eagle.jsonl');
    expectTableEqual(t.requests, { request_id: ['81/0', '81/1', '82/0'] });
    expect(t.meta.warnings[0]).toMatchObject({ code: 'duplicate-id', line: 3, field: 'question_id' });
    expect(t.meta.warnings[0]!.message).toContain('first seen on line 1');
  });

  it('a per-turn sum that does not match new_tokens is an error', async () => {
    const e = await loadError('bad-sum-eagle.jsonl');
    expect(e.message).toMatch(/bad-sum-eagle\.jsonl:1: record question 81: field 'choices\[0\]\.accept_lengths': turn 0: per-step committed tokens sum to 8, but new_tokens is 9/);
  });

  it('a mistyped field is an error naming it', async () => {
    const e = await loadError('mistyped-eagle.jsonl');
    expect(e.message).toMatch(/field 'choices\[0\]\.new_tokens\[0\]': expected a whole number, got the string "7"/);
  });

  it('a list length that disagrees with decoding_steps is an error', async () => {
    const e = await loadError('step-count-eagle.jsonl');
    expect(e.message).toMatch(/the per-step list has 2 entries but the turns' step counts add up to 3/);
  });

  it('zero-commit steps are an error outside REST', async () => {
    const e = await loadError('zero-commit-eagle.jsonl');
    expect(e.message).toMatch(/field 'choices\[0\]\.accept_lengths\[1\]': a step commits 0 tokens/);
  });

  it('a model_id naming another model or method than the file: warning, file name wins', async () => {
    const t = await load('vicuna-7b-v1.3-eagle-model-mismatch.jsonl');
    expect(t.meta.method).toBe('eagle');
    expect(t.meta.target_model).toBe('vicuna-7b-v1.3');
    expect(t.meta.warnings[0]).toMatchObject({ code: 'model-id', field: 'model_id' });
  });
});

describe('spec-bench REST variant', () => {
  it('reads "accept_lengths:", idxs + 1 steps, zero-commit steps and the off-by-one sum', async () => {
    const t = await load('rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    expect(t.meta.method).toBe('rest');
    expectTableEqual(t.requests, { request_id: ['81/0', '81/1'], output_tokens: [7, 4], uncounted_tokens: [1, 1], num_steps: [3, 2] });
    expectTableEqual(t.steps, { committed_tokens: [0, 4, 2, 1, 2], accepted_tokens: [0, 3, 1, 0, 1] });
    expect(t.meta.notes.join(' ')).toMatch(/new_tokens - 1/);
  });

  it("REST's baseline file sums to new_tokens (no offset)", async () => {
    const t = await load('baseline-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    expect(t.meta.method).toBe('vanilla');
    expectTableEqual(t.requests, { output_tokens: [3], uncounted_tokens: [0] });
    expectTableEqual(t.steps, { committed_tokens: [1, 1, 1], draft_tokens: [0, 0, 0] });
  });
});
