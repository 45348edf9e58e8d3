import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalCsv, fromCanonicalCsv } from '../../src/ingest/from-canonical-csv.js';
import { expectTableEqual, fixture, tmpDir } from '../helpers.js';

const steps = fs.readFileSync(fixture('csv', 'steps.csv'), 'utf8');
const nodes = fs.readFileSync(fixture('csv', 'nodes.csv'), 'utf8');

describe('canonical CSV', () => {
  it('reads steps.csv and derives the requests', () => {
    const t = fromCanonicalCsv(steps, null);
    expectTableEqual(t.requests, { request_id: ['q1/0', 'q2/0'], question_id: ['q1', 'q2'], turn: [0, 0], output_tokens: [8, 3], prompt_tokens: [12, 7], num_steps: [3, 2] });
    expectTableEqual(t.steps, { request_index: [0, 0, 0, 1, 1], committed_tokens: [3, 1, 4, 2, 1], draft_entropy_mean: [0.5, 2.25, null, 1, 3.5] });
    expect(t.nodes).toBeNull();
  });

  it('loads nodes.csv beside steps.csv, streaming', async () => {
    const t = await canonicalCsv.load(fixture('csv', 'steps.csv'));
    expectTableEqual(t.nodes!, {
      request_index: [0, 0, 0, 0, 0, 0, 0, 0],
      step: [0, 0, 0, 0, 1, 1, 1, 1],
      parent: [-1, 0, 1, 0, -1, 0, 1, 2],
      accepted: [true, true, true, false, true, false, false, false],
      draft_prob: [null, 0.9, 0.7, 0.05, null, 0.3, 0.2, 0.1],
      margin: [null, 0.8, 0.5, null, null, 0.1, 0.05, 0.02],
    });
    expect(t).toEqual(fromCanonicalCsv(steps, nodes));
  });

  const cases: [string, string, string | null, RegExp][] = [
    ['a missing required column', steps.replace('committed_tokens', 'commited_tokens'), null, /steps\.csv:1: field 'commited_tokens': unknown column/],
    ['a required column absent', 'request_id,step\nq,0\n', null, /steps\.csv:1: field 'committed_tokens': missing required column/],
    ['a mistyped value', steps.replace('q2/0,0,7,2,1,2,1', 'q2/0,0,7,two,1,2,1'), null, /steps\.csv:5: field 'draft_tokens': expected a whole number, got the string "two"/],
    ['an empty required value', steps.replace('q2/0,1,9,2,0,1,3.5', 'q2/0,1,9,2,0,,3.5'), null, /steps\.csv:6: field 'committed_tokens': missing/],
    ['accepted > drafted', steps.replace('q2/0,0,7,2,1,2,1', 'q2/0,0,7,2,3,4,1'), null, /steps\.csv:5: record request q2\/0 step 0: field 'accepted_tokens': accepted 3 > drafted 2/],
    ['committed != accepted + 1 before the last step', steps.replace('q1/0,1,15,3,0,1,2.25', 'q1/0,1,15,3,0,2,2.25'), null, /steps\.csv:3: .*committed 2 != accepted 0 \+ 1/],
    ['steps out of order', steps.replace('q1/0,1,15', 'q1/0,4,15'), null, /steps\.csv:3: record request q1\/0 step 4: field 'step': request 'q1\/0': step 4 where step 1 was expected/],
    ['a request split in two', steps + 'q1/0,3,20,1,0,1,1\n', null, /steps\.csv:7: field 'request_id': rows of request 'q1\/0' are not contiguous/],
    ['a parent cycle (parent after child)', steps, nodes.replace('q1/0,0,1,0,1,0,101', 'q1/0,0,1,2,1,0,101'), /nodes\.csv:3: record request q1\/0 step 0 node 1: field 'parent': node 1 has parent 2: a parent must precede its children/],
    ['an accepted set that is not one root path', steps, nodes.replace('q1/0,0,3,0,1,1,103,0.05,0.4,,0.01,0', 'q1/0,0,3,0,1,1,103,0.05,0.4,,0.01,1'), /nodes\.csv:5: record request q1\/0 step 0 node 3: field 'accepted': node 0 has more than one accepted child/],
    ['an accepted node under a rejected parent', steps, nodes.replace('q1/0,1,2,1,2,0,202,0.2,2.5,0.05,,0', 'q1/0,1,2,1,2,0,202,0.2,2.5,0.05,,1'), /node 2: field 'accepted': accepted node 2 has parent 1 that is not accepted/],
    ['a wrong depth', steps, nodes.replace('q1/0,1,3,2,3,0,203', 'q1/0,1,3,2,2,0,203'), /nodes\.csv:9: .*node 3 has depth 2, expected parent depth \+ 1 = 3/],
    ['accepted nodes disagreeing with accepted_tokens', steps.replace('q1/0,0,12,3,2,3,0.5', 'q1/0,0,12,3,1,2,0.5'), nodes, /2 accepted nodes \(excluding the root\) but accepted_tokens is 1/],
    ['nodes of an unknown request', steps, nodes.replace(/q1\/0,1,/g, 'q9/0,1,'), /nodes\.csv:6: field 'request_id': request 'q9\/0' has nodes but no steps/],
    ['a bad boolean', steps, nodes.replace('q1/0,0,0,-1,0,0,,,,,,1', 'q1/0,0,0,-1,0,0,,,,,,yes'), /nodes\.csv:2: field 'accepted': expected 0\/1 or true\/false/],
  ];
  it.each(cases)('%s: a located error', (_what, s, n, message) => {
    expect(() => fromCanonicalCsv(s, n)).toThrow(message);
  });

  it('a steps.csv truncated with NUL bytes keeps the whole lines and warns', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'steps.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(steps + 'q3/0,0,5,2'), Buffer.alloc(100)]));
    const t = await canonicalCsv.load(file);
    expect(t.requests.length).toBe(2);
    expect(t.meta.warnings[0]).toMatchObject({ code: 'nul-truncated', line: 7 });
    expect(fromCanonicalCsv(fs.readFileSync(file, 'utf8'), null).meta.warnings[0]).toMatchObject({ code: 'nul-truncated', line: 7 });
  });

  it('NUL bytes followed by more data are an error, not a truncation', () => {
    expect(() => fromCanonicalCsv(steps.replace('q2/0,0', 'q2\u0000/0,0'), null)).toThrow(/steps\.csv:5: NUL byte at column 3 with data after it/);
  });

  it('NaN in a nullable float column is null with a warning', () => {
    const t = fromCanonicalCsv(steps.replace('q2/0,1,9,2,0,1,3.5', 'q2/0,1,9,2,0,1,NaN'), null);
    expectTableEqual(t.steps, { draft_entropy_mean: [0.5, 2.25, null, 1, null] });
    expect(t.meta.warnings[0]).toMatchObject({ code: 'nan', line: 6, field: 'draft_entropy_mean' });
  });
});
