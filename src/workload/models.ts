/**
 * The model catalog: shapes of target and draft models, each with its source. Decoder
 * shapes are the Hugging Face `config.json` values of the named checkpoint unless stated.
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';

export type FfnKind = 'swiglu' | 'gelu' | 'relu';
export type ModelKind = 'decoder' | 'medusa-heads' | 'eagle-head';

export interface ModelShape {
  readonly id: string;
  readonly description: string;
  readonly kind: ModelKind;
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly kv_heads: number;
  readonly head_dim: number;
  readonly ffn: number;
  readonly ffn_kind: FfnKind;
  readonly vocab: number;
  /** Medusa: number of heads (each a ResBlock + its own LM head). */
  readonly medusa_heads?: number;
  /** The model a head family drafts for (its hidden size and vocabulary). */
  readonly base?: string;
  /** False: the forward ends without the LM head (a paper's workload that lists none). Default true. */
  readonly lm_head?: boolean;
  readonly source: string;
  /** Readings of ambiguous facts. */
  readonly readings?: readonly string[];
}

const hf = (repo: string) => `Hugging Face ${repo} config.json`;

function decoder(
  id: string,
  description: string,
  s: { layers: number; hidden: number; heads: number; kv_heads?: number; head_dim?: number; ffn: number; ffn_kind: FfnKind; vocab: number },
  source: string,
  readings?: string[],
): ModelShape {
  return {
    id,
    description,
    kind: 'decoder',
    layers: s.layers,
    hidden: s.hidden,
    heads: s.heads,
    kv_heads: s.kv_heads ?? s.heads,
    head_dim: s.head_dim ?? s.hidden / s.heads,
    ffn: s.ffn,
    ffn_kind: s.ffn_kind,
    vocab: s.vocab,
    source,
    ...(readings ? { readings } : {}),
  };
}

const LLAMA_7B = { layers: 32, hidden: 4096, heads: 32, ffn: 11008, ffn_kind: 'swiglu' as const, vocab: 32000 };
const LLAMA_13B = { layers: 40, hidden: 5120, heads: 40, ffn: 13824, ffn_kind: 'swiglu' as const, vocab: 32000 };
const LLAMA3_8B = { layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336, ffn_kind: 'swiglu' as const, vocab: 128256 };

