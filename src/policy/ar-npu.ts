/**
 * ar-npu: the autoregressive baseline. No speculation: one target forward per output token,
 * everything on the NPU (or the GPU of a GPU platform).
 */
import type { PolicyFactory } from './interface.js';
import { allOn, computeDevice } from './placements.js';

export const arNpu: PolicyFactory = {
  describe: () => ({ id: 'ar-npu', system: 'autoregressive baseline', summary: 'no speculation; one token per step, everything on the NPU (or GPU)', params: {}, recorded_drafting: false, platform_independent_steps: true }),
  check: (ctx) => void computeDevice(ctx.platform),
  create(ctx) {
    const place = allOn(computeDevice(ctx.platform));
    const plan = { draft: { kind: 'none' as const }, draft_placement: place, verify_placement: place };
    return { kind: 'sync', plan: () => plan };
  },
};
