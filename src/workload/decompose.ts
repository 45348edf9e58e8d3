/**
 * A step's phases as operators (MODELS.md "Workload"):
 *   - verification: one target forward over M = drafted nodes + 1 tokens with a tree
 *     attention mask over the context L (dense hardware computes the M x (L + M) scores);
 *   - autoregressive step: the same with M = 1;
 *   - draft: a draft model once per drafted depth (M = 1 for a chain, the depth's width for a
 *     tree), Medusa's heads once on the last hidden state, EAGLE's head once per depth.
 * Per layer: norm, QKV projection (+ KV write), attention score and context (KV cache read of
 * L x kv_dim x 2), softmax, output projection, residual, norm, FFN (SwiGLU: fused gate/up then
 * down; GELU/ReLU: up then down), residual; then the final norm and the LM head.
 */
import type { ModelShape } from './models.js';
import { PRECISIONS, type Op, type OpKind, type OpRole, type Phase, type Precision } from './ops.js';

/** Element-wise work per element (cited approximations of the op counts). */
export const VECTOR_OPS_PER_ELEMENT = {
  rmsnorm: 4, // square, accumulate, scale by 1/rms, multiply by the gain
  layernorm: 5, // mean, subtract, square-accumulate, scale, affine
  softmax: 5, // max, subtract, exp, accumulate, divide
  swiglu: 5, // sigmoid (3: neg, exp, reciprocal), multiply by x, multiply by the up projection
  gelu: 8, // tanh approximation: cube, multiply-add, tanh, add, multiply x2
  relu: 1,
  residual: 1,
} as const;

interface Ctx {
  readonly model: ModelShape;
  readonly phase: Phase;
  readonly precision: Precision;
  readonly repeat: number;
}

function op(c: Ctx, name: string, kind: OpKind, role: OpRole, dims: { m: number; k: number; n: number; batch?: number }, extra: Partial<Op> = {}): Op {
  const p = PRECISIONS[c.precision];
  const batch = dims.batch ?? 1;
  const isGemm = kind !== 'vector';
  return {
    name,
    model: c.model.id,
    phase: c.phase,
    kind,
    role,
    m: dims.m,
    k: dims.k,
    n: dims.n,
    batch,
    repeat: c.repeat,
    precision: c.precision,
    weight_bytes: kind === 'gemm' ? (dims.k * dims.n * batch * p.weight_bits) / 8 : 0,
    act_in_bytes: isGemm ? (dims.m * dims.k * batch * p.act_bits) / 8 : 0,
    act_out_bytes: isGemm ? (dims.m * dims.n * batch * p.act_bits) / 8 : 0,
    kv_read_bytes: 0,
    kv_write_bytes: 0,
    macs: isGemm ? dims.m * dims.k * dims.n * batch : 0,
    vector_ops: 0,
    ...extra,
  };
}

function vector(c: Ctx, name: string, role: OpRole, elements: number, perElement: number): Op {
  return op(c, name, 'vector', role, { m: elements, k: 1, n: 1 }, { vector_ops: elements * perElement });
}

const normOps = (m: ModelShape) => (m.ffn_kind === 'swiglu' ? VECTOR_OPS_PER_ELEMENT.rmsnorm : VECTOR_OPS_PER_ELEMENT.layernorm);

/** The operators of a layer that depend on the context: attention score, softmax, attention context. */
function contextOps(c: Ctx, m: number, context: number): [Op, Op, Op] {
  const { model } = c;
  const p = PRECISIONS[c.precision];
  const qDim = model.heads * model.head_dim;
  const kvDim = model.kv_heads * model.head_dim;
  const span = context + m;
  const kvBytes = p.kv_bits / 8;
  const actBytes = p.act_bits / 8;
  return [
    op(c, 'attn_score', 'attention', 'attention', { m, k: model.head_dim, n: span, batch: model.heads }, {
      weight_bytes: 0,
      act_in_bytes: m * qDim * actBytes,
      act_out_bytes: model.heads * m * span * actBytes,
      kv_read_bytes: context * kvDim * kvBytes,
    }),
    vector(c, 'softmax', 'softmax', model.heads * m * span, VECTOR_OPS_PER_ELEMENT.softmax),
    op(c, 'attn_context', 'attention', 'attention', { m, k: span, n: model.head_dim, batch: model.heads }, {
      weight_bytes: 0,
      act_in_bytes: model.heads * m * span * actBytes,
      act_out_bytes: m * qDim * actBytes,
      kv_read_bytes: context * kvDim * kvBytes,
    }),
  ];
}

