/**
 * Every public trace in ../shared/traces/external/ ingests (or fails with the located error
 * its defect deserves), and the counts each folder's README states match the ingested tables.
 * Unlicensed sources are read from ../shared only, never copied into the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { IngestError } from '../../src/ingest/diagnostics.js';
import { inspectTrace } from '../../src/inspect/inspect.js';
import { int32, utf8 } from '../../src/schema/columns.js';
import { EXTERNAL, external, HAS_EXTERNAL } from '../helpers.js';

const files = HAS_EXTERNAL
  ? fs.readdirSync(EXTERNAL).flatMap((d) => fs.readdirSync(path.join(EXTERNAL, d)).map((f) => path.join(d, f)))
  : [];

/** Files that hold no trace, and the reason `--format auto` must give. */
const NOT_TRACES: Record<string, RegExp> = {
  'eagle3-perstep-entropy-excerpt/perstep_svip.csv': /not a trace: a per-policy summary table/,
  'sequoia-trees-acceptance/demo-config.json': /not a trace: a Sequoia tree-search configuration/,
  'rest-mtbench-vicuna7b-v1.5/humaneval_rest_test.txt': /cannot tell the format/,
  'rest-mtbench-vicuna7b-v1.5/humaneval_baseline_test.txt': /cannot tell the format/,
};
const isDoc = (f: string) => /(README|FILES)\.(md|json)$/.test(f);

