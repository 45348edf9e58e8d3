/**
 * Derived numbers of every memory, PIM, NPU and GPU preset against the figure its source states
 * (docs/references.md). A preset is added here when it is added to its catalogue: the tests
 * fail on a preset they do not know.
 */
import { describe, expect, it } from 'vitest';
import { DRAM_PRESETS, resolvePlatform } from '../../src/platform/platforms.js';
import { resolveLpddr5 } from '../../src/hw/lpddr5/spec.js';
import { memoryPort } from '../../src/hw/memory-port.js';
import { PIM_PRESETS } from '../../src/hw/pim/presets.js';
import { pimChannelGops } from '../../src/hw/pim/spec.js';
import { NPU_PRESETS } from '../../src/hw/npu/presets.js';
import { npuPeakTops } from '../../src/hw/npu/spec.js';
import { GPU_PRESETS, gpuCost } from '../../src/hw/gpu/model.js';
import { matmulOp, pimSystem } from '../../src/platform/cost.js';
import { unitInternalGbps } from '../../src/hw/pim/model.js';

/** Stated sustained streaming bandwidth of one channel, GB/s, and where it is stated. */
const DRAM: Record<string, [gbps: number, source: string]> = {
  'lpddr5-6400-x16': [12.8, 'MICRON-LPDDR5: 12.8 GB/s per x16 channel at 6400 Mb/s'],
  'lpddr5-ahasd': [12.8, 'AHASD Table: 51.2 GB/s off-chip over 4 x16 channels'],
  'hbm2-2gbps-pch': [16, 'PIMSIM: 64-bit pseudo-channel at 2 Gb/s per pin'],
  'gddr6-16gbps-x16': [32, 'AIM-ISSCC22: 16 Gb/s per pin on a x16 channel'],
};

describe('DRAM presets: sustained streaming bandwidth = the stated figure (refresh off), less refresh (on)', () => {
  it('every preset is covered', () => expect(Object.keys(DRAM_PRESETS).sort()).toEqual(Object.keys(DRAM).sort()));
  it.each(Object.entries(DRAM))('%s', (id, [gbps]) => {
    const r = resolveLpddr5(DRAM_PRESETS[id]!);
    expect(r.peak_bandwidth_gbps).toBeCloseTo(gbps, 6);
    expect(memoryPort(r, 1, 'bg-interleaved', false, 32).bandwidth_gbps).toBeCloseTo(gbps, 6);
    const on = memoryPort(r, 1, 'bg-interleaved', true, 32).bandwidth_gbps;
    expect(on).toBeLessThan(gbps);
    expect(on).toBeGreaterThan(0.85 * gbps);
  });
  it("AHASD's table at its reading sustains the 51.2 GB/s it states over 4 channels (the 800 MHz reading gave 23 GB/s)", () => {
    const p = resolvePlatform('ahasd', ['dram.refresh=off']);
    expect(p.memory.bandwidth_gbps).toBeCloseTo(51.2, 6);
  });
});

/** Stated peak compute per channel (GOPS, 2 ops per MAC) and internal bandwidth per channel (GB/s). */
const PIM: Record<string, [gops: number, internalGbps: number, platform: string, source: string]> = {
  'samsung-lpddr5-pim': [102.4, 102.4, 'gemv-pim', 'H2LLM Table 2: 102.4 GFLOPS and 102.4 GB/s per channel (one 32 B burst per tCCD_L of 5 ns per unit)'],
  'lp-spec-pim': [409.6, 409.6, 'lp-spec', 'LPSPEC Sec. VI-A: 409.6 GOPS per die; Sec. II-B: 409.6 GB/s'],
  'ahasd-lpddr5-pim': [4 * 102.4, 4 * 256, 'ahasd', 'AHASD-ART: 102.4 GOPS per rank; 256 GB/s per rank (reading); 4 ranks per channel'],
  'hbm2-pim': [8 * 9.6, 8 * 8, 'hbm2-pim', 'AQUABOLT: 9.6 GFLOPS per PCU, 8 per pseudo-channel; one 32 B column per tCCD_L (4 ns)'],
  'gddr6-aim': [512, 512, 'specpim-gddr6-aim', 'H2LLM Table 2: 512 GFLOPS and 512 GB/s per channel'],
};