export const MODELS = {
  'llama-2-7b': decoder('llama-2-7b', 'LLaMA-2-7B', LLAMA_7B, hf('meta-llama/Llama-2-7b-hf')),
  'llama-2-13b': decoder('llama-2-13b', 'LLaMA-2-13B', LLAMA_13B, hf('meta-llama/Llama-2-13b-hf')),
  'vicuna-7b': decoder('vicuna-7b', 'Vicuna-7B (v1.3 on LLaMA-7B, v1.5 on LLaMA-2-7B: same shape)', LLAMA_7B, hf('lmsys/vicuna-7b-v1.3') + '; ' + hf('lmsys/vicuna-7b-v1.5')),
  'vicuna-13b': decoder('vicuna-13b', 'Vicuna-13B', LLAMA_13B, hf('lmsys/vicuna-13b-v1.3')),
  'vicuna-33b': decoder('vicuna-33b', 'Vicuna-33B', { layers: 60, hidden: 6656, heads: 52, ffn: 17920, ffn_kind: 'swiglu', vocab: 32000 }, hf('lmsys/vicuna-33b-v1.3')),
  'llama-3-8b': decoder('llama-3-8b', 'Llama-3-8B (GQA, 8 KV heads)', LLAMA3_8B, hf('meta-llama/Meta-Llama-3-8B')),
  'llama-3.1-8b': decoder('llama-3.1-8b', 'Llama-3.1-8B (GQA, 8 KV heads)', LLAMA3_8B, hf('meta-llama/Llama-3.1-8B-Instruct')),
  'opt-125m': decoder('opt-125m', 'OPT-125M', { layers: 12, hidden: 768, heads: 12, ffn: 3072, ffn_kind: 'relu', vocab: 50272 }, hf('facebook/opt-125m')),
  'opt-350m': decoder('opt-350m', 'OPT-350M', { layers: 24, hidden: 1024, heads: 16, ffn: 4096, ffn_kind: 'relu', vocab: 50272 }, hf('facebook/opt-350m'), [
    'OPT-350M projects embeddings from 512 to 1024 dimensions; the two small projections are not modelled',
  ]),
  'opt-1.3b': decoder('opt-1.3b', 'OPT-1.3B', { layers: 24, hidden: 2048, heads: 32, ffn: 8192, ffn_kind: 'relu', vocab: 50272 }, hf('facebook/opt-1.3b')),
  'opt-2.7b': decoder('opt-2.7b', 'OPT-2.7B', { layers: 32, hidden: 2560, heads: 32, ffn: 10240, ffn_kind: 'relu', vocab: 50272 }, hf('facebook/opt-2.7b')),
  'opt-6.7b': decoder('opt-6.7b', 'OPT-6.7B', { layers: 32, hidden: 4096, heads: 32, ffn: 16384, ffn_kind: 'relu', vocab: 50272 }, hf('facebook/opt-6.7b')),
  'gpt2-355m': decoder('gpt2-355m', 'GPT-2 Medium (355M)', { layers: 24, hidden: 1024, heads: 16, ffn: 4096, ffn_kind: 'gelu', vocab: 50257 }, hf('openai-community/gpt2-medium'), [
    'PIM-LLM Table II prints d_FF = d for GPT-2; GPT-2 uses 4d (n_inner null), which is taken',
  ]),
  'gpt2-774m': decoder('gpt2-774m', 'GPT-2 Large (774M)', { layers: 36, hidden: 1280, heads: 20, ffn: 5120, ffn_kind: 'gelu', vocab: 50257 }, hf('openai-community/gpt2-large'), [
    'PIM-LLM Table II prints d_FF = d; GPT-2 uses 4d, which is taken',
  ]),
  'gpt2-1.5b': decoder('gpt2-1.5b', 'GPT-2 XL (1.5B)', { layers: 48, hidden: 1600, heads: 25, ffn: 6400, ffn_kind: 'gelu', vocab: 50257 }, hf('openai-community/gpt2-xl'), [
    'PIM-LLM Table II prints d_FF = d; GPT-2 uses 4d, which is taken',
  ]),
  // PIM-LLM's Table II as printed [PIMLLM Table II, Table I]: GPT-2 with d_FF = d, and no LM head
  // among the MatMuls it lists (projections W_Q, W_K, W_V, W_X, the FFN pair, the two attention
  // head MatMuls). Named readings for reproducing the paper; ordinary replays use the real shapes.
  'gpt2-355m-pimllm-printed': { ...decoder('gpt2-355m-pimllm-printed', 'GPT-2 Medium as PIM-LLM Table II prints it (d_FF = d = 1024, no LM head)', { layers: 24, hidden: 1024, heads: 16, ffn: 1024, ffn_kind: 'gelu', vocab: 50257 }, '[PIMLLM Table II] as printed: d 1024, h 16, d_FF 1024, N 24; [PIMLLM Table I]: MatMuls without an LM head', [
    'the paper\'s printed d_FF = d, not GPT-2\'s 4d; no LM head (the paper\'s MatMul list has none)',
  ]), lm_head: false },
  'opt-6.7b-pimllm-printed': { ...decoder('opt-6.7b-pimllm-printed', 'OPT-6.7B as PIM-LLM Table II prints it (no LM head)', { layers: 32, hidden: 4096, heads: 32, ffn: 16384, ffn_kind: 'relu', vocab: 50272 }, '[PIMLLM Table II] as printed: d 4096, h 32, d_FF 16384, N 32; [PIMLLM Table I]: MatMuls without an LM head', [
    'no LM head (the paper\'s MatMul list has none)',
  ]), lm_head: false },
  'llama-68m': decoder('llama-68m', 'LLaMA-68M (JackFram, draft model)', { layers: 2, hidden: 768, heads: 12, ffn: 3072, ffn_kind: 'swiglu', vocab: 32000 }, hf('JackFram/llama-68m')),
  'llama-160m': decoder('llama-160m', 'LLaMA-160M (JackFram, draft model)', { layers: 12, hidden: 768, heads: 12, ffn: 3072, ffn_kind: 'swiglu', vocab: 32000 }, hf('JackFram/llama-160m')),
  'palm-8b-like': decoder('palm-8b-like', "PaLM-like 8B (AHASD's large draft model)", { layers: 32, hidden: 4096, heads: 16, kv_heads: 1, head_dim: 256, ffn: 16384, ffn_kind: 'swiglu', vocab: 256000 }, 'PaLM (Chowdhery et al. 2022) Table 1, 8B: 32 layers, d_model 4096, 16 heads, multi-query attention, d_ff = 4 d_model, SwiGLU, 256k vocabulary; AHASD paper hidden 4096; AHASD artifact 32 layers, 16 heads, vocab 256000'),
  'palm-30b-like': decoder('palm-30b-like', "PaLM-like 30B (AHASD's large target model)", { layers: 30, hidden: 8192, heads: 32, kv_heads: 1, head_dim: 256, ffn: 32768, ffn_kind: 'swiglu', vocab: 256000 }, 'AHASD paper (hidden 8192); PaLM 62B block shape (Chowdhery et al. 2022 Table 1: 32 heads, head dim 256, MQA, d_ff = 4 d_model)', [
    'AHASD names a PaLM-like 30B with hidden 8192 and no layer count (its artifact uses PaLM-62B, 64 layers); 30 layers of the PaLM-62B block give 30.4B parameters, which is taken',
  ]),
  'medusa-vicuna-7b': {
    id: 'medusa-vicuna-7b',
    description: 'Medusa-1 heads for Vicuna-7B: 5 heads, each a ResBlock (hidden x hidden, SiLU, residual) and its own LM head',
    kind: 'medusa-heads',
    layers: 1,
    hidden: 4096,
    heads: 32,
    kv_heads: 32,
    head_dim: 128,
    ffn: 4096,
    ffn_kind: 'swiglu',
    vocab: 32000,
    medusa_heads: 5,
    base: 'vicuna-7b',
    source: 'FasterDecoding/Medusa medusa/model/medusa_model.py (ResBlock, medusa_num_heads=5 for the released Vicuna-7B heads); LP-Spec reconstruction K = 5 [CAPIM baselines/lp_spec/driver.py]',
  },
  'eagle-vicuna-7b': {
    id: 'eagle-vicuna-7b',
    description: "EAGLE draft head for Vicuna-7B: fc (2 hidden -> hidden) + one LLaMA decoder layer; reuses the target's LM head",
    kind: 'eagle-head',
    layers: 1,
    hidden: 4096,
    heads: 32,
    kv_heads: 32,
    head_dim: 128,
    ffn: 11008,
    ffn_kind: 'swiglu',
    vocab: 32000,
    base: 'vicuna-7b',
    source: 'SafeAILab/EAGLE eagle/model/cnets.py (fc: Linear(2 hidden, hidden), one LlamaDecoderLayer)',
  },
} as const satisfies Record<string, ModelShape>;

export type ModelId = keyof typeof MODELS;
export const MODEL_IDS = Object.keys(MODELS) as ModelId[];

export class UnknownModelError extends UserError {
  override readonly name = 'UnknownModelError';
}

export function getModel(id: string): ModelShape {
  const m = (MODELS as Record<string, ModelShape>)[id];
  if (m === undefined) throw new UnknownModelError(messages.unknownModel(id, MODEL_IDS));
  return m;
}
