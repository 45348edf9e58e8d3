/**
 * Operators: what one phase of a step asks of the hardware. A GEMM multiplies an M x K
 * activation by a K x N weight (`batch` independent instances, e.g. attention heads); a
 * vector op is element-wise / reduction work. `repeat` counts identical executions (layers,
 * drafted depths); every byte and MAC field is per execution, so totals are x repeat.
 */

export type Precision = 'fp16' | 'int8' | 'w1a8';

export interface PrecisionSpec {
  readonly weight_bits: number;
  readonly act_bits: number;
  readonly kv_bits: number;
  /** The MAC datapath the precision uses (what the energy table prices). */
  readonly mac: 'fp16' | 'int8';
}

export const PRECISIONS: Readonly<Record<Precision, PrecisionSpec>> = {
  fp16: { weight_bits: 16, act_bits: 16, kv_bits: 16, mac: 'fp16' },
  int8: { weight_bits: 8, act_bits: 8, kv_bits: 8, mac: 'int8' },
  // PIM-LLM: 1-bit (binary) projection weights with 8-bit activations (W1A8); attention W8A8.
  w1a8: { weight_bits: 1, act_bits: 8, kv_bits: 8, mac: 'int8' },
};

export type OpKind = 'gemm' | 'attention' | 'vector';
export type Phase = 'draft' | 'verify' | 'ar';

/** Which part of the layer an op is: projections are weight GEMMs; attention reads the KV cache. */
export type OpRole = 'fc' | 'attention' | 'lm_head' | 'norm' | 'softmax' | 'activation' | 'residual' | 'embedding';

export interface Op {
  readonly name: string;
  readonly model: string;
  readonly phase: Phase;
  readonly kind: OpKind;
  readonly role: OpRole;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly batch: number;
  readonly repeat: number;
  readonly precision: Precision;
  /** Weight bytes read (for attention: the KV cache read is in kv_read_bytes instead). */
  readonly weight_bytes: number;
  readonly act_in_bytes: number;
  readonly act_out_bytes: number;
  readonly kv_read_bytes: number;
  readonly kv_write_bytes: number;
  readonly macs: number;
  readonly vector_ops: number;
}

/** Totals over a list of ops (x repeat). */
export interface OpTotals {
  readonly macs: number;
  readonly weight_bytes: number;
  readonly kv_read_bytes: number;
  readonly kv_write_bytes: number;
  readonly act_bytes: number;
  readonly vector_ops: number;
}

export function totals(ops: readonly Op[]): OpTotals {
  let macs = 0;
  let weight = 0;
  let kvr = 0;
  let kvw = 0;
  let act = 0;
  let vec = 0;
  for (const o of ops) {
    macs += o.macs * o.repeat;
    weight += o.weight_bytes * o.repeat;
    kvr += o.kv_read_bytes * o.repeat;
    kvw += o.kv_write_bytes * o.repeat;
    act += (o.act_in_bytes + o.act_out_bytes) * o.repeat;
    vec += o.vector_ops * o.repeat;
  }
  return { macs, weight_bytes: weight, kv_read_bytes: kvr, kv_write_bytes: kvw, act_bytes: act, vector_ops: vec };
}
