/** NPU, PIM, crossbar and GPU models on hand-computed cases; presets reproduce their published numbers. */
import { describe, expect, it } from 'vitest';
import { systolicCycles } from '../../src/hw/npu/systolic.js';
import { npuPeakTops } from '../../src/hw/npu/spec.js';
import { NPU_PRESETS } from '../../src/hw/npu/presets.js';
import { PIM_PRESETS } from '../../src/hw/pim/presets.js';
import { pimChannelGops } from '../../src/hw/pim/spec.js';
import { matmulOp, opCost, pimSystem } from '../../src/platform/cost.js';
import { unitInternalGbps } from '../../src/hw/pim/model.js';
import { resolvePlatform } from '../../src/platform/platforms.js';
import { xbarCost } from '../../src/hw/xbar/model.js';
import { XBAR_PRESETS } from '../../src/hw/xbar/spec.js';
import { gpuCost, GPU_PRESETS } from '../../src/hw/gpu/model.js';

describe('systolic array (SCALE-Sim analytical model)', () => {
  it('OS: (R + C + K - 2) x ceil(M/R) x ceil(N/C); WS: T = M; IS: S_C = M, T = N', () => {
    expect(systolicCycles(64, 4096, 128, 1, 32, 32, 1, 'os').compute_cycles).toBe((32 + 32 + 4096 - 2) * 2 * 4);
    expect(systolicCycles(1, 4096, 4096, 1, 32, 32, 1, 'ws').compute_cycles).toBe((64 + 32 + 1 - 2) * 128 * 128);
    expect(systolicCycles(16, 512, 256, 1, 32, 32, 1, 'is').compute_cycles).toBe((64 + 32 + 256 - 2) * 16 * 1);
  });
  it('one cycle shorter stream, one fold fewer: the bound is tight', () => {
    const a = systolicCycles(32, 100, 32, 1, 32, 32, 1, 'os').compute_cycles;
    const b = systolicCycles(32, 99, 32, 1, 32, 32, 1, 'os').compute_cycles;
    expect(a - b).toBe(1);
    expect(systolicCycles(33, 100, 32, 1, 32, 32, 1, 'os').compute_cycles).toBe(2 * a);
  });
  it('folds and batch spread over cores', () => {
    expect(systolicCycles(1, 64, 64, 16, 32, 32, 16, 'os').compute_cycles).toBe(2 * (32 + 32 + 64 - 2)); // 2 folds x 16 heads over 16 cores
  });
  // Cycle counts printed by SCALE-Sim v2's own compute classes (scalesim/compute/systolic_compute_
  // {os,ws,is}.py at commit 22f88b17f1dd3160e18bff5df165035bf8146e83): the row count of the
  // ifmap demand matrix of an M x K by K x N GEMM on an R x C array with ideal memory.
  const SCALESIM: readonly [m: number, k: number, n: number, r: number, c: number, os: number, ws: number, is: number][] = [
    [1, 64, 48, 8, 8, 468, 1104, 560],
    [4, 100, 70, 16, 16, 650, 1750, 812],
    [17, 33, 9, 8, 4, 387, 525, 675],
    [64, 256, 128, 32, 32, 2544, 5056, 3552],
    [1, 4096, 4096, 32, 32, 532224, 1556480, 536320],
    [16, 128, 512, 128, 128, 1528, 1592, 894],
    [5, 7, 3, 4, 8, 34, 38, 34],
  ];
  it.each(SCALESIM)('exact SCALE-Sim v2 cycles: M=%i K=%i N=%i on %i x %i', (m, k, n, r, c, os, ws, is) => {
    expect(systolicCycles(m, k, n, 1, r, c, 1, 'os').compute_cycles).toBe(os);
    expect(systolicCycles(m, k, n, 1, r, c, 1, 'ws').compute_cycles).toBe(ws);
    expect(systolicCycles(m, k, n, 1, r, c, 1, 'is').compute_cycles).toBe(is);
  });
  it("presets: AHASD 16 TOPS (2 x 64 x 64 at 1 GHz), LP-Spec 32.8 TOPS (16 x 32 x 32), PIM-LLM's 32 x 32 OS at 100 MHz", () => {
    expect(npuPeakTops(NPU_PRESETS['npu-ahasd'])).toBeCloseTo(16.384, 3);
    expect(npuPeakTops(NPU_PRESETS['npu-lp-spec'])).toBeCloseTo(32.768, 3);
    expect(NPU_PRESETS['npu-tpu-llm']).toMatchObject({ rows: 32, cols: 32, freq_mhz: 100, dataflow: 'os' });
  });
});

