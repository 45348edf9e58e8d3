/**
 * Roofline GPU devices for the papers' GPU baselines: time = max(2 MACs / (peak x compute
 * utilization cap), bytes / (bandwidth x memory utilization cap)) + a kernel launch; the caps
 * are AttAcc's SCALING_FACTOR (0.8 compute, 0.85 memory) [ATTACC src/config.py]. `count` GPUs
 * split every operator evenly (tensor parallel: compute and bandwidth add up; the
 * all-reduces between them are not modelled). Energy: the board power while busy (each of the
 * `count` boards), the idle power otherwise; the action `gpu_busy_ns` counts GPU-busy
 * nanoseconds summed over the boards, priced at board minus idle power by the platform's
 * energy table (`platform/energy-table.ts`), the idle power being the GPU's static power.
 */
import type { Op } from '../../workload/ops.js';
import { PRECISIONS } from '../../workload/ops.js';
import type { DeviceCost } from '../device-cost.js';

export interface GpuSpec {
  readonly id: string;
  readonly description: string;
  /** Dense tensor throughput, TFLOPS (FP16 with FP16 accumulate) and TOPS (INT8). */
  readonly fp16_tflops: number;
  readonly int8_tops: number;
  readonly vector_tflops: number;
  readonly memory_gbps: number;
  readonly compute_utilization: number;
  readonly memory_utilization: number;
  readonly kernel_launch_ns: number;
  readonly freq_mhz: number;
  /** Board power while a kernel runs, W. */
  readonly board_power_w: number;
  /** Board power while idle, W. */
  readonly idle_power_w: number;
  readonly sources: readonly string[];
  readonly readings: readonly string[];
}

const ATTACC_CAPS = 'AttAcc simulator src/config.py: utilisation caps 0.8 compute, 0.85 memory';

