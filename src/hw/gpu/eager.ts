/**
 * GPUs driven by eager PyTorch at batch 1, as the GPU speculative-decoding measurements ran
 * them (Spec-Bench, REST): every operator also pays the framework's host time (Python,
 * dispatch, kernel launch) that a compiled forward does not. The host time per operator is
 * derived from a measured pair for the same model on the same GPU: (time per token eager -
 * time per token of this model's compiled forward on that GPU) / the operators of one
 * LLaMA-7B forward in this decomposition (32 layers x 12 + final norm + LM head = 386).
 * A test replays autoregressive decoding on each and checks the measured rate comes back.
 */
import { GPU_PRESETS, type GpuSpec } from './model.js';

/** Operators of one LLaMA-7B forward in this decomposition (what the host time is spread over). */
export const LLAMA_7B_FORWARD_OPS = 386;

function eager(g: GpuSpec, id: string, hostNsPerOp: number, sources: readonly string[], readings: readonly string[]): GpuSpec {
  return {
    ...g,
    id,
    description: `${g.description}, eager PyTorch at batch 1`,
    kernel_launch_ns: hostNsPerOp,
    sources: [...g.sources, ...sources],
    readings: [...g.readings.filter((r) => !r.includes('kernel launch')), ...readings],
  };
}

export const EAGER_GPU_PRESETS = {
  'rtx3090-eager': eager(
    GPU_PRESETS.rtx3090,
    'rtx3090-eager',
    58_700,
    ['[EAGLE-ART README.md "With gpt-fast"]: LLaMA-2-chat 7B FP16 on one RTX 3090, MT-Bench: vanilla (eager Hugging Face) 24.5 tokens/s, gpt-fast 55.1 tokens/s'],
    [
      'host time 58.7 us per operator: (1 / 24.5 - 1 / 55.1) s = 22.7 ms per LLaMA-7B forward over 386 operators (EAGLE\'s vanilla baseline, its own copy of transformers\' LLaMA with a preallocated KV cache run eagerly [EAGLE-ART eagle/evaluation/gen_baseline_answer_llama2chat.py], against gpt-fast on one RTX 3090)',
      'the host time of the measurement\'s CPU and software; Spec-Bench\'s machine (12 CPU cores, PyTorch 2.5.1) is not measured on its own',
    ],
  ),
  'a100-80gb-eager': eager(
    GPU_PRESETS['a100-80gb'],
    'a100-80gb-eager',
    76_900,
    ['[GPTFAST-BLOG "Starting Point"]: LLaMA-7B on an A100-80GB (330 W), batch 1, a basic eager implementation: 25.5 tokens/s, "heavily CPU overhead bound"'],
    [
      'host time 76.9 us per operator: (1 / 25.5 - 1 / 104.9) s = 29.7 ms per LLaMA-7B forward over 386 operators (gpt-fast\'s eager starting point against its compiled forward, both on an A100-80GB)',
      'the host time of that measurement; Spec-Bench\'s A100 machine (96 CPU cores, PyTorch 2.5.1) is not measured on its own',
    ],
  ),
  'a6000-eager': eager(
    GPU_PRESETS['rtx-a6000'],
    'a6000-eager',
    13_500,
    ['[REST-ART llm_judge/data/mt_bench/model_answer/baseline-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl]: autoregressive Vicuna-7B-v1.5 on MT-Bench, 41,244 tokens in 1,060.6 s (25.7 ms per token) on REST\'s RTX A6000'],
    [
      'host time 13.5 us per operator: (25.7 ms measured - 20.5 ms for this model\'s forward at 0.85 of 768 GB/s) over 386 operators (REST\'s own autoregressive baseline on its RTX A6000)',
      'the A6000 has no compiled (overhead-free) measurement: the forward\'s device time is this model\'s at AttAcc\'s 0.85 memory cap',
    ],
  ),
} as const satisfies Record<string, GpuSpec>;
