/** Each claim's interval over the open fields: the setup re-run per other reading of the platforms it uses. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claim, type Reproduction } from '../../src/reproduce/claims.js';
import { runWithIntervals } from '../../src/reproduce/intervals.js';
import { intervalsMarkdown } from '../../src/reproduce/markdown.js';
import { run } from '../../src/reproduce/run.js';
import { makeTrace } from '../helpers.js';

const step = (s: number, d: number, a: number) => ({ step: s, draft_tokens: d, accepted_tokens: a, committed_tokens: a + 1 });
const trace = makeTrace({ method: 'sps', target: 'vicuna-7b', draft: 'llama-68m', requests: [{ question_id: 'q', turn: 0, output_tokens: 8, prompt_tokens: 64, steps: [step(0, 4, 3), step(1, 4, 1), step(2, 4, 0), step(3, 4, 0)] }] });

/** A toy paper: one claim on the ahasd platform (two open fields), one on gemv-pim (none). */
const toy: Reproduction = {
  id: 'toy',
  paper: 'Toy',
  describe: 'a toy setup',
  run: async () => {
    const pim = run(trace, 'ahasd', 'sd-gemv-pim', []).tokens_per_s;
    const npu = run(trace, 'ahasd', 'ar-npu', []).tokens_per_s;
    const other = run(trace, 'gemv-pim', 'sd-gemv-pim', []).tokens_per_s;
    return [claim('Toy', 'speedup on ahasd', 'toy', 100, pim / npu, 'x', 'toy'), claim('Toy', 'tokens/s on gemv-pim', 'toy', null, other, 'tokens/s', 'toy')];
  },
};

describe('reproduce --intervals', () => {
  it("spans each claim over the presets' readings and every other reading of each open field of the platforms the setup uses", async () => {
    const plain = await toy.run();
    const rows = await runWithIntervals(toy);
    expect(rows.map((r) => r.reproduced)).toEqual(plain.map((r) => r.reproduced));
    const iv = rows[0]!.interval!;
    // ahasd: the presets' readings, PIM bandwidth for all ranks, no NPU memory cap.
    expect(iv.readings).toBe(3);
    expect(iv.lo).toBeLessThan(iv.hi);
    expect(iv.lo).toBeLessThanOrEqual(rows[0]!.reproduced);
    expect(iv.inside).toBe(false); // 100x is beyond any reading
    expect(rows[1]!.interval!.lo).toBe(rows[1]!.interval!.hi); // gemv-pim declares nothing open
    expect(rows[1]!.interval!.inside).toBeNull();
    // After the intervals, replays take no leftover settings.
    expect((await toy.run()).map((r) => r.reproduced)).toEqual(plain.map((r) => r.reproduced));
  });

  it('the intervals table: the claims the open fields move, where the published value lies', async () => {
    const md = intervalsMarkdown(await runWithIntervals(toy));
    expect(md).toMatch(/^0 of 1 published values \(of the claims the open fields move\) lie inside the interval the open fields allow; 1 claim no open field moves\./);
    expect(md).toMatch(/\| Toy \| speedup on ahasd \| 100\.0 \| [\d.]+ \| \[[\d.]+, [\d.]+\] \(3 settings\) \| above \| the presets' readings \|/);
    expect(md).not.toContain('gemv-pim'); // no open field moves that claim
    expect(md).toContain('1 claim no open field moves');
  });

  it("the README's intervals table holds this checkout's LP-Spec rows (reproduce lp-spec --intervals)", async () => {
    const { REPRODUCTIONS } = await import('../../src/reproduce/index.js');
    const rows = await runWithIntervals(REPRODUCTIONS['lp-spec']!);
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const block = /<!-- reproduce-intervals:begin -->\n([\s\S]*?)<!-- reproduce-intervals:end -->/.exec(readme);
    expect(block, 'README interval markers').not.toBeNull();
    const mine = intervalsMarkdown(rows).split('\n').filter((l) => l.startsWith('| LP-Spec |'));
    expect(mine.length).toBeGreaterThan(0);
    for (const l of mine) expect(block![1], 'README: run `node bin/specreplay.js reproduce --intervals --markdown` and paste the intervals table between the markers').toContain(l);
  }, 600_000);
});