export const GPU_PRESETS = {
  'rtx4090-laptop': {
    id: 'rtx4090-laptop',
    description: 'NVIDIA GeForce RTX 4090 Laptop GPU (AD103, 76 SMs, ~1.95 GHz, 16 GB GDDR6 576 GB/s)',
    fp16_tflops: 151.76,
    int8_tops: 303.51,
    vector_tflops: 37.94,
    memory_gbps: 576,
    compute_utilization: 0.8,
    memory_utilization: 0.85,
    kernel_launch_ns: 5000,
    freq_mhz: 1950,
    board_power_w: 140,
    idle_power_w: 10,
    sources: [
      '[RTX4090L-SPEC]: GeForce RTX 4090 Laptop 140 W configuration (76 SMs, 1950 MHz boost, FP16 tensor 151.76 TFLOPS with FP16 accumulate, INT8 303.51 TOPS dense, 576 GB/s)',
      '[NV-RTX40-LAPTOP]: RTX 4090 Laptop GPU maximum graphics power 80-150 W',
      ATTACC_CAPS,
    ],
    readings: [
      'the 140 W variant; AHASD does not state the power limit of its RTX 4090 Laptop',
      'board power 140 W while busy (the configured graphics power: an upper bound for memory-bound decoding)',
      'idle power 10 W: no source states it for this part (unknown; a laptop GPU idles at a few to about 10 W)',
      'a 5 us kernel launch + sync per operator (not stated)',
    ],
  },
  'rtx3090': {
    id: 'rtx3090',
    description: 'NVIDIA GeForce RTX 3090 (GA102, 936 GB/s)',
    fp16_tflops: 71,
    int8_tops: 284,
    vector_tflops: 35.6,
    memory_gbps: 936,
    compute_utilization: 0.8,
    // 55.1 tokens/s x (1397.31 GB/s / 104.9 tokens/s) per token, of 936 GB/s.
    memory_utilization: (55.1 * 1397.31) / 104.9 / 936,
    kernel_launch_ns: 5000,
    freq_mhz: 1695,
    board_power_w: 350,
    idle_power_w: 16,
    sources: [
      '[NV-GA102]: RTX 3090 FP16 tensor 71 TFLOPS with FP32 accumulate (142 with FP16 accumulate), INT8 284 TOPS, FP32 35.6 TFLOPS, 936 GB/s, total graphics power 350 W',
      '[PYTORCH-CUBLAS aten/src/ATen/cuda/CUDABlas.cpp]: PyTorch runs FP16 GEMMs through cublasGemmEx with FP32 compute (accumulate)',
      '[EAGLE-ART README.md "With gpt-fast"]: LLaMA-2-chat 7B FP16 on one RTX 3090 under gpt-fast (compiled, batch 1): 55.1 tokens/s',
      '[GPTFAST README.md "Benchmarks"]: LLaMA-2-7B bf16 moves 1397.31 GB/s at 104.9 tokens/s (13.32 GB per token)',
      '[REVIEW-RTX3090]: RTX 3090 Founders Edition measured at about 16 W idle (single monitor)',
      ATTACC_CAPS,
    ],
    readings: [
      'FP16 at the FP32-accumulate rate (71 TFLOPS): the rate PyTorch-run FP16 GEMMs get on a GeForce part',
      'memory utilisation 0.784 measured for batch-1 decoding: 55.1 tokens/s x 13.32 GB per token = 734 GB/s of 936 (gpt-fast on an RTX 3090); compute keeps AttAcc\'s 0.8 cap',
      'board power 350 W while busy (the total graphics power: an upper bound for memory-bound decoding)',
      'a 5 us kernel launch + sync per operator (not stated; a compiled or graph-captured forward)',
    ],
  },
  'a100-80gb': {
    id: 'a100-80gb',
    description: 'NVIDIA A100 SXM4 80 GB (2039 GB/s)',
    fp16_tflops: 312,
    int8_tops: 624,
    vector_tflops: 19.5,
    memory_gbps: 2039,
    compute_utilization: 0.8,
    memory_utilization: 1397.31 / 2039,
    kernel_launch_ns: 5000,
    freq_mhz: 1410,
    board_power_w: 400,
    idle_power_w: 50,
    sources: [
      '[NV-A100]: A100 80 GB SXM4: FP16 tensor 312 TFLOPS dense (FP32 accumulate at the same rate), INT8 624 TOPS, 2039 GB/s, 400 W max TDP',
      '[GPTFAST README.md "Benchmarks"]: LLaMA-2-7B bf16 on an A100-80GB (power-limited to 330 W), batch 1, compiled: 104.9 tokens/s at 1397.31 GB/s',
      ATTACC_CAPS,
    ],
    readings: [
      'the SXM4 part (2039 GB/s); Spec-Bench names "a single NVIDIA A100 GPU (80GB)" without the form factor (PCIe: 1935 GB/s)',
      'memory utilisation 0.685 measured for batch-1 decoding: 1397.31 of 2039 GB/s (gpt-fast, compiled)',
      'board power 400 W while busy (the TDP: an upper bound for memory-bound decoding)',
      'idle power 50 W: not stated by the datasheet (unknown; SXM4 boards idle at roughly 50-60 W)',
    ],
  },
  'rtx-a6000': {
    id: 'rtx-a6000',
    description: 'NVIDIA RTX A6000 (GA102, 48 GB GDDR6, 768 GB/s)',
    fp16_tflops: 154.8,
    int8_tops: 309.7,
    vector_tflops: 38.7,
    memory_gbps: 768,
    compute_utilization: 0.8,
    memory_utilization: 0.85,
    kernel_launch_ns: 5000,
    freq_mhz: 1800,
    board_power_w: 300,
    idle_power_w: 20,
    sources: [
      '[NV-A6000]: RTX A6000: FP16 tensor 154.8 TFLOPS dense (FP32 accumulate at full rate on the professional part), INT8 309.7 TOPS, FP32 38.7 TFLOPS, 768 GB/s, 300 W board power',
      ATTACC_CAPS,
    ],
    readings: [
      'memory utilisation: AttAcc\'s 0.85 cap (no batch-1 decoding measurement on this part)',
      'board power 300 W while busy (an upper bound); idle power 20 W: not stated (unknown)',
    ],
  },
  'jetson-agx-orin': {
    id: 'jetson-agx-orin',
    description: 'NVIDIA Jetson AGX Orin 64 GB GPU (Ampere, 2048 CUDA cores, 64 tensor cores, LPDDR5 204.8 GB/s)',
    fp16_tflops: 42.5,
    int8_tops: 85,
    vector_tflops: 5.3,
    memory_gbps: 204.8,
    compute_utilization: 0.8,
    memory_utilization: 0.85,
    kernel_launch_ns: 5000,
    freq_mhz: 1300,
    board_power_w: 60,
    idle_power_w: 5,
    sources: [
      '[NV-ORIN-TB]: GPU of 2048 CUDA cores (5.3 FP32 TFLOPS) and 64 third-generation tensor cores (170 sparse INT8 TOPS), 1.3 GHz, 204.8 GB/s LPDDR5, module power 15-60 W',
      '[AHASD-ART configs/baselines/edge_gpu_orin.json]: the artifact\'s GPU-only baseline is a Jetson AGX Orin proxy (204.8 GB/s, 64 tensor cores, 2048 CUDA cores)',
      ATTACC_CAPS,
    ],
    readings: [
      'dense INT8 = half the sparse 170 TOPS; FP16 tensor = half of dense INT8',
      'board power 60 W while busy (the MAXN module limit: an upper bound)',
      'idle power 5 W: not stated (unknown)',
      'the artifact executes the proxy with two 800 MHz 32 B DDR channels (102.4 GB/s); the nominal 204.8 GB/s is taken',
    ],
  },
  'a100': {
    id: 'a100',
    description: 'NVIDIA A100 SXM4 40 GB (1555 GB/s)',
    fp16_tflops: 312,
    int8_tops: 624,
    vector_tflops: 19.5,
    memory_gbps: 1555,
    compute_utilization: 0.8,
    memory_utilization: 0.85,
    kernel_launch_ns: 5000,
    freq_mhz: 1410,
    board_power_w: 400,
    idle_power_w: 50,
    sources: ['[NV-A100]: FP16 tensor 312 TFLOPS dense, INT8 624 TOPS, FP32 19.5 TFLOPS, 1555 GB/s (40 GB SXM4), max TDP 400 W', ATTACC_CAPS],
    readings: [
      'the 40 GB SXM4 part; AttAcc\'s "A100a" (3352 GB/s) is a modified device not modelled here',
      'board power 400 W while busy (the TDP: an upper bound for memory-bound decoding)',
      'idle power 50 W: not stated by the datasheet (unknown; SXM4 boards idle at roughly 50-60 W)',
    ],
  },
} as const satisfies Record<string, GpuSpec>;

