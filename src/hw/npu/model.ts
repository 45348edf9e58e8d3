/**
 * NPU operator timing: GEMM compute cycles from the systolic model (FP16 at `fp16_rate`),
 * external traffic (weights, KV cache, and activations that do not fit the scratchpad)
 * streamed from LPDDR5, overlapped by double buffering (time = max(compute, memory) plus
 * the first tile's load); vector ops on the vector unit. A preset's utilisation caps (AttAcc's
 * 0.8 compute / 0.85 memory, as CAPIM applies them) bound compute and memory time from below:
 * each is the larger of the timing model's figure and the work at the capped peak rate. Returns time and action counts.
 */
import type { Op } from '../../workload/ops.js';
import { PRECISIONS } from '../../workload/ops.js';
import type { MemoryPort } from '../memory-port.js';
import type { NpuSpec } from './spec.js';
import { systolicCycles } from './systolic.js';
import type { DeviceCost } from '../device-cost.js';

/** The DRAM timing model's stream, or `utilization` x the interface's peak bandwidth if that is slower. */
function capped(mem: MemoryPort, bytes: number, utilization: number): { time_ns: number; row_activations: number } {
  const d = mem.stream(bytes);
  const floor = bytes / (mem.dram.peak_bandwidth_gbps * mem.channels * utilization);
  return { time_ns: Math.max(d.time_ns, floor), row_activations: d.row_activations };
}

export function npuCost(npu: NpuSpec, mem: MemoryPort, op: Op): DeviceCost {
  const freqGhz = npu.freq_mhz / 1000;
  const p = PRECISIONS[op.precision];
  if (op.kind === 'vector') {
    const t = op.vector_ops / npu.vector_gops;
    return { time_ns: t, cycles: Math.ceil(t * freqGhz), compute_cycles: 0, utilization: 0, actions: { npu_vector_ops: op.vector_ops } };
  }
  const s = systolicCycles(op.m, op.k, op.n, op.batch, npu.rows, npu.cols, npu.cores, npu.dataflow);
  const rate = p.mac === 'fp16' ? npu.fp16_rate : 1;
  // The systolic count, or the utilisation cap on peak MAC throughput if that is slower.
  const capCycles = op.macs / (npu.rows * npu.cols * npu.cores * rate * npu.compute_utilization);
  const computeCycles = Math.ceil(Math.max(s.compute_cycles / rate, capCycles));
  const tCompute = computeCycles / freqGhz;
  const actBytes = op.act_in_bytes + op.act_out_bytes;
  const spill = actBytes > npu.scratchpad_bytes ? actBytes : 0;
  const readBytes = op.weight_bytes + op.kv_read_bytes + (spill > 0 ? op.act_in_bytes : 0);
  const writeBytes = op.kv_write_bytes + (spill > 0 ? op.act_out_bytes : 0);
  const dram = capped(mem, readBytes + writeBytes, npu.memory_utilization);
  const tileBytes = (npu.rows * npu.cols * p.weight_bits) / 8;
  const prologue = readBytes > 0 ? Math.min(dram.time_ns, capped(mem, Math.min(readBytes, tileBytes * npu.cores), npu.memory_utilization).time_ns) : 0;
  const time = Math.max(tCompute, dram.time_ns) + (tCompute >= dram.time_ns ? prologue : 0);
  const peakMacs = computeCycles * npu.rows * npu.cols * npu.cores;
  return {
    time_ns: time,
    cycles: Math.ceil(time * freqGhz),
    compute_cycles: computeCycles,
    utilization: peakMacs > 0 ? op.macs / peakMacs : 0,
    actions: {
      [p.mac === 'fp16' ? 'npu_macs_fp16' : 'npu_macs_int8']: op.macs,
      npu_core_cycles: computeCycles * npu.cores,
      dram_external_bytes: readBytes + writeBytes,
      dram_row_activations: dram.row_activations,
      scratchpad_bytes: readBytes + writeBytes + actBytes,
    },
  };
}