describe.skipIf(!HAS_EXTERNAL)('every external trace file', () => {
  it('the shared folder holds the expected sources', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  for (const f of files.filter((x) => !isDoc(x))) {
    it(`${f}: ingests with --format auto, or fails with a located reason`, async () => {
      const expected = NOT_TRACES[f];
      if (expected) {
        const e = await ingestFile(external(f)).catch((err: unknown) => err);
        expect(e).toBeInstanceOf(IngestError);
        expect((e as Error).message).toMatch(expected);
        expect((e as Error).message.startsWith(path.basename(f))).toBe(true);
        return;
      }
      const { trace } = await ingestFile(external(f));
      const s = inspectTrace(trace);
      expect(s.requests + s.trees.length + s.acceptance_models.length).toBeGreaterThan(0);
    });
  }
});

const ingest = async (f: string, opts = {}) => (await ingestFile(external(f), 'auto', opts)).trace;

describe.skipIf(!HAS_EXTERNAL)('README figures, checked against the ingested tables', () => {
  // specbench-vicuna7b-yukiki/README.md, "Summary statistics"
  it.each([
    ['vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl', 480, 25525, 91342, 3.579, 6, 730.7],
    ['vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl', 480, 36581, 91541, 2.502, 21, 1091.7],
    ['vicuna-7b-v1.3-vanilla-float16-temp-0.0.jsonl', 480, 91878, 91878, 1.0, 1, 1787.8],
  ])('Spec-Bench %s: %i rows, %i steps, %i tokens, mean %f, max %i, %f s', async (file, rows, steps, tokens, mean, max, wall) => {
    const t = await ingest(`specbench-vicuna7b-yukiki/${file}`);
    const s = inspectTrace(t);
    expect(new Set(utf8(t.requests, 'question_id').values).size).toBe(rows);
    expect(s.steps).toBe(steps);
    expect(s.output_tokens).toBe(tokens);
    expect(s.committed_tokens).toBe(tokens); // per-turn sums equal new_tokens
    expect(s.committed_per_step!.mean).toBeCloseTo(mean, 3);
    expect(s.committed_per_step!.max).toBe(max);
    expect(s.wall_time_s).toBeCloseTo(wall, 1);
    expect(t.meta.warnings).toEqual([]);
  });

  it('Spec-Bench EAGLE over its 25-node tree: every step verifies 25 drafted nodes, at most 6 committed', async () => {
    const t = await ingest('specbench-vicuna7b-yukiki/vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl', { tree: 'eagle-mc_sim_7b_63' });
    const d = int32(t.steps, 'draft_tokens').values;
    expect(d.every((x) => x === 25)).toBe(true);
    expect(inspectTrace(t).trees[0]).toMatchObject({ drafted: 25, depth: 5 });
  });

  // rest-mtbench-vicuna7b-v1.5/README.md, "Invariants / quirks"
  it('REST: 80 rows, 20,360 steps, 40,491 tokens, per-turn sum = new_tokens - 1, first step 0 in 92 of 160 turns', async () => {
    const t = await ingest('rest-mtbench-vicuna7b-v1.5/rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    const s = inspectTrace(t);
    expect(t.requests.length).toBe(160);
    expect(s.steps).toBe(20360);
    expect(s.output_tokens).toBe(40491);
    expect(s.committed_tokens).toBe(40491 - 160);
    expect(s.wall_time_s).toBeCloseTo(611, 0);
    const c = int32(t.steps, 'committed_tokens').values;
    const st = int32(t.steps, 'step').values;
    let zeroFirst = 0;
    for (let i = 0; i < c.length; i++) if (st[i] === 0 && c[i] === 0) zeroFirst++;
    expect(zeroFirst).toBe(92);
    expect(Math.max(...c)).toBe(11);
  });

  it('REST baseline: 41,244 steps of one token, per-turn sum = new_tokens, 1,061 s', async () => {
    const t = await ingest('rest-mtbench-vicuna7b-v1.5/baseline-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    const s = inspectTrace(t);
    expect(s.steps).toBe(41244);
    expect(s.committed_tokens).toBe(s.output_tokens);
    expect(s.committed_per_step).toMatchObject({ min: 1, max: 1 });
    expect(s.wall_time_s).toBeCloseTo(1061, 0);
  });

  // medusa-vicuna-7b-mtbench/README.md
  it.each([
    ['medusa-vicuna-7b-v1.3-temperature-0.0-posterior_threshold-0.09-posterior_alpha-0.3.jsonl', 431.9],
    ['medusa-vicuna-7b-v1.3-1-temperature-0.0-posterior_threshold-0.09-posterior_alpha-0.3.jsonl', 426.3],
    ['medusa-vicuna-7b-v1.3-2-temperature-0.0-posterior_threshold-0.09-posterior_alpha-0.3.jsonl', 462.2],
  ])('Medusa %s: 43,754 tokens in 16,898 + 160 steps, %f s', async (file, wall) => {
    const t = await ingest(`medusa-vicuna-7b-mtbench/${file}`);
    const s = inspectTrace(t);
    expect(t.meta.format).toBe('per-turn');
    expect(s.requests).toBe(160);
    expect(s.output_tokens).toBe(43754);
    expect(s.source_steps).toBe(16898 + 160);
    expect(s.steps).toBe(0);
    expect(s.committed_tokens).toBeNull();
    expect(s.wall_time_s).toBeCloseTo(wall, 1);
  });

  it('Medusa head accuracies: 3 runs x 5 heads x top-1..5; 7b head0 top1 0.560, top5 0.780; the failed 33b run warns', async () => {
    const t = await ingest('medusa-vicuna-7b-mtbench/medusa_acc.csv');
    expect(t.acceptanceModels.map((m) => m.id)).toEqual(['medusa-acc-33b', 'medusa-acc-13b', 'medusa-acc-7b']);
    const m7 = t.acceptanceModels[2]!;
    expect(m7.entries).toHaveLength(25);
    const p = (depth: number, rank: number) => m7.entries.find((e) => e.depth === depth && e.rank === rank)!.probability;
    expect(p(1, 1)).toBeCloseTo(0.56, 2);
    expect(p(1, 5)).toBeCloseTo(0.78, 2);
    expect(p(2, 1)).toBeCloseTo(0.316, 3);
    expect(p(3, 1)).toBeCloseTo(0.201, 3);
    expect(p(4, 1)).toBeCloseTo(0.147, 3);
    expect(p(5, 1)).toBeCloseTo(0.118, 3);
    expect(t.meta.warnings.map((w) => [w.code, w.record])).toEqual([['failed-run', '33b']]);
  });

  // specdecode-bench-oracle-llama31-8b/README.md
  it.each([
    ['combined_cnn.jsonl', 'eagle', 96644, 3.16],
    ['combined_cnn.jsonl', 'ngram', null, 2.63],
    ['combined_gsm8k.jsonl', 'eagle', 49612, 3.07],
    ['combined_gsm8k.jsonl', 'ngram', null, 1.46],
  ])('oracle %s %s: 300 requests, %s positions, per-position mean %f', async (file, proposer, positions, mean) => {
    const t = await ingest(`specdecode-bench-oracle-llama31-8b/${file}`, { proposer });
    expect(t.requests.length).toBe(300);
    const c = int32(t.oracle!, 'committed_tokens').values;
    if (positions !== null) expect(c.length).toBe(positions);
    expect(c.reduce((a, b) => a + b, 0) / c.length).toBeCloseTo(mean as number, 2);
    expect(t.meta.method).toBe(proposer === 'eagle' ? 'eagle3' : 'ngram');
  });

  it('oracle: cnn id 149 has 283 acc_eagle entries for 439 generated tokens (a located warning); 856 of 1,200 lists match the output length', async () => {
    let full = 0;
    for (const file of ['combined_cnn.jsonl', 'combined_gsm8k.jsonl']) {
      for (const proposer of ['eagle', 'ngram']) {
        const t = await ingest(`specdecode-bench-oracle-llama31-8b/${file}`, { proposer });
        const out = int32(t.requests, 'output_tokens').values;
        const counts = new Map<number, number>();
        for (const r of int32(t.oracle!, 'request_index').values) counts.set(r, (counts.get(r) ?? 0) + 1);
        for (let r = 0; r < out.length; r++) if (counts.get(r) === out[r]) full++;
        // The README says the other lists are shorter; 167 acc_eagle lists are in fact longer.
        if (file === 'combined_cnn.jsonl' && proposer === 'eagle') {
          const r = utf8(t.requests, 'question_id').values.indexOf('149');
          expect(out[r]).toBe(439);
          expect(counts.get(r)).toBe(283);
          expect(t.meta.warnings.some((w) => w.code === 'oracle-short' && w.record === 'id 149')).toBe(true);
        }
      }
    }
    expect(full).toBe(856);
  });

  it('oracle request 134 (GSM8K, the README example): 103 prompt tokens and 178 generated tokens', async () => {
    const t = await ingest('specdecode-bench-oracle-llama31-8b/combined_gsm8k.jsonl');
    const r = utf8(t.requests, 'question_id').values.indexOf('134');
    expect(int32(t.requests, 'prompt_tokens').values[r]).toBe(103);
    expect(int32(t.requests, 'output_tokens').values[r]).toBe(178);
  });

  // static-tree-choices/README.md
  it('Medusa choices: 9 trees of 63 nodes, depth 4 (33b_stage1: depth 3); EAGLE: 25 nodes, depth 5', async () => {
    const m = inspectTrace(await ingest('static-tree-choices/medusa_choices.json'));
    expect(m.trees).toHaveLength(9);
    for (const t of m.trees) {
      expect(t.drafted).toBe(63);
      expect(t.depth).toBe(t.id === 'medusa-vicuna_33b_stage1' ? 3 : 4);
    }
    const e = inspectTrace(await ingest('static-tree-choices/eagle_choices.json'));
    expect(e.trees).toEqual([{ id: 'eagle-mc_sim_7b_63', nodes: 26, drafted: 25, depth: 5, width_per_depth: [1, 4, 8, 8, 3, 2] }]);
  });

  // sequoia-trees-acceptance/README.md
  it('Sequoia growmaps: 4x4-tree is 4 chains of depth 4; sizes 2..512, depths up to 11', async () => {
    const t = inspectTrace(await ingest('sequoia-trees-acceptance/L40_growmaps__4x4-tree.json'));
    expect(t.trees[0]).toMatchObject({ id: 'sequoia-L40_growmaps__4x4-tree', nodes: 17, depth: 4, width_per_depth: [1, 4, 4, 4, 4] });
    const sizes: number[] = [];
    const depths: number[] = [];
    // The README's "depths up to 11" is of the DP-built growmaps; hand-shaped chains go to 128.
    for (const f of files.filter((x) => x.includes('growmaps__'))) {
      const s = inspectTrace(await ingest(f)).trees[0]!;
      sizes.push(s.nodes);
      if (/growmaps__.*growmaps__/.test(f)) depths.push(s.depth);
    }
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBe(512);
    expect(Math.max(...depths)).toBe(11);
  });

  it('Sequoia acceptance vector: width 32, rank-1 0.634, rank-2 0.108, P(none) 0.0735, sums to ~1', async () => {
    const t = await ingest('sequoia-trees-acceptance/acceptance-rate-vector.json');
    const m = t.acceptanceModels[0]!;
    expect(m.kind).toBe('rank-vector');
    expect(m.entries).toHaveLength(33);
    const p = (rank: number) => m.entries.find((e) => e.rank === rank)!.probability;
    expect(p(1)).toBeCloseTo(0.634, 3);
    expect(p(2)).toBeCloseTo(0.108, 3);
    expect(p(0)).toBeCloseTo(0.0735, 4);
    expect(m.entries.reduce((s, e) => s + e.probability, 0)).toBeCloseTo(1, 3);
  });

  // eagle3-perstep-entropy-excerpt/README.md
  it('EAGLE-3 excerpt: 10 steps of gens[0]; step 0 has 21 entropies for ndraft 7 (signals dropped, warned)', async () => {
    const t = await ingest('eagle3-perstep-entropy-excerpt/eagle3_perstep_llama8b.excerpt.json');
    const s = inspectTrace(t);
    expect(s.requests).toBe(1);
    expect(s.steps).toBe(10);
    expect(int32(t.steps, 'accepted_tokens').values).toEqual(Int32Array.from([0, 0, 0, 2, 0, 1, 0, 0, 0, 0]));
    expect(s.committed_tokens).toBe(13);
    expect(t.meta.target_model).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(t.meta.warnings.map((w) => [w.code, w.field])).toEqual([['signal-length', 'gens[0].steps[0].ent']]);
    expect(t.nodes!.length).toBe(9 * 8); // 9 steps x (root + 7 drafted)
    expect(s.signals).toMatchObject({ draft_entropy: true, margins: true, per_node_accept_flags: true });
  });
});
