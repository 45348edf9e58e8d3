/**
 * Step shapes: a policy whose steps do not depend on the platform's numbers, recorded once and
 * priced on other platforms, adds up to exactly what a whole replay on those platforms gives
 * (summary and per-request totals, to the bit), whatever the platform's numbers.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../src/replay/replay.js';
import { hasPlatformIndependentSteps, priceStepShapes, recordStepShapes, ShapeCache } from '../../src/replay/step-shapes.js';
import { loadBundled } from '../../src/reproduce/bundled-trace.js';
import { float64 } from '../../src/schema/columns.js';
import { runTask } from '../../src/sweep/task.js';
import { firstRequests } from '../../src/trace/subset.js';
import type { Trace } from '../../src/trace/trace.js';

let eagle: Trace;
let medusa: Trace;
beforeAll(async () => {
  eagle = firstRequests(await loadBundled('specbench-vicuna7b-eagle'), 6);
  medusa = firstRequests(await loadBundled('medusa-mtbench-vicuna7b-run0'), 6);
});

/** Recorded with the replay settings alone, priced with the platform's numbers added. */
function expectSameAsWhole(trace: Trace, platform: string, policy: string, settings: string[], numbers: string[] = []) {
  const shapes = recordStepShapes(trace, platform, policy, settings);
  const sets = [...settings, ...numbers];
  const priced = priceStepShapes(shapes, trace, platform, sets);
  const whole = replay({ trace, platform, policies: [policy], sets }).policies[0]!;
  for (const k of ['tokens_per_s', 'tokens_per_j', 'edp_j_s', 'energy_per_token_j', 'time_s', 'energy_j', 'steps', 'decoded_tokens', 'imputed_steps', 'committed_per_step'] as const) {
    expect(priced.summary[k], `${policy} on ${platform} ${sets.join(' ')}: ${k}`).toBe(whole.summary[k]);
  }
  expect(Array.from(priced.requests.time_ns)).toEqual(Array.from(float64(whole.requests, 'time_ns').values));
  expect(Array.from(priced.requests.energy_pj)).toEqual(Array.from(float64(whole.requests, 'energy_pj').values));
}

describe('step shapes', () => {
  it('only the baselines whose steps the platform does not decide qualify', () => {
    expect(['ar-npu', 'sd-npu', 'sd-gemv-pim'].every(hasPlatformIndependentSteps)).toBe(true);
    for (const p of ['lp-spec', 'specpim', 'ahasd', 'pim-llm']) expect(hasPlatformIndependentSteps(p), p).toBe(false);
    expect(() => recordStepShapes(eagle, 'lp-spec', 'lp-spec', [])).toThrow(/decides its steps from the platform/);
  });

  it('priced on the platform they were recorded on: the whole replay, to the bit (every qualifying policy, trees and chains)', () => {
    expectSameAsWhole(eagle, 'lp-spec', 'sd-gemv-pim', []);
    expectSameAsWhole(eagle, 'lp-spec', 'ar-npu', []);
    expectSameAsWhole(medusa, 'gpu-rtx3090', 'sd-npu', ['draft.tree=medusa-mc_sim_7b_63']);
    expectSameAsWhole(eagle, 'mobile-npu-lpddr5', 'sd-npu', ['draft.max_len=3']);
  });

  it('priced on other numbers (PIM clock, DRAM channels, energies, NPU memory cap): the whole replay on those numbers, to the bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 400 }),
        fc.constantFrom(2, 4, 8),
        fc.double({ min: 0.5, max: 8, noNaN: true }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        fc.constantFrom('sd-gemv-pim', 'ar-npu', 'sd-npu'),
        (mhz, channels, pj, util, policy) => {
          const sets = [`pim.freq_mhz=${mhz}`, `dram.channels=${channels}`, `energy_table.actions.dram_internal_bytes.pj=${pj}`, `npu.memory_utilization=${util}`];
          expectSameAsWhole(eagle, 'lp-spec', policy, [], sets);
        },
      ),
      { numRuns: 8, seed: 7 },
    );
  });

  it('a cache records each policy once per trace and settings; other policies replay whole', () => {
    const cache = new ShapeCache();
    const tree = ['draft.tree=medusa-mc_sim_7b_63'];
    for (const mhz of [100, 150]) {
      const sets = [...tree, `pim.freq_mhz=${mhz}`];
      const a = cache.summaries(medusa, 'lp-spec', ['sd-gemv-pim', 'lp-spec'], sets);
      const whole = replay({ trace: medusa, platform: 'lp-spec', policies: ['sd-gemv-pim', 'lp-spec'], sets }).policies.map((p) => p.summary.tokens_per_s);
      expect(a.map((s) => s.tokens_per_s)).toEqual(whole);
    }
    // Other settings of the drafting are other steps: recorded again, not priced from the first.
    const chains = cache.summaries(eagle, 'lp-spec', ['sd-gemv-pim'], ['draft.max_len=2'])[0]!;
    expect(chains.tokens_per_s).toBe(replay({ trace: eagle, platform: 'lp-spec', policies: ['sd-gemv-pim'], sets: ['draft.max_len=2'] }).policies[0]!.summary.tokens_per_s);
  });

  it('a sweep task without a run directory (priced by shapes) gives the rows a whole replay gives, intervals included', () => {
    const task = { index: 0, id: 't', trace: 'x', tree: null, platform: 'lp-spec', policies: ['sd-gemv-pim', 'ar-npu'], knobs: {}, sets: ['pim.freq_mhz=150'] };
    const byShapes = runTask(task, eagle, { baseline: 'ar-npu', runDir: null, versions: {} });
    const dir = `${process.env['TMPDIR'] ?? '/tmp'}/specreplay-shapes-${process.pid}`;
    const whole = runTask(task, eagle, { baseline: 'ar-npu', runDir: dir, versions: {} });
    expect(byShapes).toEqual(whole);
  });
});
