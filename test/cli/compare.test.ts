/** specreplay compare on a replayed run of the bundled EAGLE trace. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, ROOT, tmpDir } from '../helpers.js';

const EAGLE = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');

describe('specreplay compare', () => {
  it('prints one row per policy and metric against the baseline and writes compare.md / .csv / .json into the run', async () => {
    const run = path.join(tmpDir(), 'run');
    expect(await main(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--platform', 'gemv-pim', '--policy', 'ar-npu', '--policy', 'sd-npu', '-o', run, '-q'], captureIo())).toBe(0);
    const io = captureIo();
    expect(await main(['compare', run, '--json'], io), io.stderr).toBe(0);
    const j = JSON.parse(io.stdout);
    expect(j.baseline).toBe('ar-npu');
    expect(j.comparisons).toHaveLength(2);
    const c = j.comparisons[0];
    for (const k of ['policy', 'baseline', 'metric', 'n', 'geomean_ratio', 'ci', 'wilcoxon_p', 't_p', 'effect_size_dz', 'favour_policy', 'favour_baseline', 'ties']) expect(c).toHaveProperty(k);
    expect(c.n).toBe(560);
    expect(c.geomean_ratio).toBeGreaterThan(1);
    expect(c.ci.lo).toBeLessThanOrEqual(c.geomean_ratio);
    for (const f of ['compare.md', 'compare.csv', 'compare.json']) expect(fs.existsSync(path.join(run, f))).toBe(true);
    expect(fs.readFileSync(path.join(run, 'compare.csv'), 'utf8').split('\n')[0]).toMatch(/^policy,baseline,metric,n,geomean_ratio,ci_lo,ci_hi/);
    const again = captureIo();
    expect(await main(['compare', run, '--json'], again)).toBe(0);
    expect(again.stdout).toBe(io.stdout); // seeded: identical
    const bad = captureIo();
    expect(await main(['compare', run, '--baseline', 'lp-spec'], bad)).toBe(1);
    expect(bad.stderr).toContain("baseline 'lp-spec': not in this run; its policies: ar-npu, sd-npu");
    const notRun = captureIo();
    expect(await main(['compare', path.join(run, 'config.json')], notRun)).toBe(1);
    expect(notRun.stderr).toContain('not a run directory');
  }, 60_000);
});