describe('PIM presets: peak compute and internal bandwidth per channel = the stated figures', () => {
  it('every preset is covered', () => expect(Object.keys(PIM_PRESETS).sort()).toEqual(Object.keys(PIM).sort()));
  it.each(Object.entries(PIM))('%s', (id, [gops, internal, platform]) => {
    const p = PIM_PRESETS[id as keyof typeof PIM_PRESETS];
    expect(pimChannelGops(p)).toBeCloseTo(gops, 6);
    const s = pimSystem(resolvePlatform(platform));
    expect(s.pim.id).toBe(id);
    expect(unitInternalGbps(s) * p.units_per_channel).toBeCloseTo(internal, 6);
  });
  it('platform totals: LP-Spec 12 dies = 4.9152 TOPS; AHASD 16 ranks = 1.6384 TOPS; HBM-PIM 16 pseudo-channels = 1.2288 TFLOPS (Aquabolt-XL 1.2 TFLOPS per cube)', () => {
    const total = (id: string) => {
      const c = resolvePlatform(id).config.pim!;
      return pimChannelGops(c) * c.channels;
    };
    expect(total('lp-spec')).toBeCloseTo(4915.2, 6);
    expect(total('ahasd')).toBeCloseTo(1638.4, 6);
    expect(total('specpim-hbm-pim')).toBeCloseTo(1228.8, 6);
  });
});

const NPU: Record<string, [tops: number, source: string]> = {
  'npu-ahasd': [16, 'AHASD Table: 16 TOPS INT8 (2 x 64 x 64 at 1 GHz = 16.38)'],
  'npu-lp-spec': [32.8, 'LPSPEC Table II: 32.8 TOPS INT8'],
  'npu-tpu-llm': [0.2048, 'PIMLLM Sec. III: 32 x 32 PEs at 100 MHz'],
};

describe('NPU presets: peak INT8 matrix throughput = the stated figure (within the rounding of the array size)', () => {
  it('every preset is covered', () => expect(Object.keys(NPU_PRESETS).sort()).toEqual(Object.keys(NPU).sort()));
  it.each(Object.entries(NPU))('%s', (id, [tops]) => {
    expect(npuPeakTops(NPU_PRESETS[id as keyof typeof NPU_PRESETS]) / tops).toBeGreaterThan(0.99);
    expect(npuPeakTops(NPU_PRESETS[id as keyof typeof NPU_PRESETS]) / tops).toBeLessThan(1.03);
  });
});

/**
 * Datasheet memory bandwidth (GB/s), the memory utilisation (AttAcc's 0.85 cap, or a measured
 * batch-1 decoding fraction), FP16 tensor TFLOPS at the rate PyTorch's FP16 GEMMs run
 * (FP32 accumulate), dense INT8 TOPS, board power (W).
 */
const GPU: Record<string, [gbps: number, memUtil: number, fp16: number, int8: number, watts: number]> = {
  'rtx4090-laptop': [576, 0.85, 151.76, 303.51, 140],
  // 55.1 tokens/s x 13.32 GB per token on an RTX 3090 [EAGLE-ART], [GPTFAST]; GeForce FP32-accumulate rate [NV-GA102].
  rtx3090: [936, (55.1 * 1397.31) / 104.9 / 936, 71, 284, 350],
  'jetson-agx-orin': [204.8, 0.85, 42.5, 85, 60],
  a100: [1555, 0.85, 312, 624, 400],
  // 1397.31 GB/s measured by gpt-fast on an A100-80GB [GPTFAST].
  'a100-80gb': [2039, 1397.31 / 2039, 312, 624, 400],
  'rtx-a6000': [768, 0.85, 154.8, 309.7, 300],
};

describe('GPU presets: a weight stream runs at the memory utilisation of the datasheet bandwidth; a large GEMM at 0.8 of its tensor peak', () => {
  it('every preset is covered', () => expect(Object.keys(GPU_PRESETS).sort()).toEqual(Object.keys(GPU).sort()));
  it.each(Object.entries(GPU))('%s', (id, [gbps, memUtil, fp16, int8, watts]) => {
    const g = GPU_PRESETS[id as keyof typeof GPU_PRESETS];
    const gemv = matmulOp(1, 8192, 8192, 'fp16');
    const bytes = gemv.weight_bytes + gemv.act_in_bytes + gemv.act_out_bytes;
    expect(g.memory_utilization).toBeCloseTo(memUtil, 3);
    expect(gpuCost(g, gemv).time_ns - g.kernel_launch_ns).toBeCloseTo(bytes / (gbps * memUtil), 0);
    const gemm = matmulOp(8192, 8192, 8192, 'fp16');
    expect((2 * gemm.macs) / (gpuCost(g, gemm).time_ns - g.kernel_launch_ns) / 1000).toBeCloseTo(fp16 * 0.8, 3);
    expect(g.int8_tops).toBeCloseTo(int8, 3);
    expect(g.board_power_w).toBe(watts);
    expect(g.idle_power_w).toBeLessThan(g.board_power_w);
    // Two GPUs halve the time of a bandwidth-bound operator (tensor parallel).
    expect(gpuCost(g, gemv, 2).time_ns - g.kernel_launch_ns).toBeCloseTo(bytes / (gbps * memUtil) / 2, 0);
  });
});
