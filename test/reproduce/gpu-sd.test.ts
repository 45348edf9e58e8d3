/**
 * The measured values the GPU SD rows compare against, recomputed from the files they come from,
 * and the diagnostic the mixed-code rows print beside their gap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundled } from '../../src/reproduce/bundled-trace.js';
import { impliedBaselineHostShare } from '../../src/reproduce/gpu-sd.js';
import { run } from '../../src/reproduce/run.js';
import { PLATFORMS } from '../../src/platform/platforms.js';

const REST_DIR = path.join(import.meta.dirname, '..', '..', 'traces', 'rest-mtbench-vicuna7b-v1.5');

function rate(file: string): number {
  let tokens = 0;
  let seconds = 0;
  for (const line of fs.readFileSync(path.join(REST_DIR, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = (JSON.parse(line) as { choices: { new_tokens: number[]; wall_time: number[] }[] }).choices[0]!;
    tokens += c.new_tokens.reduce((a, b) => a + b, 0);
    seconds += c.wall_time.reduce((a, b) => a + b, 0);
  }
  return tokens / seconds;
}

describe("REST's measured speedup on its RTX A6000", () => {
  it("is 1.70x: REST's MT-Bench answers against its autoregressive baseline's, tokens over wall time", () => {
    const rest = rate('rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    const base = rate('baseline-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    expect(base).toBeCloseTo(41244 / 1060.6, 1);
    expect(rest / base).toBeCloseTo(1.7, 2);
  });
});

describe('the host share a mixed-code row implies for its baseline', () => {
  it('put back into the baseline\'s host time, gives the published speedup', async () => {
    const trace = await loadBundled('specbench-vicuna7b-eagle');
    const sets = ['workload.precision=fp16'];
    const platform = 'specbench-rtx3090';
    const sd = run(trace, platform, 'sd-npu', sets);
    const ar = run(trace, platform, 'ar-npu', sets);
    const arDevice = run(trace, platform, 'ar-npu', [...sets, 'gpu.kernel_launch_ns=0']);
    const published = 2.03;
    const share = impliedBaselineHostShare(published, sd, ar, arDevice);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    const hostNs = PLATFORMS[platform]!.gpu!.kernel_launch_ns;
    const arScaled = run(trace, platform, 'ar-npu', [...sets, `gpu.kernel_launch_ns=${share * hostNs}`]);
    expect(sd.tokens_per_s / arScaled.tokens_per_s).toBeCloseTo(published, 6);
    // At the share the model charges (1), the row's own prediction comes back.
    expect(impliedBaselineHostShare(sd.tokens_per_s / ar.tokens_per_s, sd, ar, arDevice)).toBeCloseTo(1, 9);
  });
});
