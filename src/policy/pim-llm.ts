/**
 * pim-llm: PIM-LLM [PIMLLM Sec. III]. Autoregressive decoding; the 1-bit / ternary projections
 * (W_Q, W_K, W_V, W_X, FFN, LM head) run on the analog crossbars with resident weights and
 * the post-processing units (LayerNorm, GELU, residual) beside them; the attention head
 * MatMuls (Q K^T, score V, W8A8) and softmax run on the 32 x 32 output-stationary systolic
 * array, reading the KV cache from LPDDR. The TPU-LLM baseline is ar-npu on `tpu-llm`.
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { type Placement } from '../kernel/index.js';
import type { PolicyFactory } from './interface.js';

export const PIM_LLM_PLACEMENT: Placement = {
  id: 'pim-llm',
  device: (op) => (op.kind === 'attention' || op.role === 'softmax' ? 'npu' : 'xbar'),
};

export const pimLlm: PolicyFactory = {
  describe: () => ({
    id: 'pim-llm',
    system: 'PIM-LLM (projections on analog crossbars, attention on a systolic array)',
    summary: 'autoregressive; 1-bit projections on RRAM crossbars, attention and softmax on the 32 x 32 OS systolic array',
    recorded_drafting: false,
    params: {},
  }),
  check(ctx) {
    if (!ctx.platform.config.xbar || !ctx.platform.config.npu) throw new UserError(messages.policyNeedsHardware('pim-llm', 'crossbars and a systolic array', ctx.platform.config.id, 'them', ['pim-llm']));
  },
  create() {
    const plan = { draft: { kind: 'none' as const }, draft_placement: PIM_LLM_PLACEMENT, verify_placement: PIM_LLM_PLACEMENT };
    return { kind: 'sync', plan: () => plan };
  },
};
