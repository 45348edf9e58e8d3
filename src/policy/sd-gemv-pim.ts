/**
 * sd-gemv-pim: the GEMV-accelerated PIM baseline. GEMV-shaped operators (M no larger than
 * `gemv_max_m`) run on the bank-level PIM, the rest on the NPU, one after another (no
 * overlap). Drafting at M = 1 therefore lands on PIM; verification of a wide tree stays on the
 * NPU.
 */
import { messages } from '../config/messages.js';
import { KNOB } from '../config/knobs.js';
import { UserError } from '../config/user-error.js';
import { checkRecordedDrafting, draftingChoice } from './drafting.js';
import type { PolicyFactory } from './interface.js';
import { computeDevice, gemvOnPim } from './placements.js';

export const sdGemvPim: PolicyFactory = {
  describe: () => ({
    id: 'sd-gemv-pim',
    system: 'GEMV-accelerated PIM baseline',
    summary: 'GEMV-shaped ops (M <= gemv_max_m) on PIM, the rest on the NPU, serialized; recorded drafting by default',
    recorded_drafting: true,
    platform_independent_steps: true,
    params: { gemv_max_m: { default: 1, doc: 'largest M run on PIM (GEMV-shaped work)', knob: KNOB.int(0, 65_536, 'rows') } },
  }),
  check(ctx) {
    if (!ctx.platform.config.pim) throw new UserError(messages.policyNeedsHardware('sd-gemv-pim', 'a platform with PIM', ctx.platform.config.id, 'PIM', ['gemv-pim', 'lp-spec', 'ahasd']));
    computeDevice(ctx.platform);
    checkRecordedDrafting(ctx, 'sd-gemv-pim');
  },
  create(ctx) {
    const place = gemvOnPim(Number(ctx.params['gemv_max_m']), computeDevice(ctx.platform));
    const plan = { draft: draftingChoice(ctx), draft_placement: place, verify_placement: place };
    return { kind: 'sync', plan: () => plan };
  },
};
