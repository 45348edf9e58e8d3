import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ahasdRounds } from '../../src/ingest/from-ahasd-rounds.js';
import { canonicalJsonl } from '../../src/ingest/from-canonical-jsonl.js';
import { eagle3PerStep } from '../../src/ingest/from-eagle3-perstep.js';
import { perTurn } from '../../src/ingest/from-per-turn.js';
import { sequoiaAcceptance, sequoiaGrowmap } from '../../src/ingest/from-sequoia.js';
import { specDecodeOracle } from '../../src/ingest/from-specdecode-oracle.js';
import { treeChoices } from '../../src/ingest/from-tree-choices.js';
import { medusaAcc } from '../../src/ingest/from-medusa-acc.js';
import { sniffFormat } from '../../src/ingest/formats.js';
import { expectTableEqual, fixture } from '../helpers.js';

describe('ahasd-rounds', () => {
  const text = fs.readFileSync(fixture('ahasd-rounds.csv'), 'utf8');
  it('rounds become steps: committed = accepted + 1, entropy per step', () => {
    const t = ahasdRounds.fromText(text, 'rounds.csv');
    expectTableEqual(t.steps, { step: [0, 1, 2, 3], draft_tokens: [4, 4, 5, 3], accepted_tokens: [4, 2, 0, 3], committed_tokens: [5, 3, 1, 4], draft_entropy_mean: [2.61, 2.8, 3.1, 4.02] });
    expectTableEqual(t.requests, { output_tokens: [13], num_steps: [4] });
  });
  it('accepted > drafted and skipped rounds are located errors', () => {
    expect(() => ahasdRounds.fromText(text.replace('1,4,2.80,2', '1,4,2.80,5'), 'r.csv')).toThrow(/r\.csv:3: field 'accepted_length': accepted 5 > drafted 4/);
    expect(() => ahasdRounds.fromText(text.replace('2,5,3.10,0', '7,5,3.10,0'), 'r.csv')).toThrow(/r\.csv:4: field 'round': .*step 7 where step 2 was expected/);
    expect(() => ahasdRounds.fromText('round,draft_length\n0,4\n', 'r.csv')).toThrow(/r\.csv:1: field 'accepted_length': missing required column/);
  });
  it('loads from a file the same as from text', async () => {
    expect(await ahasdRounds.load(fixture('ahasd-rounds.csv'))).toEqual(ahasdRounds.fromText(text, fixture('ahasd-rounds.csv')));
  });
});

describe('per-turn answer files', () => {
  it('turn summaries: num_steps = idxs + 1, no step rows', async () => {
    const t = await perTurn.load(fixture('spec-bench', 'medusa-vicuna-7b-v1.3-temperature-0.0.jsonl'), { tree: 'medusa-mc_sim_7b_63' });
    expectTableEqual(t.requests, { request_id: ['81/0', '81/1'], num_steps: [374, 350], output_tokens: [908, 917], wall_time_s: [9.3, 8.8] });
    expect(t.steps.length).toBe(0);
    expect(t.meta).toMatchObject({ method: 'medusa', tree_template_id: 'medusa-mc_sim_7b_63' });
  });
});

describe('tree choices', () => {
  it('paths become a template in Medusa order; the root is node 0', () => {
    const t = treeChoices.fromText('{"tiny": [[1], [0], [0, 0], [0, 1], [1, 0]]}', 'eagle_choices.json');
    expect(t.trees).toEqual([{ id: 'eagle-tiny', parents: [-1, 0, 0, 1, 1, 2], ranks: [0, 0, 1, 0, 1, 0], source: 'eagle_choices.json' }]);
  });
  it('a path without its parent path, or a repeated path, is an error', () => {
    expect(() => treeChoices.fromText('{"t": [[0], [1, 0]]}', 'x_choices.json')).toThrow(/field 't': path \[1,0\] has no parent path/);
    expect(() => treeChoices.fromText('{"t": [[0], [0]]}', 'x_choices.json')).toThrow(/path \[0\] appears twice/);
    expect(() => treeChoices.fromText('{"t": [[0], [-1]]}', 'x_choices.json')).toThrow(/field 't\[1\]\[0\]': expected a whole number >= 0/);
  });
  it('broken JSON is an error naming the line', () => {
    expect(() => treeChoices.fromText('{"t": [[0],\n [1,]]}', 'x_choices.json')).toThrow(/x_choices\.json:2: not valid JSON/);
  });
});

