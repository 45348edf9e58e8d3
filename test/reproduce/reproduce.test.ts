/** specreplay reproduce: claim rows, the AHASD synthetic generator, and the CLI over every paper. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { claim, geomean, type ClaimRow } from '../../src/reproduce/claims.js';
import { claimsMarkdown } from '../../src/reproduce/markdown.js';
import { AHASD_PRIORS, syntheticRoundsCsv } from '../../src/reproduce/synthetic-rounds.js';
import { ahasdRounds } from '../../src/ingest/from-ahasd-rounds.js';
import { int32 } from '../../src/schema/columns.js';
import { captureIo } from '../helpers.js';

describe('claim rows', () => {
  it('ratio = reproduced / published, null when the published value is withheld', () => {
    expect(claim('P', 'c', 'cfg', 4, 2, 'x', 's').ratio).toBe(0.5);
    expect(claim('P', 'c', 'cfg', null, 2, 'x', 's').ratio).toBeNull();
    expect(geomean([2, 8])).toBeCloseTo(4, 12);
  });
  it('status: agrees within 25%, otherwise the gap with its reason; other readings carry their ratio; the baseline defaults to the paper text', () => {
    expect(claim('P', 'c', 'cfg', 4, 5, 'x', 's').status).toBe('agrees');
    expect(claim('P', 'c', 'cfg', 4, 3, 'x', 's').status).toBe('agrees');
    expect(claim('P', 'c', 'cfg', 4, 2.9, 'x', 's', { gap: 'unknown X' }).status).toBe('gap: unknown X');
    expect(claim('P', 'c', 'cfg', 4, 6, 'x', 's').status).toBe('gap: unexplained');
    expect(claim('P', 'c', 'cfg', null, 6, 'x', 's').status).toBe('not published');
    const r = claim('P', 'c', 'cfg', 4, 2, 'x', 's', { baseline: 'artifact', others: [{ baseline: 'paper text', reproduced: 8 }] });
    expect(r.baseline).toBe('artifact');
    expect(r.other_readings).toEqual([{ baseline: 'paper text', reproduced: 8, ratio: 2 }]);
    expect(claim('P', 'c', 'cfg', 4, 2, 'x', 's').baseline).toBe('paper text');
  });
});

describe("AHASD's synthetic acceptance generator", () => {
  const spec = { prior: AHASD_PRIORS['adaedl']!, bump: 0, draft_length: 8, generation_tokens: 512, requests: 3, seed: 1, label: 't' };
  it('is deterministic per seed, ingests as ahasd-rounds and covers exactly the generation length', () => {
    const csv = syntheticRoundsCsv(spec);
    expect(syntheticRoundsCsv(spec)).toBe(csv);
    expect(syntheticRoundsCsv({ ...spec, seed: 2 })).not.toBe(csv);
    const t = ahasdRounds.fromText(csv, 't.csv');
    expect(Array.from(int32(t.requests, 'output_tokens').values)).toEqual([512, 512, 512]);
  });
  it('accepts the first token at about p0 = base exp(-alpha H) over the entropy ramp 2.5..5', () => {
    const rows = syntheticRoundsCsv({ ...spec, generation_tokens: 20000, requests: 1 }).trim().split('\n').slice(1).map((l) => l.split(','));
    const usable = rows.filter((r) => Number(r[2]) > 0);
    const observed = usable.filter((r) => Number(r[4]) > 0).length / usable.length;
    const expected = usable.reduce((s, r) => s + 0.83 * Math.exp(-0.14 * Number(r[3])), 0) / usable.length;
    expect(Math.abs(observed - expected)).toBeLessThan(0.02);
  });
});

describe('specreplay reproduce', () => {
  it('every paper prints rows with paper, claim, configuration, published, reproduced, ratio (JSON)', async () => {
    const io = captureIo();
    const code = await main(['reproduce', '--json'], io);
    expect(code, io.stderr).toBe(0);
    const rows = JSON.parse(io.stdout) as ClaimRow[];
    expect(new Set(rows.map((r) => r.paper))).toEqual(new Set(['LP-Spec', 'SpecPIM', 'AHASD', 'PIM-LLM', 'GPU SD']));
    for (const r of rows) {
      for (const k of ['paper', 'claim', 'configuration', 'published', 'reproduced', 'ratio']) expect(r).toHaveProperty(k);
      expect(Number.isFinite(r.reproduced) && r.reproduced > 0, r.claim).toBe(true);
      if (r.published === null) expect(r.ratio).toBeNull();
      else expect(r.ratio).toBeCloseTo(r.reproduced / r.published, 12);
    }
    const by = (paper: string, text: string) => rows.filter((r) => r.paper === paper && r.claim.includes(text));
    expect(by('AHASD', 'ablation')).toHaveLength(8);
    expect(by('AHASD', 'ablation').every((r) => r.published === null)).toBe(true);
    expect(by('AHASD', 'GPU-only (max').map((r) => r.published)).toEqual([4.2, 5.6]);
    expect(by('AHASD', 'NPU + LPDDR5 (geomean)').map((r) => r.published)).toEqual([3.1, 0.48]);
    expect(by('AHASD', 'NPU + LPDDR5-PIM').map((r) => r.published)).toEqual([null, null]);
    expect(by('LP-Spec', 'vs mobile NPU').map((r) => r.published)).toEqual([13.21, 7.56, 99.87]);
    expect(by('LP-Spec', 'LLaMA-2-7B INT8').map((r) => r.published)).toEqual([73.4, 32.6]);
    expect(by('SpecPIM', '').map((r) => r.published)).toEqual([1.52, 6.67, 2.02, 2.68]);
    expect(by('PIM-LLM', 'speedup').map((r) => r.published)).toEqual([11.6, 79.2, 1.5, 5.71]);
    // Spec-Bench's Vicuna-7B-v1.3 "Overall" speedups (3090, A100) per method, and REST's A6000 run.
    expect(by('GPU SD', '').map((r) => r.published)).toEqual([2.03, 2.1, 1.79, 1.52, 1.44, 1.71, 1.28, 1.48, 1.7]);
    // Rows whose method and baseline ran different code say what the measurement implies for the baseline's host time.
    for (const r of by('GPU SD', 'Spec-Bench').filter((x) => !x.claim.startsWith('SpS') && x.status.startsWith('gap'))) expect(r.status, r.claim).toMatch(/implies a baseline paying 0\.\d\d of the host time/);
    // Every speculative method is predicted faster than autoregressive decoding on its GPU.
    for (const r of by('GPU SD', '')) expect(r.reproduced, r.claim).toBeGreaterThan(1);
    // Trends the papers state: PIM-LLM's speedup falls with context and rises with model size.
    const sp = by('PIM-LLM', 'speedup').map((r) => r.reproduced);
    expect(sp[0]).toBeGreaterThan(sp[2]!);
    expect(sp[1]).toBeGreaterThan(sp[3]!);
    expect(sp[1]).toBeGreaterThan(sp[0]!);
    // AHASD's ablation: EDC suppresses wasted drafts, so + EDC is at least as efficient as + AAU.
    const abl = by('AHASD', 'energy efficiency vs GPU-only (geomean)').map((r) => r.reproduced);
    expect(abl[2]).toBeGreaterThan(abl[1]!);
    // Every gap is explained; the artifact's baselines are printed beside the paper's.
    for (const r of rows) expect(r.status, `${r.paper} ${r.claim}`).not.toBe('gap: unexplained');
    expect(by('AHASD', 'GPU-only (max')[0]!.other_readings[0]!.baseline).toContain('artifact');
    expect(by('AHASD', 'vs SpecPIM')[0]!.other_readings[0]!.baseline).toContain('artifact');
    expect(by('PIM-LLM', '')[0]!.baseline).toContain('as printed');
    // The README's reproduction table is this run's, regenerated with `reproduce --markdown`.
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const block = /<!-- reproduce:begin -->\n([\s\S]*?)<!-- reproduce:end -->/.exec(readme);
    expect(block, 'README reproduction markers').not.toBeNull();
    expect(block![1], 'README table: run `node bin/specreplay.js reproduce --markdown` and paste it between the markers').toBe(claimsMarkdown(rows));
  }, 120_000);
  it('an unknown paper is a user error naming the choices', async () => {
    const io = captureIo();
    expect(await main(['reproduce', 'specpm'], io)).toBe(1);
    expect(io.stderr).toContain("unknown paper 'specpm'; choose from lp-spec, specpim, ahasd, pim-llm, gpu-sd");
  });
});
