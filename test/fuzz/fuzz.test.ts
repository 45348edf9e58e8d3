/**
 * The hostile user, with a fixed seed: mutants of the bundled real traces (truncation, byte
 * flips, NUL, duplicated and shuffled lines, invalid UTF-8, extreme numbers), corrupt Arrow
 * files and metadata, and bad `--set` values. Every run must end in exit 0 with a trace that
 * satisfies every invariant, or exit 1 with one located message — never exit 2, never a stack
 * trace, never a leftover temporary file, never a changed input.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Diagnostics } from '../../src/ingest/diagnostics.js';
import { validateTrace } from '../../src/ingest/validate.js';
import { readTraceFile } from '../../src/trace/arrow-io.js';
import { captureIo, fixture, ROOT, tmpDir } from '../helpers.js';

const SEED = 20261201;

interface Source {
  readonly name: string;
  readonly text: Buffer;
  readonly args: readonly string[];
}

const headLines = (file: string, n: number) => Buffer.from(fs.readFileSync(file, 'utf8').split('\n').slice(0, n).join('\n') + '\n');
const bundled = (...p: string[]) => path.join(ROOT, 'traces', ...p);

/** Small slices of the bundled real traces, one per format family, with the options they need. */
const SOURCES: readonly Source[] = [
  { name: 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl', text: headLines(bundled('specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl'), 3), args: ['--format', 'spec-bench', '--tree', 'eagle-mc_sim_7b_63'] },
  { name: 'rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl', text: headLines(bundled('rest-mtbench-vicuna7b-v1.5', 'rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl'), 3), args: ['--format', 'spec-bench'] },
  { name: 'medusa-vicuna-7b-v1.3-temperature-0.0.jsonl', text: headLines(bundled('medusa-vicuna-7b-mtbench', 'medusa-vicuna-7b-v1.3-temperature-0.0-posterior_threshold-0.09-posterior_alpha-0.3.jsonl'), 3), args: ['--format', 'per-turn', '--tree', 'medusa-mc_sim_7b_63'] },
  { name: 'medusa_acc.csv', text: fs.readFileSync(bundled('medusa-vicuna-7b-mtbench', 'medusa_acc.csv')), args: ['--format', 'medusa-acc'] },
  { name: 'eagle_choices.json', text: fs.readFileSync(bundled('trees', 'eagle_choices.json')), args: ['--format', 'tree-choices'] },
  { name: 'steps.csv', text: fs.readFileSync(fixture('csv', 'steps.csv')), args: ['--format', 'canonical-csv'] },
  { name: 'ahasd-rounds.csv', text: fs.readFileSync(fixture('ahasd-rounds.csv')), args: ['--format', 'ahasd-rounds'] },
];

const EXTREMES = ['1e12', '-1', '1e308', '2.5', 'NaN', '-0', '99999999999999999999', '"7"', 'null', 'true', '[]', '{}', '2147483648', '-2147483649'];

type Mutation = (b: Buffer, r: () => number) => Buffer;
const at = (b: Buffer, r: () => number) => Math.floor(r() * Math.max(1, b.length));
const lines = (b: Buffer) => b.toString('latin1').split('\n');
const join = (ls: string[]) => Buffer.from(ls.join('\n'), 'latin1');

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, at(b, r)),
  flip: (b, r) => {
    const c = Buffer.from(b);
    const i = at(c, r);
    if (c.length > 0) c[i] = c[i]! ^ (1 << Math.floor(r() * 8));
    return c;
  },
  nul: (b, r) => {
    const i = at(b, r);
    return Buffer.concat([b.subarray(0, i), Buffer.alloc(1 + Math.floor(r() * 8)), b.subarray(i)]);
  },
  nulTail: (b, r) => Buffer.concat([b.subarray(0, at(b, r)), Buffer.alloc(64)]),
  duplicateLine: (b, r) => {
    const ls = lines(b);
    const i = Math.floor(r() * ls.length);
    ls.splice(i, 0, ls[i]!);
    return join(ls);
  },
  shuffleLines: (b, r) => {
    const ls = lines(b);
    for (let i = ls.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
    }
    return join(ls);
  },
  invalidUtf8: (b, r) => {
    const i = at(b, r);
    return Buffer.concat([b.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), b.subarray(i)]);
  },
  extremeNumber: (b, r) => {
    const s = b.toString('latin1');
    const nums = [...s.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)];
    if (nums.length === 0) return b;
    const m = nums[Math.floor(r() * nums.length)]!;
    const x = EXTREMES[Math.floor(r() * EXTREMES.length)]!;
    return Buffer.from(s.slice(0, m.index) + x + s.slice(m.index! + m[0].length), 'latin1');
  },
  bom: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  empty: () => Buffer.alloc(0),
  crlf: (b) => Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'),
};

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

