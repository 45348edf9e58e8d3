/**
 * The eager-PyTorch GPUs: autoregressive LLaMA-7B decoding priced on each returns the
 * measured eager rate its host time per operator was derived from, and the host time is
 * what separates eager from compiled decoding.
 */
import { describe, expect, it } from 'vitest';
import { EAGER_GPU_PRESETS, LLAMA_7B_FORWARD_OPS } from '../../src/hw/gpu/eager.js';
import { GPU_PRESETS, gpuCost, type GpuSpec } from '../../src/hw/gpu/model.js';
import { arStepOps } from '../../src/workload/decompose.js';
import { MODELS } from '../../src/workload/models.js';

const VICUNA = MODELS['vicuna-7b'];
/** One autoregressive step at a short context (the measurements' prompts are short), ms. */
const stepMs = (g: GpuSpec, context = 256) => arStepOps(VICUNA, context, 'fp16').reduce((t, op) => t + gpuCost(g, op).time_ns * op.repeat, 0) / 1e6;

/** Measured eager tokens/s each preset reproduces, and where it was measured. */
const MEASURED: Record<keyof typeof EAGER_GPU_PRESETS, [tokensPerS: number, source: string]> = {
  'rtx3090-eager': [24.5, 'EAGLE-ART README: vanilla Hugging Face on one RTX 3090'],
  'a100-80gb-eager': [25.5, 'GPTFAST-BLOG: eager starting point on an A100-80GB'],
  'a6000-eager': [41244 / 1060.6, "REST-ART: REST's autoregressive baseline on its RTX A6000"],
};

describe('eager GPUs', () => {
  it('one LLaMA-7B forward is 386 operators in this decomposition', () => {
    expect(arStepOps(VICUNA, 256, 'fp16').reduce((n, op) => n + op.repeat, 0)).toBe(LLAMA_7B_FORWARD_OPS);
  });
  it('every preset is covered', () => expect(Object.keys(EAGER_GPU_PRESETS).sort()).toEqual(Object.keys(MEASURED).sort()));
  it.each(Object.entries(MEASURED))('%s: autoregressive decoding at the measured eager rate (within 2%%)', (id, [rate]) => {
    const g = EAGER_GPU_PRESETS[id as keyof typeof EAGER_GPU_PRESETS];
    expect(1000 / stepMs(g) / rate).toBeGreaterThan(0.98);
    expect(1000 / stepMs(g) / rate).toBeLessThan(1.02);
  });
  it('the compiled RTX 3090 (no host time) decodes at the rate gpt-fast measured on it (55.1 tokens/s, within 3%)', () => {
    const compiled = { ...GPU_PRESETS.rtx3090, kernel_launch_ns: 0 };
    expect(1000 / stepMs(compiled) / 55.1).toBeGreaterThan(0.97);
    expect(1000 / stepMs(compiled) / 55.1).toBeLessThan(1.03);
  });
});
