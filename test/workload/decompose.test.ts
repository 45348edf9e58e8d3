/** Decompositions against hand-computed MAC and byte counts. */
import { describe, expect, it } from 'vitest';
import { arStepOps, draftOps, verifyOps } from '../../src/workload/decompose.js';
import { getModel, MODELS } from '../../src/workload/models.js';
import { totals } from '../../src/workload/ops.js';

describe('LLaMA-2-7B', () => {
  const m = getModel('llama-2-7b');
  // Per layer: QKV 4096x12288, out 4096x4096, gate/up 4096x22016, down 11008x4096.
  const perLayer = 4096 * 12288 + 4096 * 4096 + 4096 * 22016 + 11008 * 4096; // 202,375,168
  const lmHead = 4096 * 32000; // 131,072,000
  it('an autoregressive step at context 0: 6,607,077,376 weight MACs, FP16 weights 2 bytes each', () => {
    const t = totals(arStepOps(m, 0, 'fp16'));
    expect(perLayer).toBe(202_375_168);
    // attention at context 0 still attends to the new token itself: 2 x 32 heads x 128 MACs per layer
    const attn = 32 * (2 * 32 * 128);
    expect(t.macs).toBe(32 * perLayer + lmHead + attn);
    expect(32 * perLayer + lmHead).toBe(6_607_077_376);
    expect(t.weight_bytes).toBe(2 * (32 * perLayer + lmHead));
    expect(t.kv_read_bytes).toBe(0);
    expect(t.kv_write_bytes).toBe(32 * 2 * 4096 * 2); // K and V of one token, 32 layers, FP16
  });
  it('verification of 26 tokens (EAGLE tree + root) at context 1000, INT8: weights read once, KV read 2 x L x 4096 per layer', () => {
    const t = totals(verifyOps(m, 26, 1000, 'int8'));
    expect(t.weight_bytes).toBe(32 * perLayer + lmHead);
    expect(t.kv_read_bytes).toBe(32 * 2 * 1000 * 4096);
    const attn = 32 * 2 * 32 * 26 * 128 * (1000 + 26);
    expect(t.macs).toBe(26 * (32 * perLayer + lmHead) + attn);
    expect(t.kv_write_bytes).toBe(32 * 26 * 2 * 4096);
  });
});

describe('OPT-6.7B', () => {
  const m = getModel('opt-6.7b');
  it('ReLU FFN 4096 -> 16384 -> 4096: 201,326,592 weight MACs per layer; LM head 4096 x 50272', () => {
    const perLayer = 4096 * 3 * 4096 + 4096 * 4096 + 4096 * 16384 * 2;
    expect(perLayer).toBe(201_326_592);
    const t = totals(arStepOps(m, 512, 'fp16'));
    const attn = 32 * 2 * 32 * 128 * 513;
    expect(t.macs).toBe(32 * perLayer + 4096 * 50272 + attn);
    expect(t.kv_read_bytes).toBe(32 * 2 * 512 * 4096 * 2);
  });
});

describe('Medusa heads (Vicuna-7B)', () => {
  it('5 x (ResBlock 4096 x 4096 + LM head 4096 x 32000) MACs and weight bytes, once per step', () => {
    const t = totals(draftOps(MODELS['medusa-vicuna-7b'], { kind: 'chain', k: 4 }, 100, 'fp16'));
    expect(t.macs).toBe(5 * (4096 * 4096 + 4096 * 32000));
    expect(t.weight_bytes).toBe(2 * 5 * (4096 * 4096 + 4096 * 32000));
    expect(t.kv_read_bytes).toBe(0);
  });
});

describe('draft phases', () => {
  it('a chain of k tokens runs the draft model k times with growing context (mean context is exact)', () => {
    const d = getModel('llama-68m');
    const k4 = totals(draftOps(d, { kind: 'chain', k: 4 }, 100, 'fp16'));
    const one = (ctx: number) => totals(arStepOps(d, ctx, 'fp16'));
    const sum = [100, 101, 102, 103].reduce((s, c) => s + one(c).kv_read_bytes, 0);
    expect(k4.kv_read_bytes).toBeCloseTo(sum, 6);
    expect(k4.weight_bytes).toBe(4 * one(100).weight_bytes);
  });
  it('EAGLE: fc + one layer + LM head per depth, M = the width of the depth', () => {
    const e = MODELS['eagle-vicuna-7b'];
    const t = totals(draftOps(e, { kind: 'tree', widths: [1, 4, 8] }, 0, 'fp16'));
    const layer = 4096 * 12288 + 4096 * 4096 + 4096 * 22016 + 11008 * 4096;
    const perToken = 2 * 4096 * 4096 + layer + 4096 * 32000;
    const attnMacs = [1, 4, 8].reduce((s, w, i) => s + 2 * 32 * 128 * w * ([0, 1, 5][i]! + w), 0);
    expect(t.macs).toBe(13 * perToken + attnMacs);
  });
});