describe('NPU operator cost', () => {
  const p = resolvePlatform('mobile-npu-lpddr5');
  it('a decode GEMV is memory-bound: time = the weights streamed at the lower of the DRAM model\'s rate and 0.85 of peak (AttAcc\'s cap)', () => {
    const c = opCost(p, 'npu', matmulOp(1, 4096, 4096, 'int8'));
    const bytes = 4096 * 4096;
    expect(c.time_ns).toBeCloseTo(Math.max(p.memory.stream(bytes).time_ns, bytes / (51.2 * 0.85)), 6);
    expect(c.time_ns).toBeCloseTo(bytes / (51.2 * 0.85), 6); // the cap binds (the JEDEC stream sustains 48 GB/s)
    expect(c.compute_cycles).toBe(systolicCycles(1, 4096, 4096, 1, 32, 32, 16, 'ws').compute_cycles);
    expect(c.actions['npu_macs_int8']).toBe(4096 * 4096);
  });
  it('a large GEMM is compute-bound and reaches high utilization', () => {
    const c = opCost(p, 'npu', matmulOp(1024, 4096, 4096, 'int8'));
    expect(c.time_ns).toBeGreaterThan(p.memory.stream(4096 * 4096).time_ns);
    expect(c.utilization).toBeGreaterThan(0.5);
  });
  it('FP16 runs at half the INT8 MAC rate on these NPUs', () => {
    const i8 = opCost(p, 'npu', matmulOp(1024, 4096, 4096, 'int8'));
    const f16 = opCost(p, 'npu', matmulOp(1024, 4096, 4096, 'fp16'));
    expect(f16.compute_cycles).toBe(2 * i8.compute_cycles);
  });
});

describe('bank-level PIM', () => {
  it('Samsung LPDDR5-PIM: 102.4 GFLOPS and 102.4 GB/s per channel (16 units x one 32 B burst per tCCD_L)', () => {
    expect(pimChannelGops(PIM_PRESETS['samsung-lpddr5-pim'])).toBeCloseTo(102.4, 6);
    const s = pimSystem(resolvePlatform('gemv-pim'));
    expect(unitInternalGbps(s) * 16).toBeCloseTo(102.4, 6);
  });
  it("LP-Spec's PIM die 409.6 GOPS; AHASD's rank 102.4 GOPS (4 ranks per channel); HBM-PIM 9.6 GFLOPS per unit", () => {
    expect(pimChannelGops(PIM_PRESETS['lp-spec-pim'])).toBeCloseTo(409.6, 6);
    expect(pimChannelGops(PIM_PRESETS['ahasd-lpddr5-pim']) / 4).toBeCloseTo(102.4, 6);
    expect(pimChannelGops(PIM_PRESETS['hbm2-pim']) / 8).toBeCloseTo(9.6, 6);
  });
  it('GEMM on PIM steps with ceil(M / ALUs): LP-Spec (4 ALUs) costs the same for M = 1..4, twice for M = 5..8', () => {
    const p = resolvePlatform('lp-spec');
    const t = (m: number) => opCost(p, 'pim', matmulOp(m, 4096, 4096, 'int8')).time_ns;
    const inner = (m: number) => t(m) - 2 * PIM_PRESETS['lp-spec-pim'].mode_switch_ns - (m * 4096) / 12.8 - (m * 4096) / 51.2;
    expect(Math.abs(inner(4) / inner(1) - 1)).toBeLessThan(0.05);
    expect(inner(8) / inner(4)).toBeGreaterThan(1.9);
    expect(inner(5) / inner(4)).toBeGreaterThan(1.9);
  });
  it('a GEMV streams each unit\'s share of the weights: hand-computed for Samsung LPDDR5-PIM', () => {
    const p = resolvePlatform('gemv-pim', ['dram.refresh=off']);
    const c = opCost(p, 'pim', matmulOp(1, 4096, 4096, 'fp16'));
    const units = 16 * 12;
    const perUnit = Math.ceil((4096 * 4096 * 2) / units / 32) * 32;
    const switches = Math.ceil(perUnit / 2048);
    const stream = perUnit / 6.4 + switches * (15 + 15) * 1.25;
    const compute = Math.ceil(perUnit / 2 / 16) / 0.2;
    const tIn = (4096 * 2) / 12.8;
    const tOut = (4096 * 2) / Math.min(12.8 * 12, 51.2);
    expect(c.time_ns).toBeCloseTo(tIn + Math.max(stream, compute) + tOut + 2 * 60, 6);
    expect(c.actions['pim_mode_switches']).toBe(2);
  });
});

describe('analog crossbars (PIM-LLM)', () => {
  it('a 4096 x 4096 1-bit projection on 256 x 256 differential pairs: 512 crossbars, 8 input slices', () => {
    const x = XBAR_PRESETS['pim-llm-rram'];
    const c = xbarCost(x, matmulOp(1, 4096, 4096, 'w1a8')); // no memory port: the crossbar part alone
    const perSlice = 3.16 + 8 / 1 + 10;
    const reduce = 4 / 0.1 + 8 / 0.1;
    expect(c.time_ns).toBeCloseTo(8 * perSlice + reduce, 9);
    expect(c.actions['xbar_mvm_slices']).toBe(8 * 16 * 16 * 2);
    expect(c.actions['adc_conversions']).toBe(8 * 256 * 256); // one conversion per differential column pair
  });
});

describe('roofline GPUs', () => {
  it('time = max(2 MACs / (peak x 0.8), bytes / (bandwidth x 0.85)) + launch', () => {
    const g = GPU_PRESETS['rtx4090-laptop'];
    const op = matmulOp(1, 4096, 4096, 'fp16');
    const bytes = op.weight_bytes + op.act_in_bytes + op.act_out_bytes;
    expect(gpuCost(g, op).time_ns).toBeCloseTo(bytes / (576 * 0.85) + 5000, 6);
  });
});