describe('sequoia', () => {
  const growmap = { roots: [[0], [1, 2], [3]], branches: [[2], [1, 0], [0]], Successors: [[1, 2], [3], [], []], depth: [0, 1, 1, 2], size: 4 };
  it('a growmap becomes a template: parent from Successors, rank = position among them', () => {
    const t = sequoiaGrowmap.fromText(JSON.stringify(growmap), 'g.json');
    expect(t.trees[0]).toMatchObject({ id: 'sequoia-g', parents: [-1, 0, 0, 1], ranks: [0, 0, 1, 0] });
  });
  it('inconsistent growmaps are errors naming the field', () => {
    expect(() => sequoiaGrowmap.fromText(JSON.stringify({ ...growmap, depth: [0, 1, 2, 2] }), 'g.json')).toThrow(/field 'depth\[2\]': node 2 has depth 2, expected parent depth \+ 1 = 1/);
    expect(() => sequoiaGrowmap.fromText(JSON.stringify({ ...growmap, Successors: [[1, 2], [3], [1], []] }), 'g.json')).toThrow(/Successors\[2\]\[0\]'.*two parents/);
    expect(() => sequoiaGrowmap.fromText(JSON.stringify({ ...growmap, size: 5 }), 'g.json')).toThrow(/4 rows for size 5/);
  });
  it('the acceptance vector: ranks 1..W and rank 0 = none; a bad sum warns', () => {
    const t = sequoiaAcceptance.fromText('[0.0, 0.6, 0.3, 0.1]', 'v.json');
    expect(t.acceptanceModels[0]!.entries).toEqual([
      { depth: null, rank: 1, probability: 0.6 },
      { depth: null, rank: 2, probability: 0.3 },
      { depth: null, rank: 0, probability: 0.1 },
    ]);
    expect(sequoiaAcceptance.fromText('[0.0, 0.6, 0.3, 0.3]', 'v.json').meta.warnings[0]!.code).toBe('probability-sum');
    expect(() => sequoiaAcceptance.fromText('[0.0, 1.6, 0.3]', 'v.json')).toThrow(/field '\[1\]': probability 1.6 is outside/);
  });
});

describe('oracle', () => {
  const rec = (id: string, acc: number[], gen = acc.length) => JSON.stringify({ id, prompt_token_ids: [1, 2, 3], generated_token_ids: Array(gen).fill(7), acc_eagle: { acc_len: acc }, acc_ngram: { acc_len: acc.map(() => 1) } });
  it('positions become oracle rows; the proposer picks the field', () => {
    const text = rec('5', [3, 2, 1, 1]) + '\n';
    const t = specDecodeOracle.fromText(text, 'combined_x.jsonl');
    expectTableEqual(t.oracle!, { request_index: [0, 0, 0, 0], position: [0, 1, 2, 3], committed_tokens: [3, 2, 1, 1] });
    expectTableEqual(t.requests, { prompt_tokens: [3], output_tokens: [4] });
    expect(t.meta).toMatchObject({ method: 'eagle3', dataset: 'x' });
    expect(specDecodeOracle.fromText(text, 'combined_x.jsonl', { proposer: 'ngram' }).meta.method).toBe('ngram');
  });
  it('an oracle value below 1 is an error; a missing proposer field is an error', () => {
    expect(() => specDecodeOracle.fromText(rec('5', [3, 0]), 'o.jsonl')).toThrow(/o\.jsonl:1: record id 5: field 'acc_eagle\.acc_len\[1\]'/);
    expect(() => specDecodeOracle.fromText(rec('5', [3]), 'o.jsonl', { proposer: 'medusa' })).toThrow(/field 'acc_medusa': missing/);
  });
  it('a duplicated id is dropped with a warning', () => {
    const t = specDecodeOracle.fromText([rec('5', [1]), rec('5', [2])].join('\n'), 'o.jsonl');
    expect(t.requests.length).toBe(1);
    expect(t.meta.warnings[0]!.code).toBe('duplicate-id');
  });
});

describe('eagle3 per-step', () => {
  it('chains with per-node entropy and margin; accepted flags on the first acc nodes', () => {
    const doc = { target: 'm', eagle_head: 'h', max_k: 3, gens: [{ workload: 'gsm8k', steps: [{ ent: [1, 2, 3], margin: [0.5, 0.4, 0.3], acc: 2, ndraft: 3 }, { ent: [], margin: [], acc: 0, ndraft: 3 }] }] };
    const t = eagle3PerStep.fromText(JSON.stringify(doc), 'e.json');
    expectTableEqual(t.steps, { committed_tokens: [3, 1], draft_entropy_mean: [2, null] });
    expectTableEqual(t.nodes!, { node: [0, 1, 2, 3], parent: [-1, 0, 1, 2], accepted: [true, true, true, false], draft_entropy: [null, 1, 2, 3], margin: [null, 0.5, 0.4, 0.3] });
    expect(t.requests.columns['category']!.values).toEqual(['gsm8k']);
  });
  it('acc > ndraft is an error naming the step', () => {
    const doc = { gens: [{ steps: [{ ent: [], margin: [], acc: 4, ndraft: 3 }] }] };
    expect(() => eagle3PerStep.fromText(JSON.stringify(doc), 'e.json')).toThrow(/field 'gens\[0\]\.steps\[0\]\.acc': accepted 4 > drafted 3/);
  });
});

describe('medusa_acc.csv', () => {
  it('top-k accuracies must not decrease with k', () => {
    const csv = 'Name,State,train/medusa0_top1,train/medusa0_top2\n7b,finished,0.5,0.4\n';
    expect(() => medusaAcc.fromText(csv, 'medusa_acc.csv')).toThrow(/medusa_acc\.csv:2: record 7b: field 'train\/medusa0_top2': top-2 accuracy 0.4 < top-1 accuracy 0.5/);
  });
});

describe('canonical JSONL', () => {
  const lines = [
    { type: 'meta', trace_id: 'mine', format: 'canonical-jsonl', method: 'eagle', source: { recorded_by: 'me' } },
    { type: 'tree', id: 'chain2', parents: [-1, 0, 1], ranks: [0, 0, 0] },
    { type: 'request', request_id: 'a/0', output_tokens: 4 },
    { type: 'step', request_id: 'a/0', step: 0, draft_tokens: 2, accepted_tokens: 2, committed_tokens: 3, tree_id: 'chain2' },
    { type: 'step', request_id: 'a/0', step: 1, committed_tokens: 1 },
    { type: 'oracle', request_id: 'a/0', committed_tokens: [3, 2, 1, 1] },
  ].map((x) => JSON.stringify(x));
  it('reads typed records; defaults question/turn from the request id', () => {
    const t = canonicalJsonl.fromText(lines.join('\n'), 'mine.jsonl');
    expect(t.meta).toMatchObject({ trace_id: 'mine', method: 'eagle', source: { recorded_by: 'me' } });
    expectTableEqual(t.requests, { question_id: ['a'], turn: [0], status: ['ok'] });
    expectTableEqual(t.steps, { tree_id: ['chain2', null], accepted_tokens: [2, null] });
  });
  it('unknown keys, unknown types, steps before their request and unknown trees are errors', () => {
    expect(() => canonicalJsonl.fromText([lines[2], lines[3]!.replace('"draft_tokens"', '"draft_tokenz"')].join('\n'), 'x.jsonl')).toThrow(/x\.jsonl:2: field 'draft_tokenz': unknown column/);
    expect(() => canonicalJsonl.fromText('{"type":"stepz"}', 'x.jsonl')).toThrow(/field 'type': expected meta \| tree/);
    expect(() => canonicalJsonl.fromText(lines[3]!, 'x.jsonl')).toThrow(/field 'request_id': request 'a\/0' has nodes but no steps|unknown/);
    expect(() => canonicalJsonl.fromText([lines[2], lines[3]].join('\n'), 'x.jsonl')).toThrow(/unknown tree template 'chain2'/);
  });
});

describe('--format auto', () => {
  it.each([
    ['{"type": "meta"}', 'canonical-jsonl'],
    ['{"question_id": 1, "choices": [{"accept_lengths": [1]}]}', 'spec-bench'],
    ['{"question_id": 1, "choices": [{"idxs": [1]}]}', 'per-turn'],
    ['{"id": "1", "generated_token_ids": [], "acc_eagle": {}}', 'specdecode-oracle'],
    ['{"gens": [{"steps": [{"ndraft": 1}]}]}', 'eagle3-perstep'],
    ['{"roots": [[0]], "Successors": [[]]}', 'sequoia-growmap'],
    ['{"mc_sim_7b_63": [[0], [1]]}', 'tree-choices'],
    ['[0.0, 0.5, 0.5]', 'sequoia-acceptance'],
    ['request_id,step,committed_tokens\n', 'canonical-csv'],
    ['round,draft_length,avg_entropy,accepted_length\n', 'ahasd-rounds'],
    ['"Name","train/medusa0_top1"\n', 'medusa-acc'],
  ])('%s -> %s', (head, id) => {
    expect(sniffFormat(head, 'f').id).toBe(id);
  });
  it('says what a non-trace is', () => {
    expect(() => sniffFormat('ARROW1....', 'x.arrow')).toThrow(/already a canonical trace/);
    expect(() => sniffFormat('request_id,step,node,parent\n', 'nodes.csv')).toThrow(/ingest its steps\.csv/);
    expect(() => sniffFormat('hello', 'x.txt')).toThrow(/x\.txt: cannot tell the format/);
    expect(() => sniffFormat('', 'x.txt')).toThrow(/x\.txt: the file is empty/);
  });
});
