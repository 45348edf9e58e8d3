/**
 * sd-npu: the "GPU-only" / "NPU-only" speculative baseline. Draft and verification alternate
 * on one compute device. Replays the recorded drafting unless draft.max_len / draft.tree say
 * otherwise.
 */
import { checkRecordedDrafting, draftingChoice } from './drafting.js';
import type { PolicyFactory } from './interface.js';
import { allOn, computeDevice } from './placements.js';

export const sdNpu: PolicyFactory = {
  describe: () => ({
    id: 'sd-npu',
    system: 'GPU-only / NPU-only speculative baseline',
    summary: 'draft and verify alternate on one compute device (NPU, or the GPU of a GPU platform); recorded drafting by default',
    params: {},
    recorded_drafting: true,
    platform_independent_steps: true,
  }),
  check(ctx) {
    computeDevice(ctx.platform);
    checkRecordedDrafting(ctx, 'sd-npu');
  },
  create(ctx) {
    const place = allOn(computeDevice(ctx.platform));
    const plan = { draft: draftingChoice(ctx), draft_placement: place, verify_placement: place };
    return { kind: 'sync', plan: () => plan };
  },
};
