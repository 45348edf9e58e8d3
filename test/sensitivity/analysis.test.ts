/** The sensitivity analysis over a platform's open fields, on a small generated trace. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { replay } from '../../src/replay/replay.js';
import { sensitivity } from '../../src/sensitivity/analysis.js';
import { writeTraceFile } from '../../src/trace/arrow-io.js';
import { firstRequests } from '../../src/trace/subset.js';
import { configurePlatform } from '../../src/platform/platforms.js';
import { platformFileText } from '../../src/platform/platform-file.js';
import { captureIo, makeTrace, ROOT, tmpDir } from '../helpers.js';

const step = (s: number, d: number, a: number) => ({ step: s, draft_tokens: d, accepted_tokens: a, committed_tokens: a + 1 });
const trace = makeTrace({
  method: 'sps',
  target: 'vicuna-7b',
  draft: 'llama-68m',
  requests: [0, 1, 2].map((q) => ({ question_id: `q${q}`, turn: 0, output_tokens: 13, prompt_tokens: 64, steps: [step(0, 4, 3), step(1, 4, 1), step(2, 4, 4), step(3, 4, 0), step(4, 4, 0)] })),
});
const DIST = path.join(ROOT, 'dist', 'sensitivity', 'pool.js');
const base = { trace, platform: 'ahasd', policies: ['sd-gemv-pim', 'ar-npu'] as [string, string], seed: 3 };

describe('sensitivity analysis', () => {
  it("one at a time: the reference is a plain replay's ratio; each reading of each open field is visited; the PIM bandwidth reading moves the PIM policy", () => {
    const r = sensitivity({ ...base, method: 'oat', draws: 1 });
    const plain = replay({ trace, platform: 'ahasd', policies: base.policies });
    expect(r.reference.tokens_per_s).toBe(plain.policies[0]!.summary.tokens_per_s / plain.policies[1]!.summary.tokens_per_s);
    expect(r.factors.map((f) => f.field)).toEqual(['pim.internal_gbps_per_unit', 'npu.memory_utilization']);
    expect(r.oat.map((o) => `${o.field}=${o.value}`)).toEqual(['pim.internal_gbps_per_unit=256', 'pim.internal_gbps_per_unit=16', 'npu.memory_utilization=0.85', 'npu.memory_utilization=1']);
    const slowPim = r.oat.find((o) => o.value === 16)!;
    expect(slowPim.ratios.tokens_per_s).toBeLessThan(r.reference.tokens_per_s);
    expect(r.evaluations).toBe(3); // the reference, then the two readings that differ from the preset's
    expect(r.robustness[0]!.draws).toBe(4);
  });

  it('Morris: r (k + 1) replays, indices per field and metric, robustness over the draws; the same seed gives the same result', () => {
    const r = sensitivity({ ...base, method: 'morris', draws: 3 });
    expect(r.draws).toHaveLength(3 * 3);
    expect(r.indices).toHaveLength(2 * 3);
    const pim = r.indices.find((i) => i.field === 'pim.internal_gbps_per_unit' && i.metric === 'tokens_per_s')!;
    const npu = r.indices.find((i) => i.field === 'npu.memory_utilization' && i.metric === 'tokens_per_s')!;
    expect(pim.a).toBeGreaterThan(0);
    const rb = r.robustness.find((x) => x.metric === 'tokens_per_s')!;
    expect(rb.draws).toBe(9);
    expect(rb.wins).toBe(r.draws.filter((d) => d.ratios.tokens_per_s > 1).length);
    expect(rb.lo90).toBeLessThanOrEqual(rb.hi90);
    expect(npu.a).toBeGreaterThanOrEqual(0);
    expect(sensitivity({ ...base, method: 'morris', draws: 3 })).toEqual(r);
  });

  it('Sobol: N (k + 2) replays and indices for every field', () => {
    const r = sensitivity({ ...base, method: 'sobol', draws: 4, fields: ['pim.internal_gbps_per_unit'] });
    expect(r.evaluations).toBe(1 + 1 + 4 * 3);
    expect(r.indices.filter((i) => i.metric === 'tokens_per_s')).toHaveLength(1);
  });

  it('a field that is not open, a platform with none, the same policy twice: one clear error each', () => {
    expect(() => sensitivity({ ...base, method: 'oat', draws: 1, fields: ['npu.rows'] })).toThrow(/field 'npu.rows' is not an open field of this platform; its open fields: pim.internal_gbps_per_unit, npu.memory_utilization/);
    expect(() => sensitivity({ ...base, platform: 'gemv-pim', method: 'oat', draws: 1 })).toThrow(/platform 'gemv-pim' declares no open fields/);
    expect(() => sensitivity({ ...base, policies: ['ar-npu', 'ar-npu'], method: 'oat', draws: 1 })).toThrow(/two different policies/);
  });

  it('a platform file declares its own open fields; a reading outside the field\'s range is a located error', () => {
    const dir = tmpDir();
    const own = JSON.parse(platformFileText(configurePlatform('gemv-pim')));
    own.id = 'gemv-pim-open';
    own.open = [{ field: 'pim.mode_switch_ns', unit: 'ns', why: 'not stated', readings: [{ name: 'assumed', value: 60, source: 'preset' }, { name: 'one tRC', value: 47, source: '[JESD209-5]' }] }];
    const f = path.join(dir, 'open.json');
    fs.writeFileSync(f, JSON.stringify(own));
    const r = sensitivity({ ...base, platform: f, method: 'oat', draws: 1 });
    expect(r.factors.map((x) => x.field)).toEqual(['pim.mode_switch_ns']);
    own.open[0].readings[1].value = -1;
    fs.writeFileSync(f, JSON.stringify(own));
    expect(() => sensitivity({ ...base, platform: f, method: 'oat', draws: 1 })).toThrow(/open\.json: field 'open\[0\]\.readings\[1\]\.value \(pim\.mode_switch_ns\)': expected a number in \[0, 1000000000\] ns, got "-1"/);
  });

  it('firstRequests keeps the first N requests and their rows only', () => {
    const t = firstRequests(trace, 2);
    expect(t.requests.length).toBe(2);
    expect(t.steps.length).toBe(10);
  });

  it('from the CLI: the folder with its tables, charts that compile without warnings, and the headline', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 't.arrow');
    await writeTraceFile(file, trace);
    const out = path.join(dir, 'sens');
    const io = captureIo();
    const code = await main(['sensitivity', file, '--platform', 'ahasd', '--policy', 'sd-gemv-pim', '--policy', 'ar-npu', '--draws', '2', '-o', out, '-q'], io);
    expect(code, io.stderr).toBe(0);
    expect(io.stderr).not.toMatch(/warning/);
    for (const f of ['sensitivity.json', 'oat.csv', 'indices.csv', 'draws.arrow', 'draws.parquet', 'summary.md', 'report.html', 'charts/tornado.svg', 'charts/ratio-distribution.png']) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    expect(io.stdout).toMatch(/^tokens\/s: sd-gemv-pim \/ ar-npu = [\d.]+ at the presets' readings; sd-gemv-pim is ahead in \d+ of 6 draws of all open fields/m);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('moves it most');
  });

  it.skipIf(!fs.existsSync(DIST))('on the sweep engine: the same result in-process, on 2 worker threads, and from the library', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 't.arrow');
    await writeTraceFile(file, trace);
    const mod = (await import(DIST)) as typeof import('../../src/sensitivity/pool.js');
    const run = (workers: number) => mod.sensitivityOnPool({ ...base, method: 'morris', draws: 2, seed: 1, traceFile: file, tree: null, workers });
    const [one, two] = [await run(1), await run(2)];
    expect(two).toEqual(one);
    expect(one).toEqual(sensitivity({ ...base, method: 'morris', draws: 2, seed: 1 }));
  });
});