/** Everything in `dir` that looks like a temporary file or folder. */
function leftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => /\.tmp\b|\.tmp-\d+|\.old-\d+/.test(n));
}

async function cli(argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The outcome rule: exit 0, or exit 1 with one line naming `located` — never 2, never a stack. */
function expectOutcome(r: { code: number; stderr: string }, located: RegExp, what: string): void {
  expect([0, 1], `${what}\n${r.stderr}`).toContain(r.code);
  expect(r.stderr, what).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
  if (r.code === 1) {
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('specreplay: '));
    expect(errors, `${what}\n${r.stderr}`).toHaveLength(1);
    expect(errors[0], what).toMatch(located);
  }
}

/** The first bundled source ingested into `dir` as `name` (the trace the Arrow and --set fuzzing start from). */
async function ingested(dir: string, name: string): Promise<string> {
  const out = path.join(dir, name);
  const src = SOURCES[0]!;
  fs.writeFileSync(path.join(dir, src.name), src.text);
  expect((await cli(['ingest', path.join(dir, src.name), '-o', out, '-q', ...src.args])).code).toBe(0);
  return out;
}

function expectValidTrace(file: string): void {
  const trace = readTraceFile(file);
  expect(() => validateTrace(trace, new Diagnostics(path.basename(file)))).not.toThrow();
}

describe('fuzz: mutants of the bundled real traces through ingest', () => {
  it('exit 0 with a valid trace, or exit 1 with one message naming the file; inputs unchanged, no temp files', async () => {
    const dir = tmpDir();
    const names = Object.keys(MUTATIONS);
    const cases = fc.sample(fc.tuple(fc.nat({ max: SOURCES.length - 1 }), fc.nat({ max: names.length - 1 }), fc.nat(), fc.boolean()), { numRuns: 220, seed: SEED });
    let accepted = 0;
    for (const [si, mi, seed, strict] of cases) {
      const src = SOURCES[si]!;
      const mutation = names[mi]!;
      const input = path.join(dir, src.name);
      fs.writeFileSync(input, MUTATIONS[mutation]!(src.text, rng(seed)));
      const before = sha(input);
      const out = path.join(dir, 'out.arrow');
      fs.rmSync(out, { force: true });
      const what = `${mutation} of ${src.name} (seed ${seed}${strict ? ', --strict' : ''})`;
      const r = await cli(['ingest', input, '-o', out, '-q', ...src.args, ...(strict ? ['--strict'] : [])]);
      expectOutcome(r, new RegExp(`^specreplay: (.*/)?${src.name.replace(/[.+]/g, '\\$&')}`), what);
      if (r.code === 0) {
        accepted++;
        expectValidTrace(out);
      } else expect(fs.existsSync(out), what).toBe(false);
      expect(sha(input), what).toBe(before);
      expect(leftovers(dir), what).toEqual([]);
    }
    // The mutations are not all fatal: some mutants are still traces (a duplicated line with a
    // dropped duplicate, a CRLF file, a BOM), so both outcomes are exercised.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(cases.length);
  });
});

/** Rewrites an Arrow file's schema metadata (keeping the record batches). */
function withMetadata(bytes: Uint8Array, edit: (md: Map<string, string>) => void): Uint8Array {
  const t = arrow.tableFromIPC(bytes);
  const md = new Map(t.schema.metadata);
  edit(md);
  const schema = new arrow.Schema(t.schema.fields, md);
  return arrow.tableToIPC(new arrow.Table(schema, t.batches.map((b) => new arrow.RecordBatch(schema, b.data))), 'file');
}