/** Where the context-dependent operators sit in a layer's list. */
const CONTEXT_SLOTS = [2, 3, 4] as const;

/** A layer's operators at context 0 (the rest of the list does not depend on the context). */
function layerTemplate(c: Ctx, m: number): Op[] {
  const { model } = c;
  const p = PRECISIONS[c.precision];
  const h = model.hidden;
  const qDim = model.heads * model.head_dim;
  const kvDim = model.kv_heads * model.head_dim;
  const kvBytes = p.kv_bits / 8;
  const ops: Op[] = [
    vector(c, 'norm_attn', 'norm', m * h, normOps(model)),
    op(c, 'qkv', 'gemm', 'fc', { m, k: h, n: qDim + 2 * kvDim }, { kv_write_bytes: m * 2 * kvDim * kvBytes }),
    ...contextOps(c, m, 0),
    op(c, 'out_proj', 'gemm', 'fc', { m, k: qDim, n: h }),
    vector(c, 'residual_attn', 'residual', m * h, VECTOR_OPS_PER_ELEMENT.residual),
    vector(c, 'norm_ffn', 'norm', m * h, normOps(model)),
  ];
  if (model.ffn_kind === 'swiglu') {
    ops.push(op(c, 'ffn_gate_up', 'gemm', 'fc', { m, k: h, n: 2 * model.ffn }));
    ops.push(vector(c, 'ffn_act', 'activation', m * model.ffn, VECTOR_OPS_PER_ELEMENT.swiglu));
  } else {
    ops.push(op(c, 'ffn_up', 'gemm', 'fc', { m, k: h, n: model.ffn }));
    ops.push(vector(c, 'ffn_act', 'activation', m * model.ffn, VECTOR_OPS_PER_ELEMENT[model.ffn_kind]));
  }
  ops.push(op(c, 'ffn_down', 'gemm', 'fc', { m, k: model.ffn, n: h }));
  ops.push(vector(c, 'residual_ffn', 'residual', m * h, VECTOR_OPS_PER_ELEMENT.residual));
  return ops;
}

/**
 * Layer templates by model and (phase, precision, M, repeat): the context-independent
 * operators are shared between contexts (operators are read-only), so a phase at a new
 * context allocates only its three attention operators, and the phase-cost memo recognises
 * the others by identity.
 */
const templates = new WeakMap<ModelShape, Map<string, Op[]>>();

/** One decoder layer over M tokens attending to `context` cached tokens plus themselves. */
export function layerOps(model: ModelShape, phase: Phase, precision: Precision, m: number, context: number, repeat: number): Op[] {
  const c: Ctx = { model, phase, precision, repeat };
  let byModel = templates.get(model);
  if (byModel === undefined) templates.set(model, (byModel = new Map()));
  const key = `${phase}|${precision}|${m}|${repeat}`;
  let t = byModel.get(key);
  if (t === undefined) byModel.set(key, (t = layerTemplate(c, m)));
  const ops = t.slice();
  const ctxOps = contextOps(c, m, context);
  for (let i = 0; i < CONTEXT_SLOTS.length; i++) ops[CONTEXT_SLOTS[i]!] = ctxOps[i]!;
  return ops;
}

/** The LM head over M tokens (after the final norm). */
function headOps(model: ModelShape, phase: Phase, precision: Precision, m: number, repeat: number): Op[] {
  const c: Ctx = { model, phase, precision, repeat };
  const norm = vector(c, 'final_norm', 'norm', m * model.hidden, normOps(model));
  return model.lm_head === false ? [norm] : [norm, op(c, 'lm_head', 'gemm', 'lm_head', { m, k: model.hidden, n: model.vocab })];
}