export function gpuCost(g: GpuSpec, op: Op, count = 1): DeviceCost {
  const p = PRECISIONS[op.precision];
  const bytes = op.weight_bytes + op.kv_read_bytes + op.kv_write_bytes + op.act_in_bytes + op.act_out_bytes;
  const tMem = bytes / (count * g.memory_gbps * g.memory_utilization);
  const peakOpsPerNs = count * (op.kind === 'vector' ? g.vector_tflops * 1000 : (p.mac === 'fp16' ? g.fp16_tflops : g.int8_tops) * 1000);
  const work = op.kind === 'vector' ? op.vector_ops : 2 * op.macs;
  const tCompute = work / (peakOpsPerNs * g.compute_utilization);
  const time = Math.max(tCompute, tMem) + g.kernel_launch_ns;
  const f = g.freq_mhz / 1000;
  return {
    time_ns: time,
    cycles: Math.ceil(time * f),
    compute_cycles: Math.ceil(tCompute * f),
    utilization: work / (peakOpsPerNs * time),
    actions: { gpu_flops: op.kind === 'vector' ? 0 : 2 * op.macs, gpu_vector_ops: op.kind === 'vector' ? op.vector_ops : 0, gpu_dram_bytes: bytes, gpu_busy_ns: time * count },
  };
}
