/** specreplay replay from the CLI on the bundled EAGLE Spec-Bench trace under the three baselines. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { main } from '../../src/cli/main.js';
import { captureIo, ROOT, tmpDir } from '../helpers.js';

const EAGLE = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');

describe('specreplay replay', () => {
  it('the bundled EAGLE trace under ar-npu, sd-npu, sd-gemv-pim: summary with tokens/s, tokens/J, committed per step, imputed share, utilization', async () => {
    const out = path.join(tmpDir(), 'run');
    const io = captureIo();
    const code = await main(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--platform', 'gemv-pim', '--policy', 'ar-npu', '--policy', 'sd-npu', '--policy', 'sd-gemv-pim', '-o', out, '--json', '--timeline', '81/0'], io);
    expect(code, io.stderr).toBe(0);
    const s = JSON.parse(io.stdout);
    expect(s.policies.map((p: { policy: string }) => p.policy)).toEqual(['ar-npu', 'sd-npu', 'sd-gemv-pim']);
    for (const p of s.policies) {
      for (const k of ['policy', 'requests', 'steps', 'output_tokens', 'imputed_steps', 'time_s', 'energy_j', 'tokens_per_s', 'tokens_per_j', 'committed_per_step', 'imputed_share', 'utilization']) expect(p).toHaveProperty(k);
      expect(p.output_tokens).toBe(91342);
      expect(p.imputed_steps).toBe(0);
      // 95% intervals of the aggregate rates bracket the point estimates and are not degenerate.
      for (const k of ['tokens_per_s', 'tokens_per_j'] as const) {
        expect(p.ci95[k].lo).toBeLessThan(p[k]);
        expect(p.ci95[k].hi).toBeGreaterThan(p[k]);
      }
      expect(p.ci95.energy_per_token_j.lo).toBeLessThan(p.energy_j / p.decoded_tokens);
      expect(p.ci95.energy_per_token_j.hi).toBeGreaterThan(p.energy_j / p.decoded_tokens);
    }
    expect(s.policies[0].steps).toBe(91342);
    expect(s.policies[1].steps).toBe(25525);
    expect(s.policies[1].committed_per_step).toBeCloseTo(3.5785, 3);
    expect(s.policies[1].tokens_per_s).toBeGreaterThan(s.policies[0].tokens_per_s);
    for (const f of ['config.json', 'steps.arrow', 'requests.arrow', 'energy.arrow', 'summary.json']) expect(fs.existsSync(path.join(out, f))).toBe(true);
    const steps = tableFromIPC(fs.readFileSync(path.join(out, 'steps.arrow')));
    expect(steps.numRows).toBe(91342 + 2 * 25525);
    const timeline = JSON.parse(fs.readFileSync(path.join(out, 'timelines', 'sd-npu', '81%2F0.json'), 'utf8'));
    // draft + verify per step of turn 0 on the phase tracks (tid < 10); the operators, on tracks 10+, only in the per-request file
    expect(timeline.traceEvents.filter((e: { ph: string; tid: number }) => e.ph === 'X' && e.tid < 10).length).toBe(2 * 294 + 0);
    expect(timeline.traceEvents.filter((e: { ph: string; tid: number }) => e.ph === 'X' && e.tid >= 10).length).toBe(0);
    const all = JSON.parse(fs.readFileSync(path.join(out, 'timelines', 'requests', '81%2F0.json'), 'utf8'));
    const sdNpu = 1 + (all.otherData.policies as string[]).indexOf('sd-npu');
    expect(all.traceEvents.filter((e: { ph: string; pid: number; tid: number }) => e.ph === 'X' && e.pid === sdNpu && e.tid < 10).length).toBe(2 * 294);
    expect(all.traceEvents.filter((e: { ph: string; pid: number; tid: number }) => e.ph === 'X' && e.pid === sdNpu && e.tid >= 10).length).toBeGreaterThan(2 * 294);
    const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ models: { target: 'vicuna-7b', draft: 'eagle-vicuna-7b', precision: 'int8' }, platform: { id: 'gemv-pim' } });
  });

  it('a trace lacking what a policy needs: a clear error naming the signal and the options; no run directory', async () => {
    const out = path.join(tmpDir(), 'run');
    const io = captureIo();
    const sps = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
    expect(await main(['replay', sps, '--platform', 'mobile-npu-lpddr5', '--policy', 'sd-npu', '-o', out], io)).toBe(1);
    expect(io.stderr).toMatch(/does not record draft lengths .*set draft.max_len=K/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--set draft.max_len replays chains (imputed where the trace is silent); unknown keys list the valid ones', async () => {
    const out = path.join(tmpDir(), 'run');
    const io = captureIo();
    const sps = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
    expect(await main(['replay', sps, '--platform', 'mobile-npu-lpddr5', '--policy', 'sd-npu', '--set', 'draft.max_len=4', '-o', out, '--json'], io)).toBe(0);
    const p = JSON.parse(io.stdout).policies[0];
    expect(p.output_tokens).toBe(91541);
    expect(p.imputed_share).toBeGreaterThan(0);
    const bad = captureIo();
    expect(await main(['replay', sps, '--platform', 'mobile-npu-lpddr5', '--policy', 'sd-npu', '--set', 'draft.maxlen=4', '-o', out], bad)).toBe(1);
    expect(bad.stderr).toMatch(/field 'draft.maxlen': no such field; fields: seed, workload.precision/);
    const typo = captureIo();
    expect(await main(['replay', sps, '--platform', 'mobile-npu-lpddr5', '--policy', 'ar-npu', '--timeline', '81/9', '-o', out], typo)).toBe(1);
    expect(typo.stderr).toContain('--timeline 81/9: no request with this id in the trace (ids look like 81/0, 81/1, 82/0');
  });
});

describe('preconditions', () => {
  it('every policy is checked before any replays: a bad last policy fails before the first runs a step', async () => {
    const { replay } = await import('../../src/replay/replay.js');
    const { ingestFile } = await import('../../src/ingest/ingest.js');
    const { trace } = await ingestFile(EAGLE, 'spec-bench', { tree: 'eagle-mc_sim_7b_63' });
    let progressed = 0;
    expect(() =>
      replay({ trace, platform: 'ahasd', policies: ['sd-npu', 'ar-npu', 'ahasd'], sets: ['workload.draft=llama-68m'], onProgress: () => progressed++ }),
    ).toThrow(/ahasd \(EDC or the adaedl rule\) needs draft entropy/);
    expect(progressed).toBe(0);
  });
});