describe('fuzz: corrupt Arrow traces through inspect, replay and export', () => {
  it('every corruption is exit 1 naming the file, or a trace that still validates', async () => {
    const dir = tmpDir();
    const good = await ingested(dir, 'good.arrow');
    const bytes = fs.readFileSync(good);
    const KEYS = ['specreplay.meta', 'specreplay.trees', 'specreplay.acceptance_models', 'specreplay.checksum', 'specreplay.schema_version'];
    const BAD_JSON = ['{', '[1,2', 'null', '42', '"x"', '[{"id":3}]', '{"trace_id":1}', '[{"id":"t","parents":[0,"a"],"ranks":[0]}]', '[{"id":"m","kind":"x","entries":[]}]', ''];
    const corruptions: [string, Uint8Array][] = [];
    const r = rng(SEED);
    for (let i = 0; i < 12; i++) {
      const c = Buffer.from(bytes);
      const k = Math.floor(r() * c.length);
      c[k] = c[k]! ^ 0xff;
      corruptions.push([`flip byte ${k}`, c]);
    }
    for (let i = 0; i < 4; i++) {
      const c = Buffer.from(bytes);
      const k = Math.floor(r() * (c.length - 256));
      c.fill(0, k, k + 256);
      corruptions.push([`zero 256 bytes at ${k}`, c]);
    }
    for (const n of [8, 64, Math.floor(bytes.length / 2), bytes.length - 16]) corruptions.push([`truncated to ${n} bytes`, bytes.subarray(0, n)]);
    for (const key of KEYS) for (const v of BAD_JSON) corruptions.push([`${key} = ${JSON.stringify(v)}`, withMetadata(bytes, (md) => md.set(key, v))]);
    corruptions.push(['checksum removed', withMetadata(bytes, (md) => md.delete('specreplay.checksum'))]);
    for (const [what, content] of corruptions) {
      const file = path.join(dir, 'bad.arrow');
      fs.writeFileSync(file, content);
      const before = sha(file);
      for (const argv of [
        ['inspect', file],
        ['replay', file, '--platform', 'mobile-npu-lpddr5', '--policy', 'ar-npu', '-o', path.join(dir, 'run'), '-q'],
        ['export', file, '--to', 'jsonl', '-o', path.join(dir, 'x.jsonl')],
      ]) {
        const res = await cli(argv);
        expectOutcome(res, /^specreplay: .*bad\.arrow/, `${argv[0]} of ${what}`);
        expect(sha(file)).toBe(before);
      }
      expect(leftovers(dir), what).toEqual([]);
    }
    // A flipped or zeroed byte is caught (by the checksum when it lands in the data), or it
    // landed where it changes nothing (padding, the schema's second copy): the trace reads back
    // identical — never as other rows.
    const reference = path.join(dir, 'good.jsonl');
    expect((await cli(['export', good, '--to', 'jsonl', '-o', reference])).code).toBe(0);
    let caught = 0;
    for (const [what, content] of corruptions.filter(([w]) => w.startsWith('flip') || w.startsWith('zero'))) {
      fs.writeFileSync(path.join(dir, 'bad.arrow'), content);
      const back = path.join(dir, 'back.jsonl');
      fs.rmSync(back, { force: true });
      if ((await cli(['export', path.join(dir, 'bad.arrow'), '--to', 'jsonl', '-o', back])).code === 1) caught++;
      else expect(fs.readFileSync(back, 'utf8'), what).toBe(fs.readFileSync(reference, 'utf8'));
    }
    expect(caught).toBeGreaterThan(0);
  });
});

describe('fuzz: --set values', () => {
  const KEYS = ['draft.max_len', 'seed', 'workload.prompt_tokens', 'dram.window', 'dram.channels', 'dram.refresh', 'npu.rows', 'npu.vector_gops', 'npu.freq_mhz', 'pim.channels', 'pim.freq_mhz', 'pim.alus', 'pim.lanes', 'pim.mode_switch_ns', 'specpim.objective', 'specpim.draft_len', 'ahasd.edc', 'ahasd.max_pending', 'lp-spec.max_nodes', 'no.such.key'];
  const VALUES = ['0', '-1', '2.5', '1e308', 'NaN', 'Infinity', '', 'yes', 'off', 'speed', '1', '8', '4096', '0x10', ' 3 ', '1e3'];

  it('each is refused with one message naming the field, or replays to finite numbers', async () => {
    const dir = tmpDir();
    const trace = await ingested(dir, 't.arrow');
    const cases = fc.sample(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), { numRuns: 60, seed: SEED });
    for (const [key, value] of cases) {
      const res = await cli(['replay', trace, '--platform', 'gemv-pim', '--policy', 'sd-gemv-pim', '--set', `${key}=${value}`, '-o', path.join(dir, 'run'), '--json']);
      expectOutcome(res, new RegExp(`^specreplay: (field '${key.replace(/[.+]/g, '\\$&')}'|--set ${key.replace(/[.+]/g, '\\$&')})`), `--set ${key}=${value}`);
      if (res.code === 0) {
        const summary = JSON.parse(res.stdout) as { policies: { tokens_per_s: number; tokens_per_j: number }[] };
        for (const p of summary.policies) {
          expect(Number.isFinite(p.tokens_per_s) && p.tokens_per_s > 0, `--set ${key}=${value}`).toBe(true);
          expect(Number.isFinite(p.tokens_per_j) && p.tokens_per_j > 0, `--set ${key}=${value}`).toBe(true);
        }
      }
    }
  });
});
