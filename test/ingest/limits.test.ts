/** The trace's limits and invariants (README "Bad input"), enforced for every format, with the original value in the message. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest/ingest.js';
import { FORMAT_IDS } from '../../src/ingest/formats.js';
import { feedCsvFile } from '../../src/ingest/csv-source.js';
import { feedFileLines, LineTooLongError } from '../../src/ingest/lines.js';
import { Diagnostics } from '../../src/ingest/diagnostics.js';
import { TRACE_LIMITS } from '../../src/schema/trace-schema.js';
import { tmpDir } from '../helpers.js';

const META = '{"type":"meta","schema_version":1,"trace_id":"t","format":"canonical-jsonl","method":"sps","committed_includes_bonus":true,"notes":[],"warnings":[]}';
const req = (fields: string) => `{"type":"request","request_id":"q/0","output_tokens":3,"num_steps":2${fields}}`;
const step = (i: number, fields: string) => `{"type":"step","request_id":"q/0","step":${i},"committed_tokens":${i === 0 ? 2 : 1}${fields}}`;
const jsonl = (...lines: string[]) => lines.join('\n') + '\n';
const ok = (r = '', s0 = '', s1 = '') => jsonl(META, req(r), step(0, s0), step(1, s1));

describe('32-bit columns', () => {
  it('a count past Int32 is refused with the original value, never stored wrapped', () => {
    expect(() => ingestText(jsonl(META, req(',"output_tokens":1e12'), step(0, ''), step(1, '')).replace('"output_tokens":3,', ''), 'x.jsonl', 'canonical-jsonl')).toThrow(
      /x\.jsonl:2: field 'output_tokens': expected a whole number in \[-2147483648, 2147483647\] \(a 32-bit column\), got 1000000000000/,
    );
    expect(() => ingestText(ok(',"prompt_tokens":1e12'), 'x.jsonl', 'canonical-jsonl')).toThrow(/field 'prompt_tokens': .*got 1000000000000/);
    const csv = 'request_id,step,committed_tokens,context_tokens\nq/0,0,1,99999999999\n';
    expect(() => ingestText(csv, 'steps.csv', 'canonical-csv')).toThrow(/steps\.csv:2: field 'context_tokens': .*32-bit column\), got 99999999999/);
  });
});

describe('the invariants of the canonical trace', () => {
  const cases: [string, string, RegExp][] = [
    ['negative prompt', ok(',"prompt_tokens":-5'), /x\.jsonl:2: record request q\/0: field 'prompt_tokens': expected a value >= 0, got -5/],
    ['prompt over the limit', ok(`,"prompt_tokens":${TRACE_LIMITS.context_tokens + 1}`), /field 'prompt_tokens': 16777217 is over the limit of 16777216 tokens per request/],
    ['wall time 1e308', ok(',"wall_time_s":1e308'), /field 'wall_time_s': expected a value in \[0, 604800\], got 1e\+308/],
    ['negative wall time', ok(',"wall_time_s":-3'), /field 'wall_time_s'/],
    ['negative context', ok('', ',"context_tokens":-4'), /x\.jsonl:3: record request q\/0 step 0: field 'context_tokens': expected a value >= 0, got -4/],
    ['step time over an hour', ok('', ',"step_time_ns":4e12'), /field 'step_time_ns'/],
    ['more steps than tokens', jsonl(META, req(',"num_steps":500,"output_tokens":0').replace('"output_tokens":3,"num_steps":2,', '')), /field 'num_steps': 500 steps for 0 output tokens/],
    ['tokens per step past the limit', jsonl(META, '{"type":"request","request_id":"q/0","output_tokens":1000000000,"num_steps":100}'), /field 'output_tokens': 1000000000 is over the limit|1000000000 output tokens in 100 steps/],
    ['committed > drafted + 1', ok('', ',"draft_tokens":0'), /field 'committed_tokens': committed 2 > drafted 0 \+ 1/],
    ['unknown schema version', jsonl(META.replace('"schema_version":1', '"schema_version":9'), req(''), step(0, ''), step(1, '')), /x\.jsonl:1: field 'schema_version': schema version 9; this specreplay reads version 1/],
  ];
  for (const [what, text, msg] of cases) it(what, () => expect(() => ingestText(text, 'x.jsonl', 'canonical-jsonl')).toThrow(msg));

  it('per-turn records: 1e9 tokens in 100 steps are refused before a replay could allocate them', () => {
    const rec = { question_id: 1, model_id: 'medusa-vicuna-7b-v1.3', choices: [{ index: 0, turns: ['x'], idxs: [99], new_tokens: [1e9], wall_time: [1.0] }] };
    expect(() => ingestText(JSON.stringify(rec) + '\n', 'medusa-vicuna-7b-v1.3-temperature-0.0.jsonl', 'per-turn')).toThrow(/over the limit|output tokens in 100 steps/);
  });

  it('a bare NaN is a warning naming the line, and an error under --strict', () => {
    const text = ok(',"wall_time_s":NaN');
    const t = ingestText(text, 'x.jsonl', 'canonical-jsonl');
    expect(t.meta.warnings.map((w) => `${w.line}: ${w.field}: ${w.message}`)).toEqual(["2: wall_time_s: x.jsonl:2: field 'wall_time_s': bare NaN (not valid JSON)"]);
    expect(() => ingestText(text, 'x.jsonl', 'canonical-jsonl', { strict: true })).toThrow(/x\.jsonl:2: field 'wall_time_s': bare NaN/);
  });
});

describe('inputs every format treats alike', () => {
  it('an empty file is "the file is empty" for every format', async () => {
    const dir = tmpDir();
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    for (const id of FORMAT_IDS) {
      await expect(ingestFile(empty, id), id).rejects.toThrow(/empty\.txt: the file is empty/);
      expect(() => ingestText('', 'empty.txt', id), id).toThrow(/the file is empty/);
    }
  });

  it('a UTF-8 byte-order mark is accepted in JSON as in CSV', () => {
    const plain = ingestText(ok(), 'x.jsonl', 'canonical-jsonl');
    const bom = ingestText('\ufeff' + ok(), 'x.jsonl', 'canonical-jsonl');
    expect(bom.requests.length).toBe(plain.requests.length);
  });

  it('a FIFO is refused (it would block the reader)', async () => {
    const dir = tmpDir();
    const fifo = path.join(dir, 'fifo.jsonl');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    await expect(ingestFile(fifo)).rejects.toThrow(/fifo\.jsonl: not a regular file/);
  });
});

describe('long lines', () => {
  it('a line longer than the limit is a located error (CSV and line formats)', async () => {
    const dir = tmpDir();
    const csv = path.join(dir, 'steps.csv');
    fs.writeFileSync(csv, 'request_id,step,committed_tokens\nq/0,0,1\n' + 'x'.repeat(100_000) + '\n');
    const sink = { header: () => undefined, record: () => undefined };
    await expect(feedCsvFile(csv, sink, new Diagnostics('steps.csv'), undefined, 50_000)).rejects.toThrow(/steps\.csv:3: the line is longer than/);
    const lines = path.join(dir, 'x.jsonl');
    fs.writeFileSync(lines, '{}\n' + 'y'.repeat(100_000));
    await expect(feedFileLines(lines, () => undefined, 50_000)).rejects.toThrow(LineTooLongError);
  });

  it('a 3 MB line within the limit is read whole, the same as from text', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'x.jsonl');
    const long = 'z'.repeat(3_000_000);
    fs.writeFileSync(file, `a\r\n${long}\nb`);
    const got: string[] = [];
    await feedFileLines(file, (l) => got.push(l));
    expect(got.map((l) => l.length)).toEqual([1, 3_000_000, 1]);
  });
});

describe('more of the rules', () => {
  it('a file of blank lines is empty too', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'blank.jsonl');
    fs.writeFileSync(f, '\n\r\n  \n');
    for (const id of FORMAT_IDS) await expect(ingestFile(f, id), id).rejects.toThrow(/blank\.jsonl: the file is empty/);
  });
});