/** A full decoder forward over M tokens with `context` tokens cached, executed `repeat` times. */
export function forwardOps(model: ModelShape, phase: Phase, precision: Precision, m: number, context: number, repeat = 1): Op[] {
  if (model.kind !== 'decoder') throw new Error(`${model.id} is a ${model.kind}, not a decoder`);
  return [...layerOps(model, phase, precision, m, context, repeat * model.layers), ...headOps(model, phase, precision, m, repeat)];
}

/** An autoregressive step of the target: M = 1. */
export function arStepOps(target: ModelShape, context: number, precision: Precision): Op[] {
  return forwardOps(target, 'ar', precision, 1, context);
}

/** Verification of `tokens` tree tokens (drafted nodes + the root) over context L. */
export function verifyOps(target: ModelShape, tokens: number, context: number, precision: Precision): Op[] {
  return forwardOps(target, 'verify', precision, tokens, context);
}

/** How the draft is produced: a chain of k tokens, or a tree with the given width per depth. */
export type DraftPlan = { readonly kind: 'chain'; readonly k: number } | { readonly kind: 'tree'; readonly widths: readonly number[] };

function depthWidths(plan: DraftPlan): number[] {
  return plan.kind === 'chain' ? Array<number>(plan.k).fill(1) : [...plan.widths];
}

/** Groups equal widths so identical passes become one op with a repeat count. */
function groupedPasses(widths: readonly number[], context: number): { m: number; context: number; repeat: number }[] {
  const byWidth = new Map<number, { sumCtx: number; n: number }>();
  let ctx = context;
  for (const w of widths) {
    const g = byWidth.get(w) ?? { sumCtx: 0, n: 0 };
    g.sumCtx += ctx;
    g.n++;
    byWidth.set(w, g);
    ctx += w;
  }
  // Attention cost is linear in the context, so the mean context of a group is exact.
  return [...byWidth].map(([m, g]) => ({ m, context: g.sumCtx / g.n, repeat: g.n }));
}

/**
 * The draft phase: a draft decoder runs once per depth; Medusa's heads run once (each head a
 * ResBlock and an LM head on the last hidden state); EAGLE's head runs once per depth (fc,
 * one decoder layer, the target's LM head).
 */
export function draftOps(draft: ModelShape, plan: DraftPlan, context: number, precision: Precision): Op[] {
  const widths = depthWidths(plan);
  if (widths.length === 0) return [];
  if (draft.kind === 'decoder') {
    return groupedPasses(widths, context).flatMap((g) => forwardOps(draft, 'draft', precision, g.m, g.context, g.repeat));
  }
  if (draft.kind === 'medusa-heads') {
    const heads = draft.medusa_heads ?? 1;
    const c: Ctx = { model: draft, phase: 'draft', precision, repeat: heads };
    const h = draft.hidden;
    return [
      op(c, 'medusa_resblock', 'gemm', 'fc', { m: 1, k: h, n: h }),
      vector(c, 'medusa_silu_residual', 'activation', h, VECTOR_OPS_PER_ELEMENT.swiglu - 1 + VECTOR_OPS_PER_ELEMENT.residual),
      op(c, 'medusa_lm_head', 'gemm', 'lm_head', { m: 1, k: h, n: draft.vocab }),
    ];
  }
  // EAGLE: per depth, fc over [feature, token embedding] then one decoder layer and the LM head.
  return groupedPasses(widths, context).flatMap((g) => {
    const c: Ctx = { model: draft, phase: 'draft', precision, repeat: g.repeat };
    return [
      op(c, 'eagle_fc', 'gemm', 'fc', { m: g.m, k: 2 * draft.hidden, n: draft.hidden }),
      ...layerOps(draft, 'draft', precision, g.m, g.context, g.repeat),
      ...headOps(draft, 'draft', precision, g.m, g.repeat),
    ];
  });
}
